using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Live;
using ReviewMeetings.Web.Tests.Builders;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>
/// The live meeting in real browsers: the organizer's console, the projector in the hall and a leader's comment pad
/// open at once and kept in step through SignalR, and comment drafts that survive a network drop or a second device.
/// </summary>
public sealed class LiveMeetingBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";
    private const string Taoyuan = "中共清河区桃源镇委员会";
    private const string NewOrganizations = "中共清河区“两新”组织工作委员会";

    private static readonly Regex SavedAt = new(@"^已保存 \d{2}:\d{2}:\d{2}$");

    /// <summary>At least two seconds off the six-minute limit: the timer is visibly running.</summary>
    private static readonly Regex RunningCountdown = new("^5:([0-4][0-9]|5[0-8])$");

    [Fact]
    public async Task Console_projector_and_comment_pad_follow_one_report_from_start_to_comment_without_reloading()
    {
        var meetingId = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng, Taoyuan).CommentedBy("leader").Published().SaveAsync(db));

        // The organizer opens the console and makes a read-only link for the venue PC.
        var console = Page;
        await SignInAsync(console, "organizer");
        await console.GotoAsync($"/Live/Console/{meetingId}");
        await Expect(Heading(console)).ToHaveTextAsync("会议控制台");
        await console.GetByRole(AriaRole.Button, new() { Name = "生成大屏链接", Exact = true }).ClickAsync();
        await Expect(console.Locator("#live-message")).ToHaveTextAsync("已生成大屏链接。");
        var link = console.Locator("[data-projector-link]");
        await Expect(link).ToHaveTextAsync(new Regex(@"^http://127\.0\.0\.1:\d+/screen/[0-9a-f]{32}$"));
        var projectorUrl = (await link.TextContentAsync())!.Trim();

        // The venue PC opens the link with nobody signed in; the leader opens the pad on a tablet.
        await using var hall = await NewContextAsync(1920, 1080);
        var projector = await hall.NewPageAsync();
        await projector.GotoAsync(projectorUrl);
        await Expect(MainNavigation(projector)).ToHaveCountAsync(0);
        await using var tablet = await NewContextAsync(1280, 800);
        var pad = await tablet.NewPageAsync();
        await SignInAsync(pad, "leader");
        await pad.GotoAsync($"/Live/Pad/{meetingId}");
        await Expect(pad.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Dongcheng);
        foreach (var screen in new[] { console, projector, pad })
        {
            await Expect(screen.Locator("[data-connection-text]")).ToHaveTextAsync("已连接");
        }

        await MarkAsync(console);
        await MarkAsync(projector);
        await MarkAsync(pad);

        await PressAsync(console, "开始会议");
        await AcceptConfirmationAsync(console, "确定开始会议？");
        await Expect(console.Locator("[aria-current=step]")).ToContainTextAsync("述职与点评（进行中）");
        await Expect(projector.Locator("[data-p-agenda]")).ToHaveTextAsync("述职与点评");
        await Expect(pad.Locator("[data-pad-current]")).ToHaveTextAsync("暂无");

        await PressAsync(console, "下一位");
        await ExpectCurrentReporterAsync(console, projector, pad, Dongcheng, 1);
        await Expect(projector.Locator("[data-p-timer]")).ToHaveTextAsync("6:00");

        // All three screens count down from the same server time, not each from its own moment.
        await PressAsync(console, "开始计时");
        await Expect(console.Locator("[data-live-timer-state]")).ToContainTextAsync("计时中");
        await Expect(projector.Locator("[data-p-timer]")).ToHaveTextAsync(RunningCountdown);
        await Expect(pad.Locator("[data-pad-timer]")).ToHaveTextAsync(RunningCountdown);
        var readings = await Task.WhenAll(
            console.Locator("[data-live-timer]").TextContentAsync(),
            projector.Locator("[data-p-timer]").TextContentAsync(),
            pad.Locator("[data-pad-timer]").TextContentAsync());
        var seconds = readings.Select(r => CountdownSeconds(r!)).ToList();
        Assert.True(seconds.Max() - seconds.Min() <= 1, $"The screens disagree on the countdown: {string.Join(" / ", readings)}.");

        // Stopping records the actual duration on the console; every screen stops counting.
        await PressAsync(console, "结束述职");
        await Expect(console.Locator("[data-live-timer-state]")).ToContainTextAsync("已结束，用时");
        var firstRow = ReporterRow(console, Dongcheng);
        await Expect(firstRow.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync(new Regex(@"^\s*\d+秒\s*$"));
        var durationText = (await firstRow.GetByRole(AriaRole.Cell).Nth(2).TextContentAsync())!.Trim();
        await Expect(console.Locator("[data-live-timer-state]")).ToContainTextAsync($"已结束，用时{durationText}");
        await Expect(console.Locator("[data-live-timer]")).ToHaveTextAsync("6:00");
        await Expect(projector.Locator("[data-p-timer]")).ToHaveTextAsync("6:00");
        await Expect(projector.Locator("[data-p-unit]")).ToHaveTextAsync(Dongcheng);
        await Expect(pad.Locator("[data-pad-timer]")).ToBeEmptyAsync();

        // The leader comments on the reporter who just spoke and submits once the draft is safely on the server.
        await pad.GetByLabel("肯定成绩", new() { Exact = true }).FillAsync("抓党建促基层治理成效明显，网格化管理经验值得推广。");
        await pad.GetByLabel("问题1", new() { Exact = true }).FillAsync("党员发展工作计划性不强。");
        await pad.GetByLabel("问题2", new() { Exact = true }).FillAsync("软弱涣散社区整顿进度偏慢。");
        await pad.GetByLabel("提出希望/要求", new() { Exact = true }).FillAsync("明年要在整顿软弱涣散党组织上见实效。");
        await pad.GetByLabel("提出希望/要求", new() { Exact = true }).BlurAsync();
        await Expect(pad.Locator("[data-save-status]")).ToHaveTextAsync(SavedAt);
        await ExpectLocalCopyClearedAsync(pad);
        await AssertNotReloadedAsync(pad);
        await pad.GetByRole(AriaRole.Button, new() { Name = "提交点评", Exact = true }).ClickAsync();
        await Expect(pad.GetByRole(AriaRole.Status).Filter(new() { HasText = "点评已提交。" })).ToBeVisibleAsync();
        await Expect(pad.GetByText("软弱涣散社区整顿进度偏慢。", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(firstRow.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("1条");
        await Expect(pad.Locator("[data-connection-text]")).ToHaveTextAsync("已连接");
        await MarkAsync(pad);

        await PressAsync(console, "下一位");
        await ExpectCurrentReporterAsync(console, projector, pad, Xicheng, 2);
        await Expect(pad.GetByRole(AriaRole.Link, new() { Name = "为正在述职的对象点评", Exact = true })).ToBeVisibleAsync();
        await Expect(firstRow.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync(durationText);
        await Expect(firstRow.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("1条");
        await AssertNotReloadedAsync(console);
        await AssertNotReloadedAsync(projector);
        await AssertNotReloadedAsync(pad);

        var dongcheng = await ReporterAsync(meetingId, Dongcheng);
        var progress = await DbAsync(db => db.MeetingProgress.AsNoTracking().SingleAsync(p => p.MeetingId == meetingId));
        Assert.Equal(await ReporterAsync(meetingId, Xicheng), progress.CurrentReporterId);
        var speech = Assert.Single(progress.Speeches);
        Assert.Equal(dongcheng, speech.ReporterId);
        Assert.InRange(speech.Duration, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5));
        Assert.Equal(durationText, SpeakingTime.Chinese(speech.Duration));
        var comment = await DbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.MeetingId == meetingId));
        Assert.Equal(dongcheng, comment.ReporterId);
        Assert.Equal(CommentStatus.Final, comment.Status);
        Assert.Equal("抓党建促基层治理成效明显，网格化管理经验值得推广。", comment.Achievements);
        Assert.Collection(comment.Problems, p => Assert.Equal("党员发展工作计划性不强。", p), p => Assert.Equal("软弱涣散社区整顿进度偏慢。", p));
        Assert.Equal("明年要在整顿软弱涣散党组织上见实效。", comment.Expectations);
    }

    [Fact]
    public async Task Draft_typed_while_the_server_is_unreachable_is_saved_after_reconnection()
    {
        var meetingId = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        var reporterId = await ReporterAsync(meetingId, Xicheng);
        await SignInAsync(Page, "leader");
        await Page.GotoAsync($"/Live/Pad/{meetingId}?reporter={reporterId}");
        var status = Page.Locator("[data-save-status]");
        await Expect(status).ToHaveTextAsync("尚未保存");

        await Page.Context.SetOfflineAsync(true);
        await Page.GetByLabel("肯定成绩", new() { Exact = true }).FillAsync("离线时写下的肯定成绩。");
        await Page.GetByLabel("问题1", new() { Exact = true }).FillAsync("离线时写下的问题。");
        await Page.GetByLabel("问题1", new() { Exact = true }).BlurAsync();
        await Expect(status).ToHaveTextAsync(new Regex("网络中断.*本机"));
        Assert.Contains("离线时写下的问题。", await LocalCopyAsync(Page), StringComparison.Ordinal);
        Assert.False(await DbAsync(db => db.Comments.AnyAsync(c => c.MeetingId == meetingId)));

        await Page.Context.SetOfflineAsync(false);
        await Expect(status).ToHaveTextAsync(SavedAt);
        await ExpectLocalCopyClearedAsync(Page);
        var comment = await DbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.MeetingId == meetingId));
        Assert.Equal(reporterId, comment.ReporterId);
        Assert.Equal(CommentStatus.Draft, comment.Status);
        Assert.Equal("离线时写下的肯定成绩。", comment.Achievements);
        Assert.Equal("离线时写下的问题。", Assert.Single(comment.Problems));
    }

    [Fact]
    public async Task Draft_typed_offline_in_a_tab_that_was_then_closed_is_restored_and_saved_when_the_pad_reopens()
    {
        var meetingId = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        var reporterId = await ReporterAsync(meetingId, Dongcheng);
        await SignInAsync(Page, "leader");
        await Page.GotoAsync($"/Live/Pad/{meetingId}?reporter={reporterId}");
        await Expect(Page.Locator("[data-save-status]")).ToHaveTextAsync("尚未保存");

        await Page.Context.SetOfflineAsync(true);
        await Page.GetByLabel("提出希望/要求", new() { Exact = true }).FillAsync("断网后关掉页面也不能丢的希望。");
        await Page.GetByLabel("提出希望/要求", new() { Exact = true }).BlurAsync();
        await Expect(Page.Locator("[data-save-status]")).ToContainTextAsync("网络中断");
        var context = Page.Context;
        await Page.CloseAsync();
        await context.SetOfflineAsync(false);
        Assert.False(await DbAsync(db => db.Comments.AnyAsync(c => c.MeetingId == meetingId)));

        var reopened = await context.NewPageAsync();
        await reopened.GotoAsync($"/Live/Pad/{meetingId}?reporter={reporterId}");
        await Expect(reopened.GetByLabel("提出希望/要求", new() { Exact = true })).ToHaveValueAsync("断网后关掉页面也不能丢的希望。");
        await Expect(reopened.Locator("[data-save-status]")).ToHaveTextAsync(SavedAt);
        await ExpectLocalCopyClearedAsync(reopened);
        var comment = await DbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.MeetingId == meetingId));
        Assert.Equal("断网后关掉页面也不能丢的希望。", comment.Expectations);
        Assert.Empty(comment.Problems);
    }

    [Fact]
    public async Task Second_device_saving_over_a_newer_version_sees_both_texts_and_can_keep_its_own()
    {
        var meetingId = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        var reporterId = await ReporterAsync(meetingId, Dongcheng);
        var url = $"/Live/Pad/{meetingId}?reporter={reporterId}";
        var laptop = Page;
        await SignInAsync(laptop, "leader");
        await laptop.GotoAsync(url);
        await using var other = await NewContextAsync(1280, 800);
        var tablet = await other.NewPageAsync();
        await SignInAsync(tablet, "leader");
        await tablet.GotoAsync(url);
        await Expect(tablet.Locator("[data-save-status]")).ToHaveTextAsync("尚未保存");

        await laptop.GetByLabel("肯定成绩", new() { Exact = true }).FillAsync("笔记本上写的肯定成绩。");
        await laptop.GetByLabel("肯定成绩", new() { Exact = true }).BlurAsync();
        await Expect(laptop.Locator("[data-save-status]")).ToHaveTextAsync(SavedAt);

        // The tablet still holds the empty version it loaded; its save must not overwrite the laptop's text.
        await tablet.GetByLabel("肯定成绩", new() { Exact = true }).FillAsync("平板上写的肯定成绩。");
        await tablet.GetByLabel("肯定成绩", new() { Exact = true }).BlurAsync();
        var conflict = tablet.GetByRole(AriaRole.Region, new() { Name = "另一台设备刚保存了这条点评，请选择保留哪个版本", Exact = true });
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict.Locator("[data-conflict-mine]")).ToContainTextAsync("平板上写的肯定成绩。");
        await Expect(conflict.Locator("[data-conflict-theirs]")).ToContainTextAsync("笔记本上写的肯定成绩。");
        await Expect(tablet.Locator("[data-save-status]")).ToHaveTextAsync("有冲突，尚未保存");
        Assert.Equal("笔记本上写的肯定成绩。", await DbAsync(db => db.Comments.Where(c => c.MeetingId == meetingId).Select(c => c.Achievements).SingleAsync()));

        await conflict.GetByRole(AriaRole.Button, new() { Name = "保留本设备的内容", Exact = true }).ClickAsync();
        await Expect(conflict).ToBeHiddenAsync();
        await Expect(tablet.Locator("[data-save-status]")).ToHaveTextAsync(SavedAt);
        await ExpectLocalCopyClearedAsync(tablet);
        var comment = await DbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.MeetingId == meetingId));
        Assert.Equal("平板上写的肯定成绩。", comment.Achievements);
        Assert.Equal(CommentStatus.Draft, comment.Status);
    }

    [Fact]
    public async Task Live_screens_pass_axe_and_the_projector_is_readable_at_1920x1080_and_1280x720()
    {
        var meetingId = await DbAsync(db => new MeetingBuilder().OnSite(NewOrganizations, Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        var token = await PausedAsync(meetingId, NewOrganizations, TimeSpan.FromSeconds(330));

        await SignInAsync(Page, "organizer");
        await Page.GotoAsync($"/Live/Console/{meetingId}");
        await Expect(Page.Locator("[data-live-unit]")).ToHaveTextAsync(NewOrganizations);
        await Expect(Page.Locator("[data-live-timer-state]")).ToContainTextAsync("已暂停");
        await Expect(Page.Locator("[data-live-timer]")).ToHaveTextAsync("0:30");
        await Expect(Page.Locator("[data-connection-text]")).ToHaveTextAsync("已连接");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "live-console");

        await using var hall = await NewContextAsync(1920, 1080);
        var projector = await hall.NewPageAsync();
        await projector.GotoAsync($"/screen/{token}");
        await Expect(projector.Locator("[data-connection-text]")).ToHaveTextAsync("已连接");
        foreach (var (width, height) in new[] { (1920, 1080), (1280, 720) })
        {
            await projector.SetViewportSizeAsync(width, height);
            await Expect(projector.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(NewOrganizations);
            await Expect(projector.Locator("[data-p-order]")).ToHaveTextAsync("第1位 / 共3位");
            var timer = projector.GetByRole(AriaRole.Timer);
            await Expect(timer).ToHaveTextAsync("0:30");
            await Expect(timer).ToHaveClassAsync(new Regex("timer-lastminute"));
            await AssertTextInsideViewportAsync(projector, projector.GetByRole(AriaRole.Heading, new() { Level = 1 }), width, height);
            await AssertTextInsideViewportAsync(projector, timer, width, height);
            await AssertNoSeriousAxeViolationsAsync(projector);
            await SaveScreenshotAsync(projector, $"live-projector-{width}x{height}");
        }

        await using var tablet = await NewContextAsync(1280, 800);
        var pad = await tablet.NewPageAsync();
        await SignInAsync(pad, "leader");
        await pad.GotoAsync($"/Live/Pad/{meetingId}");
        await Expect(pad.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(NewOrganizations);
        await Expect(pad.Locator("[data-pad-timer]")).ToHaveTextAsync("0:30");
        await AssertNoSeriousAxeViolationsAsync(pad);
        await SaveScreenshotAsync(pad, "live-pad");
    }

    [Fact]
    public async Task Comment_submitted_right_after_typing_is_final_and_not_taken_for_another_devices_edit()
    {
        var meetingId = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        await SignInAsync(Page, "leader");

        // Before any autosave, the blur autosave and the submit would both create the comment; after one, both would
        // update the same version. Either way the leader's click must simply submit.
        foreach (var (unit, autosavedFirst) in new[] { (Dongcheng, false), (Xicheng, true) })
        {
            await Page.GotoAsync($"/Live/Pad/{meetingId}?reporter={await ReporterAsync(meetingId, unit)}");
            await Page.GetByLabel("肯定成绩", new() { Exact = true }).FillAsync("肯定" + unit);
            if (autosavedFirst)
            {
                await Page.GetByLabel("肯定成绩", new() { Exact = true }).BlurAsync();
                await Expect(Page.Locator("[data-save-status]")).ToHaveTextAsync(SavedAt);
            }

            await Page.GetByLabel("问题1", new() { Exact = true }).FillAsync("问题" + unit);
            await Page.GetByLabel("提出希望/要求", new() { Exact = true }).FillAsync("希望" + unit);
            await Page.GetByRole(AriaRole.Button, new() { Name = "提交点评", Exact = true }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "点评已提交。" })).ToBeVisibleAsync();
            await Expect(Page.Locator(".validation-summary-errors")).ToHaveCountAsync(0);
            await Expect(Page.GetByText("问题" + unit, new() { Exact = true })).ToBeVisibleAsync();
        }

        var comments = await DbAsync(db => db.Comments.AsNoTracking().Where(c => c.MeetingId == meetingId).ToListAsync());
        Assert.Equal(2, comments.Count);
        Assert.All(comments, c => Assert.Equal(CommentStatus.Final, c.Status));
        Assert.All(comments, c => Assert.Equal(c.Achievements.Replace("肯定", "问题", StringComparison.Ordinal), Assert.Single(c.Problems)));
        Assert.All(comments, c => Assert.Equal(c.Achievements.Replace("肯定", "希望", StringComparison.Ordinal), c.Expectations));
    }

    /// <summary>
    /// Puts the meeting in session with <paramref name="unit"/> paused after <paramref name="spoken"/>, so the countdown
    /// holds still however slowly the test runs; returns a projector token.
    /// </summary>
    private async Task<string> PausedAsync(Guid meetingId, string unit, TimeSpan spoken)
    {
        var reporterId = await ReporterAsync(meetingId, unit);
        var token = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Agenda).SingleAsync(m => m.Id == meetingId);
            var now = DateTimeOffset.UtcNow;
            meeting.StartSession(Guid.NewGuid(), now);
            var progress = MeetingProgress.Create(meetingId, now);
            progress.MoveToAgendaItem(meeting.Agenda.OrderBy(a => a.Order).First().Id, now);
            progress.SelectReporter(reporterId, now);
            progress.Start(now - spoken);
            progress.Pause(now);
            progress.IssueProjectorToken(token, now);
            db.MeetingProgress.Add(progress);
            return await db.SaveChangesAsync();
        });
        return token;
    }

    private Task<Guid> ReporterAsync(Guid meetingId, string unit) =>
        DbAsync(db => db.Reporters.Where(r => r.MeetingId == meetingId && r.UnitName == unit).Select(r => r.Id).SingleAsync());

    private static Task PressAsync(IPage console, string button) =>
        console.Locator("#console-panel").GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    /// <summary>Leaves a mark in the page's window that only a reload would wipe.</summary>
    private static async Task MarkAsync(IPage page) => await page.EvaluateAsync("() => { window.liveTestMark = true; }");

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.liveTestMark === true"), $"{page.Url} was reloaded.");

    private static async Task ExpectCurrentReporterAsync(IPage console, IPage projector, IPage pad, string unit, int order)
    {
        var position = $"第{order}位 / 共3位";
        await Expect(console.Locator("[data-live-unit]")).ToHaveTextAsync(unit);
        await Expect(console.Locator("[data-live-order]")).ToHaveTextAsync(position);
        await Expect(ReporterRow(console, unit)).ToHaveAttributeAsync("aria-current", "true");
        await Expect(projector.Locator("[data-p-unit]")).ToHaveTextAsync(unit);
        await Expect(projector.Locator("[data-p-order]")).ToHaveTextAsync(position);
        await Expect(pad.Locator("[data-pad-current]")).ToHaveTextAsync(unit);
    }

    private static ILocator ReporterRow(IPage console, string unit) =>
        console.GetByRole(AriaRole.Row).Filter(new() { HasText = unit });

    /// <summary>"5:58" → 358, "-0:17" → -17.</summary>
    private static int CountdownSeconds(string text)
    {
        var match = Regex.Match(text.Trim(), @"^(-?)(\d+):(\d{2})$");
        Assert.True(match.Success, $"Not a countdown: {text}");
        var seconds = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) * 60 + int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        return match.Groups[1].Value.Length > 0 ? -seconds : seconds;
    }

    private static Task<string?> LocalCopyAsync(IPage pad) =>
        pad.EvaluateAsync<string?>("() => localStorage.getItem(document.getElementById('comment-form').dataset.storageKey)");

    /// <summary>The pad drops its local copy only once the server has confirmed exactly the text on screen.</summary>
    private static async Task ExpectLocalCopyClearedAsync(IPage pad) =>
        await pad.WaitForFunctionAsync("() => localStorage.getItem(document.getElementById('comment-form').dataset.storageKey) === null");

    /// <summary>The rendered text itself (not just its box) lies inside the window, and the page does not scroll.</summary>
    private static async Task AssertTextInsideViewportAsync(IPage page, ILocator element, int width, int height)
    {
        await Expect(element).ToBeVisibleAsync();
        var box = await element.EvaluateAsync<double[]>(
            """
            el => {
                const range = document.createRange();
                range.selectNodeContents(el);
                const r = range.getBoundingClientRect();
                return [r.left, r.top, r.right, r.bottom, document.documentElement.scrollWidth, document.documentElement.scrollHeight];
            }
            """);
        Assert.True(box[0] >= 0 && box[1] >= 0 && box[2] <= width && box[3] <= height,
            $"Text spans ({box[0]},{box[1]})–({box[2]},{box[3]}) in a {width}×{height} window.");
        Assert.True(box[4] <= width && box[5] <= height, $"The projector page scrolls at {width}×{height}: {box[4]}×{box[5]}.");
    }
}
