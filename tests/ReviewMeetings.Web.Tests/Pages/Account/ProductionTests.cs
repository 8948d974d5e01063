using System.Net;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Account;

/// <summary>The same seeded database served by the app in the Production environment.</summary>
public sealed class ProductionTests : AppTest
{
    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, settings: new Dictionary<string, string> { ["environment"] = "Production" });

    [Fact]
    public async Task Demo_passwords_do_not_work_in_Production()
    {
        using var session = Anonymous();

        using var response = await session.SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = "admin", ["Input.Password"] = DemoPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("演示账号只能在开发和测试环境中使用。", (await Session.ParseAsync(response)).Summary());
    }

    [Fact]
    public async Task Error_pages_are_Chinese_in_Production_too()
    {
        using var session = Anonymous();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "admin" });

        using var response = await session.Client.PostAsync("/Account/Login", content);
        var page = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("请求无效", page.Heading());
    }
}
