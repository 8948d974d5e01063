using System.Net;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages;

/// <summary>
/// /health/ready with the database up and a Chromium at the configured path, whether or not this machine has one:
/// the PDF check looks only for the file. Without it readiness is Degraded (<see cref="Documents.MissingChromiumTests"/>);
/// without the database it is Unhealthy (<see cref="ErrorPageTests"/>).
/// </summary>
public sealed class ReadinessTests : AppTest
{
    private static readonly string Chromium = StandInChromium();

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, settings: new Dictionary<string, string> { ["Pdf:ExecutablePath"] = Chromium });

    [Fact]
    public async Task Readiness_is_healthy_when_the_database_answers_and_chromium_is_installed()
    {
        using var session = Anonymous();

        using var ready = await session.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    private static string StandInChromium()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reviewmeetings-tests", "stand-in-chromium");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "chromium");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, "");
        }

        return path;
    }
}
