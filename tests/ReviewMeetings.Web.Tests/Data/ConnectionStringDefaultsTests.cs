using Npgsql;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Tests.Data;

public sealed class ConnectionStringDefaultsTests
{
    [Fact]
    public void Statements_are_prepared_automatically_when_the_connection_string_does_not_say()
    {
        var result = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithDefaults("Host=db;Database=reviewmeetings;Username=app"));

        Assert.Equal(50, result.MaxAutoPrepare);
        Assert.Equal(2, result.AutoPrepareMinUsages);
        Assert.True(result.NoResetOnClose);
        Assert.Equal("db", result.Host);
        Assert.Equal("reviewmeetings", result.Database);
        Assert.Equal("app", result.Username);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;max auto prepare=5", 5)]
    [InlineData("Host=db;MaxAutoPrepare=7", 7)]
    public void An_explicit_setting_is_kept(string connectionString, int expected)
    {
        Assert.Equal(connectionString, DatabaseSetup.WithDefaults(connectionString));
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(DatabaseSetup.WithDefaults(connectionString)).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false")]
    [InlineData("Host=db;NoResetOnClose=false")]
    public void An_explicit_reset_setting_is_kept(string connectionString)
    {
        Assert.False(new NpgsqlConnectionStringBuilder(DatabaseSetup.WithDefaults(connectionString)).NoResetOnClose);
    }
}
