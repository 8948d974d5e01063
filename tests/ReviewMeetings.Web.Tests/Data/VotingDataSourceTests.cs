using Microsoft.Extensions.Configuration;
using Npgsql;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Tests.Data;

public sealed class VotingDataSourceTests
{
    private static NpgsqlConnectionStringBuilder SettingsOf(Dictionary<string, string?> values) =>
        new(VotingDataSource.Settings(new ConfigurationBuilder().AddInMemoryCollection(values).Build()));

    [Fact]
    public void Voting_multiplexes_the_apps_connection_string_on_a_few_connections()
    {
        var settings = SettingsOf(new() { ["ConnectionStrings:Default"] = "Host=db;Database=reviewmeetings;Username=app" });

        Assert.True(settings.Multiplexing);
        Assert.Equal(VotingDataSource.DefaultConnections, settings.MaxPoolSize);
        Assert.Equal(("db", "reviewmeetings", "app"), (settings.Host, settings.Database, settings.Username));
        // The app's own defaults come along.
        Assert.Equal(50, settings.MaxAutoPrepare);
        Assert.True(settings.NoResetOnClose);
    }

    [Fact]
    public void Multiplexing_and_the_number_of_connections_can_be_set()
    {
        var settings = SettingsOf(new()
        {
            ["ConnectionStrings:Default"] = "Host=db;Minimum Pool Size=10",
            ["Voting:Multiplexing"] = "false",
            ["Voting:DatabaseConnections"] = "4",
        });

        Assert.False(settings.Multiplexing);
        Assert.Equal(4, settings.MaxPoolSize);
        // A minimum above the maximum would make every connection attempt fail.
        Assert.Equal(4, settings.MinPoolSize);
    }
}
