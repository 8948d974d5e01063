using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages;

public sealed class AuthorizationTests : AppTest
{
    [Fact]
    public void Every_page_declares_who_may_use_it()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract)
            .ToList();

        var undeclared = pages
            .Where(t => !t.IsDefined(typeof(AuthorizeAttribute), inherit: true) && !t.IsDefined(typeof(AllowAnonymousAttribute), inherit: true))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(pages.Count >= 15, $"Only {pages.Count} pages found.");
        Assert.Empty(undeclared);
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("secretary")]
    [InlineData("observer")]
    public async Task Only_administrators_and_organizers_reach_user_and_tree_management(string userName)
    {
        using var session = await SignInAsync(userName);
        foreach (var url in await ManagementUrlsAsync())
        {
            using var response = await session.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{userName} got {(int)response.StatusCode} for {url}");
            Assert.Equal("没有访问权限", (await Session.ParseAsync(response)).Heading());
        }
    }

    /// <summary>User and tree management pages for the 东城街道 unit and the demo secretary's account (inside 清河区).</summary>
    private async Task<string[]> ManagementUrlsAsync()
    {
        var unitId = await DbAsync(db => db.Organizations.Where(o => o.Name == "中共清河区东城街道工作委员会").Select(o => o.Id).SingleAsync());
        var userId = await DbAsync(db => db.Users.Where(u => u.UserName == "secretary").Select(u => u.Id).SingleAsync());
        return
        [
            "/Admin/Users", "/Admin/Users/Create", $"/Admin/Users/Edit/{userId}", $"/Admin/Users/ResetPassword/{userId}",
            $"/Admin/Users/Status/{userId}", "/Organizations/Create", $"/Organizations/Edit/{unitId}", $"/Organizations/Move/{unitId}",
            $"/Organizations/Secretary/{unitId}", $"/Organizations/Status/{unitId}",
        ];
    }

    [Fact]
    public async Task Organizers_reach_user_and_tree_management_inside_their_district()
    {
        using var session = await SignInAsync("organizer");
        foreach (var url in await ManagementUrlsAsync())
        {
            Assert.True(await session.StatusOfAsync(url) == HttpStatusCode.OK, url);
        }
    }

    [Fact]
    public async Task Forbidden_post_changes_nothing()
    {
        using var admin = await SignInAsync("admin");
        var unitId = await DbAsync(db => db.Organizations.Where(o => o.Name == "中共清河区西城街道工作委员会").Select(o => o.Id).SingleAsync());
        var editPage = await admin.GetAsync($"/Organizations/Edit/{unitId}");
        using var leader = await SignInAsync("leader");
        // The leader's own valid antiforgery token (any of their forms carries it), so only the role check can refuse.
        var token = (await leader.GetAsync("/")).QuerySelector<IHtmlInputElement>("form[method=post] input[name=__RequestVerificationToken]")!.Value;

        using var response = await leader.SubmitAsync(editPage, "main form", new() { ["Input.Name"] = "被篡改的名称", ["__RequestVerificationToken"] = token });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("没有访问权限", (await Session.ParseAsync(response)).Heading());
        Assert.Equal("中共清河区西城街道工作委员会", await DbAsync(db => db.Organizations.Where(o => o.Id == unitId).Select(o => o.Name).SingleAsync()));
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("organizer", true)]
    [InlineData("leader", false)]
    public async Task User_management_link_shows_only_for_administrators_and_organizers(string userName, bool visible)
    {
        using var session = await SignInAsync(userName);

        var home = await session.GetAsync("/");

        Assert.Equal(visible, home.QuerySelector("nav a[href='/Admin/Users']") is not null);
    }

    [Fact]
    public async Task Unknown_page_gets_the_Chinese_404_page()
    {
        using var session = await SignInAsync("organizer");

        var page = await session.GetAsync("/no-such-page", HttpStatusCode.NotFound);

        Assert.Equal("页面不存在", page.Heading());
    }

    [Fact]
    public async Task Health_endpoints_answer_without_signing_in()
    {
        using var session = Anonymous();

        using var live = await session.Client.GetAsync("/health");
        using var ready = await session.Client.GetAsync("/health/ready");

        // Whether readiness says Healthy or Degraded depends on Chromium (ReadinessTests); either way it answers, with 200.
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
