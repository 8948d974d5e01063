using System.Net;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages;

/// <summary>The app pointed at a database that does not exist: every query fails, which is the error page's job to hide.</summary>
public sealed class ErrorPageTests : AppTest
{
    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString.Replace("Database=", "Database=missing_", StringComparison.Ordinal), settings: new Dictionary<string, string> { ["DemoData:Enabled"] = "false", ["Serilog:MinimumLevel:Default"] = "Fatal", ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Fatal" });

    [Fact]
    public async Task Server_error_shows_a_Chinese_page_without_a_stack_trace()
    {
        using var session = Anonymous();

        // Even the login form needs the database: its antiforgery token is protected with keys stored there.
        using var response = await session.Client.GetAsync("/Account/Login");
        var page = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("系统出错了", page.Heading());
        Assert.Contains("如需联系系统管理员，请提供编号", page.MainText(), StringComparison.Ordinal);
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("missing_", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_reports_the_unreachable_database_while_liveness_stays_up()
    {
        using var session = Anonymous();

        using var live = await session.Client.GetAsync("/health");
        using var ready = await session.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }
}
