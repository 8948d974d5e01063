using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>
/// The console's steps in a real browser: what to press first, and 开始会议 / 开始民主测评 asked in a dialog before the
/// console posts them in the background.
/// </summary>
public sealed class ConsoleStepsBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";

    private Task<MeetingStatus> StatusAsync(Guid id) => DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Status).SingleAsync());

    private static ILocator Button(ILocator panel, string name) => panel.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private async Task<(Guid Id, ILocator Panel)> OpenConsoleAsync()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        await SignInAsync(Page, "organizer");
        await Page.GotoAsync($"/Live/Console/{id}");
        await Expect(Page.Locator("[data-connection-text]")).ToHaveTextAsync("已连接");
        return (id, Page.Locator("#console-panel"));
    }

    [Fact]
    public async Task Console_points_at_开始会议_first_and_asks_before_starting_the_meeting_and_the_evaluation()
    {
        var (id, panel) = await OpenConsoleAsync();
        await Page.EvaluateAsync("() => { window.consoleTestMark = true; }");

        // Before the meeting starts: the hint names 开始会议, the steps read left to right, no button is just 开始.
        await Expect(panel.Locator("[data-console-hint]")).ToContainTextAsync("请先点击第1步的“开始会议”");
        await Expect(Button(panel, "开始")).ToHaveCountAsync(0);
        await Expect(Button(panel, "下一位")).ToBeDisabledAsync();
        await Expect(Button(panel, "开始计时")).ToBeDisabledAsync();
        var enabled = await panel.Locator("button:enabled").AllTextContentsAsync();
        Assert.DoesNotContain(enabled, name => name.Trim() == "开始");
        var steps = panel.Locator("[data-console-step]");
        await Expect(steps).ToHaveCountAsync(3);
        var boxes = new List<LocatorBoundingBoxResult>();
        for (var i = 0; i < 3; i++)
        {
            boxes.Add((await steps.Nth(i).BoundingBoxAsync())!);
        }

        Assert.True(boxes[0].X + boxes[0].Width <= boxes[1].X && boxes[1].X + boxes[1].Width <= boxes[2].X, "The steps are not laid out left to right in their order.");
        Assert.All(boxes, b => Assert.Equal(boxes[0].Y, b.Y, 1.0));
        await Expect(steps.Nth(0)).ToContainTextAsync("第1步：开始会议（当前步骤）");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "console-before-start");

        // 开始会议 asks first; 取消 changes nothing.
        await Button(panel, "开始会议").ClickAsync();
        var dialog = ConfirmationDialog(Page, "确定开始会议？");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("述职对象、述职顺序和议程不能再调整");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "console-confirm-start");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Button(panel, "开始会议")).ToBeFocusedAsync();
        Assert.Equal(MeetingStatus.Published, await StatusAsync(id));

        // 确定 posts in the background with the confirmation: the console stays and moves on to step 2.
        await Button(panel, "开始会议").ClickAsync();
        await AcceptConfirmationAsync(Page, "确定开始会议？");
        await Expect(Page.Locator("#live-message")).ToHaveTextAsync("会议开始。");
        await Expect(steps.Nth(1)).ToContainTextAsync("第2步：逐位述职（当前步骤）");
        await Expect(panel.Locator("[data-console-hint]")).ToHaveTextAsync("尚未选择述职对象。点击“下一位”从第1位开始。");
        await Expect(Button(panel, "下一位")).ToBeEnabledAsync();
        Assert.Equal(MeetingStatus.InSession, await StatusAsync(id));

        // 开始民主测评 likewise: 取消 leaves voting closed, 确定 opens it.
        await Button(panel, "开始民主测评").ClickAsync();
        dialog = ConfirmationDialog(Page, "确定开始民主测评？");
        await Expect(dialog).ToContainTextAsync("测评规则（测评等次、类别权重）随即锁定");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal(MeetingStatus.InSession, await StatusAsync(id));
        await Button(panel, "开始民主测评").ClickAsync();
        await AcceptConfirmationAsync(Page, "确定开始民主测评？");
        await Expect(Page.Locator("#live-message")).ToHaveTextAsync("民主测评开始，测评码已可使用。");
        await Expect(steps.Nth(2)).ToContainTextAsync("第3步：民主测评（当前步骤）");
        Assert.Equal(MeetingStatus.Evaluating, await StatusAsync(id));
        Assert.True(await Page.EvaluateAsync<bool>("() => window.consoleTestMark === true"), "The console was reloaded.");
        await AssertNoSeriousAxeViolationsAsync(Page);
    }

    [Fact]
    public async Task Without_the_confirmation_script_the_console_posts_the_step_itself_and_gets_the_confirmation_page()
    {
        await Page.RouteAsync("**/js/confirm.js*", route => route.AbortAsync());
        var (id, panel) = await OpenConsoleAsync();

        await Button(panel, "开始会议").ClickAsync();

        await Expect(Heading(Page)).ToHaveTextAsync("确定开始会议？");
        Assert.Equal(MeetingStatus.Published, await StatusAsync(id));
        await AssertNoSeriousAxeViolationsAsync(Page);
        await Page.GetByRole(AriaRole.Button, new() { Name = "开始会议", Exact = true }).ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("会议控制台");
        await Expect(Page.Locator("#live-message")).ToHaveTextAsync("会议开始。");
        Assert.Equal(MeetingStatus.InSession, await StatusAsync(id));
    }
}
