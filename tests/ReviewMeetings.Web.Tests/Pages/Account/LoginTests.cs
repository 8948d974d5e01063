using System.Net;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Account;

public sealed class LoginTests : AppTest
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_the_Chinese_login_page()
    {
        using var session = Anonymous();

        using var response = await session.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var page = await session.GetAsync("/Account/Login");
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("登录述职评议会管理系统", page.Heading());
        Assert.Null(page.QuerySelector("a[href*='Register']"));
    }

    [Fact]
    public async Task Correct_password_signs_in_and_shows_the_role_dashboard()
    {
        using var session = Anonymous();

        var home = await session.SubmitAndFollowAsync("/Account/Login", "form", new() { ["Input.UserName"] = "organizer", ["Input.Password"] = DemoPassword });

        Assert.Equal("您好，林晓燕", home.Heading());
        Assert.Contains("组织部工作人员 · 管理范围：中共清河区委员会", home.MainText(), StringComparison.Ordinal);
        Assert.NotNull(home.QuerySelector("nav a[href='/Organizations']"));
        Assert.NotNull(home.QuerySelector("nav a[href='/Admin/Users']"));
    }

    [Fact]
    public async Task Wrong_password_and_empty_fields_get_Chinese_messages()
    {
        using var session = Anonymous();

        using var wrong = await session.SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = "organizer", ["Input.Password"] = "wrong-password1" });
        var wrongPage = await Session.ParseAsync(wrong);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("用户名或密码错误。", wrongPage.Summary());
        Assert.Equal("organizer", ((AngleSharp.Html.Dom.IHtmlInputElement)wrongPage.QuerySelector("#Input_UserName")!).Value);

        using var empty = await session.SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = "", ["Input.Password"] = "" });
        var emptyPage = await Session.ParseAsync(empty);
        Assert.Equal("请填写用户名。", emptyPage.ErrorFor("Input.UserName"));
        Assert.Equal("请填写密码。", emptyPage.ErrorFor("Input.Password"));
    }

    [Fact]
    public async Task Five_failures_pause_the_name_briefly_instead_of_locking_the_account()
    {
        using var session = Anonymous();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await session.SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = "secretary", ["Input.Password"] = "not-it-123" });
            Assert.Equal("用户名或密码错误。", (await Session.ParseAsync(failed)).Summary());
        }

        using var paused = await session.SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = "secretary", ["Input.Password"] = DemoPassword });
        var page = await Session.ParseAsync(paused);

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("登录尝试过于频繁，请1分钟后再试。", page.Summary());
        Assert.Null(await DbAsync(db => db.Users.Where(u => u.UserName == "secretary").Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task Every_validation_message_the_login_form_carries_is_Chinese()
    {
        var page = await Anonymous().GetAsync("/Account/Login");

        var messages = page.QuerySelectorAll("form *").SelectMany(e => e.Attributes)
            .Where(a => a.Name.StartsWith("data-val-", StringComparison.Ordinal) && a.Name.IndexOf('-', 9) < 0)
            .Select(a => a.Value)
            .ToList();

        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.DoesNotMatch("[A-Za-z]{3,}", m));
    }

    [Fact]
    public async Task Disabled_account_cannot_sign_in()
    {
        await DbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "leader");
            user.IsDisabled = true;
            return await db.SaveChangesAsync();
        });
        using var session = Anonymous();

        using var response = await session.SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = "leader", ["Input.Password"] = DemoPassword });

        Assert.Equal("该账号已停用，无法登录。如有疑问请联系系统管理员。", (await Session.ParseAsync(response)).Summary());
    }

    [Fact]
    public async Task Return_url_must_stay_on_this_site()
    {
        using var session = Anonymous();
        var page = await session.GetAsync("/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F");

        using var response = await session.SubmitAsync(page, "form", new() { ["Input.UserName"] = "observer", ["Input.Password"] = DemoPassword });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        using var session = await SignInAsync("observer");
        var home = await session.GetAsync("/");

        using var response = await session.SubmitAsync(home, "form[action='/Account/Logout']", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await session.StatusOfAsync("/"));
    }

    [Fact]
    public async Task Post_without_antiforgery_token_is_refused()
    {
        using var session = Anonymous();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "admin", ["Input.Password"] = DemoPassword });

        using var response = await session.Client.PostAsync("/Account/Login", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求无效", (await Session.ParseAsync(response)).Heading(), StringComparison.Ordinal);
    }
}
