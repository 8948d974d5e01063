using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Live;

/// <summary>
/// The console's lifecycle steps ask first, in the status page's words: an unconfirmed post (script off, or a post the
/// console's script did not confirm) changes nothing and answers with the confirmation page.
/// </summary>
public sealed class ConsoleConfirmationTests : AppTest
{
    private const string Dongcheng = ConsoleTests.Dongcheng;
    private const string Xicheng = ConsoleTests.Xicheng;

    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 20);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private static string Console(Guid id) => $"/Live/Console/{id}";

    private Task<MeetingStatus> StatusAsync(Guid id) => DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Status).SingleAsync());

    private static (string? Title, string? Consequence, string? Ok, string? Warning) Asked(IElement button) =>
        (button.GetAttribute("data-confirm-title"), button.GetAttribute("data-confirm"), button.GetAttribute("data-confirm-ok"), button.GetAttribute("data-confirm-warning"));

    [Fact]
    public async Task Starting_the_meeting_on_the_console_asks_in_the_status_pages_words_and_warns_about_the_date()
    {
        var id = await DbAsync(db => new MeetingBuilder().On(new DateOnly(2026, 12, 28)).OnSite(Dongcheng, Xicheng).Published().SaveAsync(db));
        using var organizer = await SignInAsync("organizer");
        var console = await organizer.GetAsync(Console(id));
        var status = await organizer.GetAsync($"/Meetings/Status/{id}");

        var button = console.QuerySelector("form[action$='handler=StartSession'] button")!;
        Assert.Equal(Asked(status.QuerySelector("form[action*='handler=Advance'] button")!), Asked(button));
        Assert.Equal("确定开始会议？", button.GetAttribute("data-confirm-title"));
        Assert.Equal("今天（2026年12月20日）不是会议日期（2026年12月28日）。", button.GetAttribute("data-confirm-warning"));

        // A background post the user did not confirm gets the confirmation page, not a started meeting.
        using var background = await organizer.SubmitAsync(console, "form[action$='handler=StartSession']", [], accept: "application/json");
        using var unconfirmed = await organizer.SubmitAsync(console, "form[action$='handler=StartSession']", []);

        Assert.Equal(MeetingStatus.Published, await StatusAsync(id));
        Assert.Equal(0, await DbAsync(db => db.MeetingProgress.CountAsync(p => p.MeetingId == id)));
        foreach (var response in new[] { background, unconfirmed })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Session.ParseAsync(response);
            Assert.Equal("确定开始会议？", page.Heading());
            Assert.Contains("述职对象、述职顺序和议程不能再调整", page.MainText(), StringComparison.Ordinal);
            Assert.Equal("请注意：今天（2026年12月20日）不是会议日期（2026年12月28日）。", page.QuerySelector("main [role=alert]")!.TextContent.Trim());
            Assert.EndsWith($"/Live/Console/{id}?handler=StartSession", page.QuerySelector<IHtmlFormElement>("main form")!.Action, StringComparison.Ordinal);
            Assert.Equal(Console(id), page.QuerySelector<IHtmlAnchorElement>("main a.btn")!.PathName);
        }

        using var confirmed = await organizer.ConfirmAsync(unconfirmed);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(MeetingStatus.InSession, await StatusAsync(id));
        Assert.Equal("会议开始。", (await organizer.FollowAsync(confirmed)).GetElementById("live-message")!.TextContent.Trim());
    }

    [Fact]
    public async Task Opening_the_evaluation_on_the_console_asks_first_and_until_then_voting_stays_closed_and_the_rules_open()
    {
        var id = await DbAsync(db => new MeetingBuilder().On(new DateOnly(2026, 12, 20)).OnSite(Dongcheng, Xicheng).Published().SaveAsync(db));
        using var organizer = await SignInAsync("organizer");
        Assert.Equal("会议开始。", await ConsoleTests.PressAsync(organizer, id, "StartSession"));
        var console = await organizer.GetAsync(Console(id));
        var status = await organizer.GetAsync($"/Meetings/Status/{id}");

        var button = console.QuerySelector("form[action$='handler=StartEvaluation'] button")!;
        var statusButton = status.QuerySelectorAll("form[action*='handler=Advance']")
            .Single(f => f.QuerySelector("input[name=to]")!.GetAttribute("value") == "Evaluating").QuerySelector("button")!;
        Assert.Equal(Asked(statusButton), Asked(button));
        Assert.Null(console.QuerySelector("form[action$='handler=StartSession']"));

        using var unconfirmed = await organizer.SubmitAsync(console, "form[action$='handler=StartEvaluation']", []);

        Assert.Equal(MeetingStatus.InSession, await StatusAsync(id));
        Assert.Null(await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.EvaluationRules).SingleAsync()));
        var page = await Session.ParseAsync(unconfirmed);
        Assert.Equal("确定开始民主测评？", page.Heading());
        Assert.Contains("测评码即可投票，测评规则（测评等次、类别权重）随即锁定，不能再修改", page.MainText(), StringComparison.Ordinal);
        Assert.Equal("开始民主测评", page.QuerySelector("main form button")!.TextContent.Trim());

        using var confirmed = await organizer.ConfirmAsync(unconfirmed);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(MeetingStatus.Evaluating, await StatusAsync(id));
    }

    [Fact]
    public async Task Before_the_meeting_starts_the_console_points_at_开始会议_and_shows_the_steps_in_order()
    {
        var id = await DbAsync(db => new MeetingBuilder().On(new DateOnly(2026, 12, 20)).OnSite(Dongcheng, Xicheng).Published().SaveAsync(db));
        using var organizer = await SignInAsync("organizer");

        var before = await organizer.GetAsync(Console(id));

        Assert.Contains("请先点击第1步的“开始会议”", before.QuerySelector("[data-console-hint]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["第1步：开始会议（当前步骤）", "第2步：逐位述职（未开始）", "第3步：民主测评（未开始）"],
            before.QuerySelectorAll("[data-console-step] p.fw-bold").Select(p => p.TextContent.Trim()));
        var buttons = before.QuerySelectorAll("#console-panel button, main button").Select(b => b.TextContent.Trim()).ToList();
        Assert.DoesNotContain("开始", buttons);
        Assert.Contains("开始计时", buttons);
        Assert.Contains("结束述职", buttons);

        await ConsoleTests.PressAsync(organizer, id, "StartSession");
        var after = await organizer.GetAsync(Console(id));

        Assert.Equal("尚未选择述职对象。点击“下一位”从第1位开始。", after.QuerySelector("[data-console-hint]")!.TextContent.Trim());
        Assert.Equal(
            ["第1步：开始会议（已完成）", "第2步：逐位述职（当前步骤）", "第3步：民主测评（未开始）"],
            after.QuerySelectorAll("[data-console-step] p.fw-bold").Select(p => p.TextContent.Trim()));
    }
}
