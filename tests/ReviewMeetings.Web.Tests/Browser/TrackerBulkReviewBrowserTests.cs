using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewMeetings.Domain.Reports;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>
/// Bulk review in the tracker in a real browser: the row boxes belong to the bulk form through their form attribute,
/// 全选本页 ticks the page, and Enter in the reason field returns (never approves).
/// </summary>
public sealed class TrackerBulkReviewBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    private static readonly string[] Units =
        ["中共清河区东城街道工作委员会", "中共清河区西城街道工作委员会", "中共清河区南湖街道工作委员会", "中共清河区北苑街道工作委员会"];

    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 1);

    internal override AppFactory CreateFactory(string connectionString)
    {
        var factory = new AppFactory(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));
        factory.UseKestrel(0);
        return factory;
    }

    private static ILocator Status(IPage page, string unit) =>
        page.GetByRole(AriaRole.Row).Filter(new() { HasText = unit }).Locator("td.report-status");

    [Fact]
    public async Task Organizer_returns_two_ticked_reports_with_enter_then_approves_the_rest_of_the_page_at_once()
    {
        var meeting = await DbAsync(async db =>
        {
            var id = await new MeetingBuilder().OnSite(Units).SaveAsync(db);
            foreach (var reporter in await db.Reporters.Where(r => r.MeetingId == id).ToListAsync())
            {
                var report = new WrittenReport(id, reporter.Id, reporter.OrganizationId);
                report.Save(ReportContent.Create("履职情况", null, null, null), null, submit: true, Guid.NewGuid(), _clock.GetUtcNow(), null, new DateOnly(2026, 12, 1));
                db.WrittenReports.Add(report);
            }

            await db.SaveChangesAsync();
            return id;
        });
        await SignInAsync(Page, "organizer");
        await Page.GotoAsync($"/Reports/Tracker/{meeting}");

        await Page.GetByLabel(Units[0], new() { Exact = true }).CheckAsync();
        await Page.GetByLabel(Units[1], new() { Exact = true }).CheckAsync();
        await Expect(Page.GetByLabel("全选本页")).ToHaveJSPropertyAsync("indeterminate", true);
        var reason = Page.GetByLabel("退回原因（批量退回时必填）");
        await reason.FillAsync("缺少上年度问题整改情况");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await reason.PressAsync("Enter");

        await Expect(Heading(Page)).ToHaveTextAsync("确定退回 2 份述职报告？");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await Page.GetByRole(AriaRole.Button, new() { Name = "退回 2 份报告" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已退回" })).ToHaveTextAsync("已退回 2 份述职报告。");
        await Expect(Status(Page, Units[0])).ToContainTextAsync("缺少上年度问题整改情况");
        await Expect(Status(Page, Units[1])).ToContainTextAsync("缺少上年度问题整改情况");

        await Page.GetByLabel("全选本页").CheckAsync();
        await Expect(Page.GetByLabel(Units[2], new() { Exact = true })).ToBeCheckedAsync();
        await Expect(Page.GetByLabel(Units[3], new() { Exact = true })).ToBeCheckedAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "审核通过所选" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "审核通过" })).ToHaveTextAsync("已审核通过 2 份述职报告。");
        await Expect(Status(Page, Units[2])).ToHaveTextAsync("已审核");
        await Expect(Status(Page, Units[3])).ToHaveTextAsync("已审核");
        await Expect(Status(Page, Units[0])).ToContainTextAsync("已退回");
    }
}
