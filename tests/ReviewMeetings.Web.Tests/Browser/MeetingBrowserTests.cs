using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewMeetings.Domain.Meetings;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

public sealed class MeetingBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    private static readonly string[] StreetsAndTowns =
    [
        "中共清河区东城街道工作委员会", "中共清河区西城街道工作委员会", "中共清河区南湖街道工作委员会", "中共清河区北苑街道工作委员会",
        "中共清河区桃源镇委员会", "中共清河区柳溪镇委员会", "中共清河区石桥镇委员会",
    ];

    private static readonly string[] OtherUnits =
    [
        "中共清河区直属机关工作委员会", "中共清河经济开发区工作委员会", "中共清河区“两新”组织工作委员会",
        "中共清河区财政局党组", "中共清河区教育局委员会", "中共清河区卫生健康局委员会",
    ];

    private const string LeftOutUnit = "中共清河区离退休干部工作委员会";

    [Fact]
    public async Task Organizer_schedules_a_meeting_reorders_by_drag_and_drop_and_publishes_it()
    {
        await SignInAsync(Page, "organizer");
        await MainNavigation(Page).GetByRole(AriaRole.Link, new() { Name = "述职评议会议" }).ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("述职评议会议");
        await AssertNoSeriousAxeViolationsAsync(Page);

        var title = await ScheduleMeetingAsync();
        var meetingId = Guid.Parse(Regex.Match(Page.Url, "/Meetings/Details/([0-9a-f-]{36})").Groups[1].Value);
        await AssertNoSeriousAxeViolationsAsync(Page);

        await Preparation("述职对象").ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("述职对象");
        await AddReportersAsync(StreetsAndTowns, "现场述职");
        await AddReportersAsync(OtherUnits, "书面述职");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "全部述职对象（13 个）" })).ToBeVisibleAsync();
        var added = await OnSiteOrderInDatabaseAsync(meetingId);
        Assert.Equal(StreetsAndTowns.Order(), added.Order());
        await Expect(OnSiteItems()).ToHaveTextAsync(Naming(added));
        await AssertNoSeriousAxeViolationsAsync(Page);

        await DragAboveAsync(OnSiteItems().Nth(2), OnSiteItems().Nth(0));

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("现场述职顺序已保存。");
        string[] dragged = [added[2], added[0], added[1], .. added[3..]];
        await Expect(OnSiteItems()).ToHaveTextAsync(Naming(dragged));
        Assert.Equal(dragged, await OnSiteOrderInDatabaseAsync(meetingId));

        var moveDown = Page.GetByRole(AriaRole.Button, new() { Name = "下移 " + dragged[0], Exact = true });
        await moveDown.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("现场述职顺序已调整。");
        Assert.Equal("下移 " + dragged[0], await Page.EvaluateAsync<string>("document.activeElement.getAttribute('aria-label')"));
        string[] moved = [dragged[1], dragged[0], .. dragged[2..]];
        await Expect(OnSiteItems()).ToHaveTextAsync(Naming(moved));
        Assert.Equal(moved, await OnSiteOrderInDatabaseAsync(meetingId));
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "meeting-reporters");

        await BackToOverviewAsync(title);
        await Preparation("会议状态").ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("会议状态");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await Page.GetByRole(AriaRole.Button, new() { Name = "发布会议" }).ClickAsync();
        var confirmation = ConfirmationDialog(Page, "确定发布会议？");
        await Expect(confirmation).ToContainTextAsync("发布后，述职书记和点评领导即可看到本次会议");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await confirmation.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(confirmation).ToBeHiddenAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("会议状态");
        Assert.Equal(MeetingStatus.Draft, await DbAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Status).SingleAsync()));
        await Page.GetByRole(AriaRole.Button, new() { Name = "发布会议" }).ClickAsync();
        await AcceptConfirmationAsync(Page, "确定发布会议？");

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("还有1个单位既未安排述职也未说明排除原因");
        await Expect(Heading(Page)).ToHaveTextAsync("会议状态");
        await AssertNoSeriousAxeViolationsAsync(Page);

        await BackToOverviewAsync(title);
        await Preparation("覆盖情况").ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("覆盖情况");
        await Expect(Page.Locator("#uncovered-count")).ToHaveTextAsync("1");
        await AssertNoSeriousAxeViolationsAsync(Page);
        var reason = Page.GetByLabel($"排除“{LeftOutUnit}”的原因", new() { Exact = true });
        await reason.FillAsync("书记新任不满半年");
        await Page.Locator("form").Filter(new() { Has = reason }).GetByRole(AriaRole.Button, new() { Name = "本年度不安排" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"已将“{LeftOutUnit}”排除");
        await Expect(Page.Locator("#uncovered-count")).ToHaveTextAsync("0");
        await Page.GetByRole(AriaRole.Link, new() { Name = "已说明原因不安排的单位（1）", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync($"{LeftOutUnit}：书记新任不满半年");
        await AssertNoSeriousAxeViolationsAsync(Page);

        foreach (var (link, heading) in new[] { ("议程", "议程"), ("参会人员", "参会人员"), ("点评领导", "点评领导与到会指导") })
        {
            await BackToOverviewAsync(title);
            await Preparation(link).ClickAsync();
            await Expect(Heading(Page)).ToHaveTextAsync(heading);
            await AssertNoSeriousAxeViolationsAsync(Page);
        }

        await BackToOverviewAsync(title);
        await Preparation("会议状态").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "发布会议" }).ClickAsync();
        await AcceptConfirmationAsync(Page, "确定发布会议？");

        await Expect(Heading(Page)).ToHaveTextAsync(title);
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("会议状态已改为“已发布”。");
        await Expect(Page.GetByRole(AriaRole.Main).Locator(".badge").First).ToHaveTextAsync("已发布");
        Assert.Equal(MeetingStatus.Published, await DbAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Status).SingleAsync()));
        await AssertNoSeriousAxeViolationsAsync(Page);

        await Preparation("会议通知").ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync($"关于召开{title}的通知");
        await Expect(Page.GetByRole(AriaRole.Article)).ToContainTextAsync("现场述职（按述职顺序）：" + moved[0]);
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "meeting-notice");

        await SecretarySeesTheirSlotAsync(title, moved);
    }

    [Fact]
    public async Task Reporters_page_keeps_the_focus_on_a_moved_written_reporter_and_confirms_re_drawing_and_removal()
    {
        string[] written = ["中共清河经济开发区工作委员会", "中共清河区“两新”组织工作委员会", "中共清河区直属机关工作委员会"];
        var meetingId = await DbAsync(db => new Builders.MeetingBuilder()
            .OnSite(StreetsAndTowns[0], StreetsAndTowns[1], StreetsAndTowns[4]).Written(written).SaveAsync(db));
        await SignInAsync(Page, "organizer");
        await Page.GotoAsync($"/Meetings/Reporters/{meetingId}");
        var writtenItems = Page.Locator("#written-list .written-item");
        await Expect(writtenItems).ToHaveTextAsync(Naming(written));

        await Page.GetByRole(AriaRole.Button, new() { Name = "下移 " + written[0], Exact = true }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("书面述职顺序已调整。");
        await Expect(writtenItems).ToHaveTextAsync(Naming([written[1], written[0], written[2]]));
        Assert.Equal("下移 " + written[0], await Page.EvaluateAsync<string>("document.activeElement.getAttribute('aria-label')"));
        await AssertNoSeriousAxeViolationsAsync(Page);

        await Page.GetByRole(AriaRole.Button, new() { Name = "抽签确定顺序" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("已抽签确定现场述职顺序");
        await Expect(Page.Locator("#lottery-history tbody tr")).ToHaveCountAsync(1);
        // Without a reason nobody is asked to confirm: the message comes first, next to the field.
        await Page.GetByRole(AriaRole.Button, new() { Name = "重新抽签" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Reason']")).ToHaveTextAsync("请填写重新抽签的原因。");
        await Expect(ConfirmationDialog(Page, "确定重新抽签？")).ToHaveCountAsync(0);
        await Page.GetByLabel("重新抽签的原因").FillAsync("桃源镇党委书记调整");
        await Page.GetByRole(AriaRole.Button, new() { Name = "重新抽签" }).ClickAsync();
        var redraw = ConfirmationDialog(Page, "确定重新抽签？");
        await Expect(redraw).ToContainTextAsync("记录不能删除");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await redraw.GetByRole(AriaRole.Button, new() { Name = "重新抽签" }).ClickAsync();
        await Expect(Page.Locator("#lottery-history tbody tr")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#lottery-history tbody tr").First).ToContainTextAsync("桃源镇党委书记调整");
        await AssertNoSeriousAxeViolationsAsync(Page);

        await Page.GetByRole(AriaRole.Button, new() { Name = "移除 " + written[2], Exact = true }).ClickAsync();
        var removal = ConfirmationDialog(Page, $"确定移除“{written[2]}”？");
        await Expect(removal).ToContainTextAsync("该单位尚未提交述职报告");
        await removal.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(writtenItems).ToHaveCountAsync(3);
        await Page.GetByRole(AriaRole.Button, new() { Name = "移除 " + written[2], Exact = true }).ClickAsync();
        await AcceptConfirmationAsync(Page, $"确定移除“{written[2]}”？");
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已移除“{written[2]}”。");
        await Expect(writtenItems).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Meeting_form_shows_a_Chinese_error_next_to_an_out_of_range_time_limit()
    {
        await SignInAsync(Page, "organizer");
        await Page.GotoAsync("/Meetings/Create");
        await Expect(Heading(Page)).ToHaveTextAsync("安排新会议");
        await AssertNoSeriousAxeViolationsAsync(Page);

        await Page.GetByLabel("现场述职时限（分钟）", new() { Exact = true }).FillAsync("0");
        await Page.GetByRole(AriaRole.Button, new() { Name = "创建会议" }).ClickAsync();

        await Expect(FieldGroup("现场述职时限（分钟）")).ToContainTextAsync("现场述职时限（分钟）必须在1到30之间。");
        await Expect(Heading(Page)).ToHaveTextAsync("安排新会议");
        Assert.Equal(0, await DbAsync(db => db.Meetings.CountAsync()));
        await AssertNoSeriousAxeViolationsAsync(Page);
    }

    /// <summary>Fills the create form for a meeting in December of the prefilled review year and returns its title.</summary>
    private async Task<string> ScheduleMeetingAsync()
    {
        await Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "安排新会议" }).ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("安排新会议");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await Expect(Page.GetByRole(AriaRole.Combobox, new() { Name = "主办单位", Exact = true })).ToHaveValueAsync("中共清河区委员会");
        var year = int.Parse(await Page.GetByLabel("述职年度", new() { Exact = true }).InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var title = await Page.GetByLabel("会议名称", new() { Exact = true }).InputValueAsync();
        Assert.Contains($"{year}年度", title, StringComparison.Ordinal);

        await Page.GetByLabel("会议日期", new() { Exact = true }).FillAsync($"{year}-12-28");
        await Page.GetByLabel("开始时间", new() { Exact = true }).FillAsync("09:00");
        await Page.GetByLabel("书面述职报告截止日期", new() { Exact = true }).FillAsync($"{year}-12-20");
        await Page.GetByLabel("主会场", new() { Exact = true }).FillAsync("区委第一会议室");
        await Page.GetByLabel("主持人", new() { Exact = true }).FillAsync("区委书记 陈立群");
        await Page.GetByLabel("分会场（每行一个）", new() { Exact = true }).FillAsync("东城街道分会场\n桃源镇分会场");
        await Page.GetByRole(AriaRole.Button, new() { Name = "创建会议" }).ClickAsync();

        await Expect(Heading(Page)).ToHaveTextAsync(title);
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("会议已创建");
        await Expect(Page.GetByRole(AriaRole.Main).Locator(".badge").First).ToHaveTextAsync("草稿");
        await Expect(Page.Locator("dt:text-is('时间') + dd")).ToContainTextAsync($"{year}年12月28日 09:00");
        await Expect(Page.Locator("dt:text-is('会场') + dd")).ToHaveTextAsync("区委第一会议室（主会场）；分会场：东城街道分会场、桃源镇分会场");
        return title;
    }

    private async Task AddReportersAsync(string[] units, string mode)
    {
        foreach (var unit in units)
        {
            await Page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex($"^{Regex.Escape(unit)} ") }).CheckAsync();
        }

        await Page.GetByLabel("述职方式", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = mode });
        await Page.GetByRole(AriaRole.Button, new() { Name = "添加所选单位" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已添加{units.Length}个述职对象。");
    }

    /// <summary>
    /// Drags an on-site item above another with real mouse movement in small steps, which SortableJS needs to notice a
    /// drag. SortableJS moves the item while the mouse is still down and ignores targets that are still animating, so
    /// the pointer keeps nudging over the target until the item sits there, and only then lets go.
    /// </summary>
    private async Task DragAboveAsync(ILocator item, ILocator target)
    {
        var draggedId = await item.GetAttributeAsync("data-id");
        var from = await item.Locator(".drag-handle").BoundingBoxAsync() ?? throw new InvalidOperationException("The drag handle is not visible.");
        var to = await target.BoundingBoxAsync() ?? throw new InvalidOperationException("The drop target is not visible.");
        var x = from.X + (from.Width / 2);
        await Page.Mouse.MoveAsync(x, from.Y + (from.Height / 2));
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(x, from.Y - 10, new() { Steps = 5 });
        await Page.Mouse.MoveAsync(x, to.Y + 6, new() { Steps = 10 });
        for (var nudge = 0; nudge < 40 && await OnSiteItems().First.GetAttributeAsync("data-id") != draggedId; nudge++)
        {
            await Page.Mouse.MoveAsync(x, to.Y + 3 + (nudge % 2 * 4), new() { Steps = 2 });
            await Page.WaitForTimeoutAsync(25);
        }

        await Expect(OnSiteItems().First).ToHaveAttributeAsync("data-id", draggedId!);
        await Page.Mouse.UpAsync();
    }

    private async Task SecretarySeesTheirSlotAsync(string title, string[] onSiteOrder)
    {
        var slot = $"现场述职（第{Array.IndexOf(onSiteOrder, "中共清河区东城街道工作委员会") + 1}位）";
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "secretary");
        await Expect(Heading(page)).ToHaveTextAsync("您好，王晓东");

        var meetings = page.GetByRole(AriaRole.Region, new() { Name = "我参加述职的会议" });
        var meeting = meetings.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title }) });
        await Expect(meeting).ToContainTextAsync("已发布");
        await Expect(meeting).ToContainTextAsync(slot);
        await AssertNoSeriousAxeViolationsAsync(page);

        await meeting.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync(title);
        var ownSlot = page.GetByRole(AriaRole.Region, new() { Name = "我的述职安排" });
        await Expect(ownSlot.Locator("dt:text-is('述职单位') + dd")).ToHaveTextAsync("中共清河区东城街道工作委员会");
        await Expect(ownSlot.Locator("dt:text-is('述职方式') + dd")).ToHaveTextAsync(slot);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "会议筹备" })).ToHaveCountAsync(0);
        await AssertNoSeriousAxeViolationsAsync(page);
    }

    private Task<List<string>> OnSiteOrderInDatabaseAsync(Guid meetingId) =>
        DbAsync(db => db.Reporters
            .Where(r => r.MeetingId == meetingId && r.Mode == ReportMode.OnSite)
            .OrderBy(r => r.Order)
            .Select(r => r.UnitName)
            .ToListAsync());

    private async Task BackToOverviewAsync(string title)
    {
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "路径" }).GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync(title);
    }

    private ILocator Preparation(string link) =>
        Page.GetByRole(AriaRole.Navigation, new() { Name = "会议筹备" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true });

    private ILocator OnSiteItems() => Page.Locator("#onsite-list .onsite-item");

    /// <summary>One pattern per list item, in order: the item names that unit (and also holds its secretary and buttons).</summary>
    private static Regex[] Naming(IEnumerable<string> units) => units.Select(u => new Regex(Regex.Escape(u))).ToArray();

    /// <summary>The block holding one form field: its label, the control and the message under it.</summary>
    private ILocator FieldGroup(string label) =>
        Page.Locator(".mb-3").Filter(new() { Has = Page.GetByLabel(label, new() { Exact = true }) });
}
