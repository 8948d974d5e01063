using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Tests.Builders;
using static Microsoft.Playwright.Assertions;
using static ReviewMeetings.Web.Tests.Pages.Rectification.RectificationArrange;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>The whole rectification loop in a real browser, from the released comment to next year's meeting.</summary>
public sealed class RectificationBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Problems_raised_in_a_comment_are_rectified_reviewed_and_carried_into_next_years_meeting()
    {
        var meetingId = await DbAsync(db => ClosedMeetingWithCommentsAsync(db));
        var organizer = await SignedInPageAsync("organizer");
        var secretary = await SignedInPageAsync("secretary");

        // The organizer releases the feedback: the leader's two problems become 东城's items.
        await organizer.GotoAsync($"/Live/Comments/{meetingId}");
        await organizer.GetByRole(AriaRole.Button, new() { Name = "反馈点评意见", Exact = true }).ClickAsync();
        await AcceptConfirmationAsync(organizer, "确定反馈点评意见？");
        await Expect(organizer.GetByRole(AriaRole.Status)).ToContainTextAsync("共3项");

        // The secretary writes measures and deadlines and submits both plans.
        var deadline = BeijingTime.Today(TimeProvider.System).AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var problem in new[] { ProblemA, ProblemB })
        {
            await secretary.GotoAsync("/");
            await MainNavigation(secretary).GetByRole(AriaRole.Link, new() { Name = "整改清单", Exact = true }).ClickAsync();
            await Expect(Heading(secretary)).ToHaveTextAsync("我的整改清单");
            await AssertNoSeriousAxeViolationsAsync(secretary);
            await secretary.GetByRole(AriaRole.Link, new() { Name = problem, Exact = true }).ClickAsync();
            await Expect(Heading(secretary)).ToHaveTextAsync(problem);
            await secretary.GetByLabel("整改措施", new() { Exact = true }).FillAsync("逐一制定改造方案，每月督促检查");
            await secretary.GetByLabel("责任人", new() { Exact = true }).FillAsync("张明（党建办主任）");
            await secretary.GetByLabel("整改时限", new() { Exact = true }).FillAsync(deadline);
            await secretary.GetByLabel("预期目标", new() { Exact = true }).FillAsync("年底前全部整改到位");
            await AssertNoSeriousAxeViolationsAsync(secretary);
            await secretary.GetByRole(AriaRole.Button, new() { Name = "提交审核", Exact = true }).ClickAsync();
            await Expect(secretary.GetByRole(AriaRole.Status)).ToContainTextAsync("整改方案已提交");
        }

        // Staff approve both plans from the ledger.
        await organizer.GotoAsync($"/Rectification/Ledger?meeting={meetingId}");
        await Expect(organizer.Locator("[data-totals]")).ToContainTextAsync("共 3 项");
        await AssertNoSeriousAxeViolationsAsync(organizer);
        await SaveScreenshotAsync(organizer, "rectification-ledger");
        foreach (var problem in new[] { ProblemA, ProblemB })
        {
            await organizer.GotoAsync($"/Rectification/Ledger?meeting={meetingId}");
            await organizer.GetByRole(AriaRole.Link, new() { Name = problem, Exact = true }).ClickAsync();
            await organizer.GetByRole(AriaRole.Button, new() { Name = "审核通过", Exact = true }).ClickAsync();
            await Expect(organizer.GetByRole(AriaRole.Status)).ToContainTextAsync("审核通过");
        }

        // The secretary reports completion of both, with a photo as evidence.
        foreach (var problem in new[] { ProblemA, ProblemB })
        {
            await secretary.GotoAsync("/Rectification");
            await secretary.GetByRole(AriaRole.Link, new() { Name = problem, Exact = true }).ClickAsync();
            await secretary.GetByLabel("整改进展或完成情况", new() { Exact = true }).FillAsync("已全部整改到位，附现场照片。");
            await secretary.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "现场照片.png", MimeType = "image/png", Buffer = TestDocuments.RealPng() });
            await secretary.GetByRole(AriaRole.Button, new() { Name = "报告整改完成", Exact = true }).ClickAsync();
            await Expect(secretary.GetByRole(AriaRole.Status)).ToContainTextAsync("已报告整改完成");
            await Expect(secretary.GetByRole(AriaRole.Link, new() { Name = "现场照片.png", Exact = true })).ToBeVisibleAsync();
        }

        await AssertNoSeriousAxeViolationsAsync(secretary);

        // Staff close one and send the other back with a reason.
        var a = await ItemIdAsync(ProblemA);
        var b = await ItemIdAsync(ProblemB);
        await organizer.GotoAsync($"/Rectification/Item/{a}");
        await AssertNoSeriousAxeViolationsAsync(organizer);
        await organizer.GetByRole(AriaRole.Button, new() { Name = "核查通过，销号", Exact = true }).ClickAsync();
        await Expect(organizer.GetByRole(AriaRole.Status)).ToContainTextAsync("问题已销号");
        await organizer.GotoAsync($"/Rectification/Item/{b}");
        await organizer.GetByLabel("退回原因", new() { Exact = true }).FillAsync("照片不能说明流动党员管理情况，请补充台账");
        await organizer.GetByRole(AriaRole.Button, new() { Name = "退回继续整改", Exact = true }).ClickAsync();
        await Expect(organizer.GetByRole(AriaRole.Status)).ToContainTextAsync("已退回");
        Assert.Equal(
            [RectificationStatus.Closed, RectificationStatus.InProgress],
            [await DbAsync(db => db.RectificationItems.Where(i => i.Id == a).Select(i => i.Status).SingleAsync()),
             await DbAsync(db => db.RectificationItems.Where(i => i.Id == b).Select(i => i.Status).SingleAsync())]);

        // Next year's meeting of the same units carries the result over.
        var next = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        await organizer.GotoAsync($"/Meetings/Details/{next}");
        var carryOver = organizer.Locator("#carry-over tr", new() { HasText = Dongcheng });
        await Expect(carryOver).ToContainTextAsync("上年度问题 2 项，已销号 1 项");
        await AssertNoSeriousAxeViolationsAsync(organizer);
        await SaveScreenshotAsync(organizer, "rectification-carry-over");
    }

    private Task<Guid> ItemIdAsync(string text) =>
        DbAsync(db => db.RectificationItems.Where(i => i.Text == text).Select(i => i.Id).SingleAsync());

    private async Task<IPage> SignedInPageAsync(string userName)
    {
        var page = await (await NewContextAsync()).NewPageAsync();
        await SignInAsync(page, userName);
        return page;
    }
}
