using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Reports;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Reports;

/// <summary>
/// Staff tick several submitted reports in the tracker and approve or return them at once (issue 18): one transaction,
/// one reason on every returned report, skipped reports named, nothing changed twice, nothing outside the user's meetings.
/// </summary>
public sealed class TrackerBulkReviewTests : AppTest
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";
    private const string Nanhu = "中共清河区南湖街道工作委员会";
    private const string Beiyuan = "中共清河区北苑街道工作委员会";
    private const string Hexi = "中共柳林区河西街道工作委员会";
    private const string Reason = "缺少上年度问题整改情况";
    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 1);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    /// <summary>A 清河区 meeting where 东城, 西城 and 南湖 have submitted and 北苑 has not.</summary>
    private async Task<Guid> MeetingAsync()
    {
        var meeting = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng, Nanhu, Beiyuan).Published().SaveAsync(db));
        foreach (var unit in new[] { Dongcheng, Xicheng, Nanhu })
        {
            await SubmitAsync(meeting, unit, $"{unit}履职情况");
        }

        return meeting;
    }

    private Task<int> SubmitAsync(Guid meeting, string unit, string text) => DbAsync(async db =>
    {
        var reporter = await db.Reporters.SingleAsync(r => r.MeetingId == meeting && r.UnitName == unit);
        var report = await db.WrittenReports.Include(r => r.Versions).SingleOrDefaultAsync(r => r.ReporterId == reporter.Id)
            ?? db.WrittenReports.Add(new WrittenReport(meeting, reporter.Id, reporter.OrganizationId)).Entity;
        report.Save(ReportContent.Create(text, null, null, null), null, submit: true, Guid.NewGuid(), _clock.GetUtcNow(), null, new DateOnly(2026, 12, 1));
        return await db.SaveChangesAsync();
    });

    private Task<WrittenReport> ReportAsync(Guid meeting, string unit) => DbAsync(db =>
        db.WrittenReports.AsNoTracking().SingleAsync(w => w.MeetingId == meeting && db.Reporters.Any(r => r.Id == w.ReporterId && r.UnitName == unit)));

    private Task<Guid> UserIdAsync(string userName) => DbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    /// <summary>Ticks the units' boxes on the tracker page, as a user would; fails when a unit has no box.</summary>
    private static IHtmlDocument Tick(IHtmlDocument page, params string[] units)
    {
        foreach (var unit in units)
        {
            var box = page.QuerySelector($"tr[data-unit='{unit}'] input[type=checkbox][name=Selected]") as IHtmlInputElement
                ?? throw new InvalidOperationException($"No box for {unit}.");
            box.IsChecked = true;
        }

        return page;
    }

    /// <summary>
    /// Presses a button of the bulk form. A browser posts the row boxes with it (they name the form in their form
    /// attribute); AngleSharp posts only a form's descendants, so the boxes are moved into the form first.
    /// </summary>
    private static Task<HttpResponseMessage> BulkAsync(Session session, IHtmlDocument page, string handler, string? reason = null)
    {
        var form = page.QuerySelector("form#bulk-review")!;
        foreach (var box in page.QuerySelectorAll("input[form='bulk-review']").ToList())
        {
            form.AppendChild(box);
        }

        return session.SubmitAsync(page, "form#bulk-review", reason is null ? [] : new() { ["ReturnReason"] = reason }, $"button[formaction*='handler={handler}']");
    }

    private static string Message(IHtmlDocument page) => page.QuerySelector("main .alert-success")?.TextContent.Trim() ?? "";

    private static string Skipped(IHtmlDocument page) => page.QuerySelector("#bulk-skipped")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Ticked_submitted_reports_are_approved_at_once_and_the_list_keeps_its_filter()
    {
        var meeting = await MeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Reports/Tracker/{meeting}?Status=%E5%B7%B2%E6%8F%90%E4%BA%A4");
        Assert.Null(page.QuerySelector($"tr[data-unit='{Beiyuan}'] input[type=checkbox]"));

        using var response = await BulkAsync(organizer, Tick(page, Dongcheng, Xicheng), "BulkReview");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Status=%E5%B7%B2%E6%8F%90%E4%BA%A4", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var after = await organizer.FollowAsync(response);
        Assert.Equal("已审核通过 2 份述职报告。", Message(after));
        Assert.Equal([Nanhu], after.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-unit")));
        var organizerId = await UserIdAsync("organizer");
        foreach (var unit in new[] { Dongcheng, Xicheng })
        {
            var report = await ReportAsync(meeting, unit);
            Assert.Equal(ReportStatus.Reviewed, report.Status);
            Assert.Equal(organizerId, report.ReviewedBy);
            Assert.Equal(_clock.GetUtcNow(), report.ReviewedAt);
        }

        Assert.Equal(ReportStatus.Submitted, (await ReportAsync(meeting, Nanhu)).Status);
    }

    [Fact]
    public async Task Bulk_return_asks_to_confirm_how_many_then_stores_the_one_reason_on_each_report()
    {
        var meeting = await MeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var page = Tick(await organizer.GetAsync($"/Reports/Tracker/{meeting}"), Dongcheng, Nanhu);

        using var asked = await BulkAsync(organizer, page, "BulkReturn", Reason);
        var confirmation = await Session.ParseAsync(asked);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal("确定退回 2 份述职报告？", confirmation.Heading());
        var consequence = confirmation.QuerySelector("#confirm-consequence")!.TextContent;
        Assert.Contains($"将退回以下 2 份述职报告：{Dongcheng}、{Nanhu}。", consequence, StringComparison.Ordinal);
        Assert.Contains($"“{Reason}”", consequence, StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Submitted, (await ReportAsync(meeting, Dongcheng)).Status);

        using var confirmed = await organizer.ConfirmAsync(asked);
        var after = await organizer.FollowAsync(confirmed);

        Assert.Equal("已退回 2 份述职报告。", Message(after));
        foreach (var unit in new[] { Dongcheng, Nanhu })
        {
            var report = await ReportAsync(meeting, unit);
            Assert.Equal(ReportStatus.Returned, report.Status);
            Assert.Equal(Reason, report.ReturnReason);
        }

        Assert.Equal(ReportStatus.Submitted, (await ReportAsync(meeting, Xicheng)).Status);
        using var secretary = await SignInAsync("secretary");
        Assert.Contains($"退回原因：{Reason}", (await secretary.GetAsync("/Reports")).MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_return_without_a_reason_is_refused_next_to_the_field_and_keeps_the_ticks()
    {
        var meeting = await MeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var page = Tick(await organizer.GetAsync($"/Reports/Tracker/{meeting}"), Dongcheng, Xicheng);

        using var response = await BulkAsync(organizer, page, "BulkReturn", "  ");
        var result = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(result.QuerySelector("input[name=confirmed]"));
        Assert.Equal("请填写退回原因。", result.ErrorFor("ReturnReason"));
        Assert.Equal(
            [Dongcheng, Xicheng],
            result.QuerySelectorAll("input[name=Selected]").OfType<IHtmlInputElement>().Where(b => b.IsChecked)
                .Select(b => b.Closest("tr")!.GetAttribute("data-unit")));
        foreach (var unit in new[] { Dongcheng, Xicheng, Nanhu })
        {
            Assert.Equal(ReportStatus.Submitted, (await ReportAsync(meeting, unit)).Status);
        }

        using var nothingTicked = await BulkAsync(organizer, await organizer.GetAsync($"/Reports/Tracker/{meeting}"), "BulkReview");
        Assert.Equal("请先勾选要审核通过的报告。", (await Session.ParseAsync(nothingTicked)).ErrorFor("Selected"));
    }

    [Fact]
    public async Task Reports_that_changed_after_the_page_showed_them_are_skipped_and_named_and_the_rest_approved()
    {
        var meeting = await MeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var page = Tick(await organizer.GetAsync($"/Reports/Tracker/{meeting}"), Dongcheng, Xicheng, Nanhu);
        // Meanwhile a colleague returns 西城's report and 南湖 submits a new version, which nobody has read yet.
        await DbAsync(async db =>
        {
            var xicheng = await db.WrittenReports.SingleAsync(w => w.MeetingId == meeting && db.Reporters.Any(r => r.Id == w.ReporterId && r.UnitName == Xicheng));
            xicheng.Return("数据有误", _clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        _clock.Now = _clock.Now.AddMinutes(10);
        await SubmitAsync(meeting, Nanhu, "南湖街道修改后的履职情况");

        var after = await organizer.FollowAsync(await BulkAsync(organizer, page, "BulkReview"));

        Assert.Equal("已审核通过 1 份述职报告。", Message(after));
        Assert.Equal($"以下 2 份报告未审核通过：{Xicheng}（已退回）、{Nanhu}（页面打开后报告已有变化，请刷新后再处理）。", Skipped(after));
        Assert.Equal(ReportStatus.Reviewed, (await ReportAsync(meeting, Dongcheng)).Status);
        Assert.Equal(ReportStatus.Returned, (await ReportAsync(meeting, Xicheng)).Status);
        Assert.Equal(ReportStatus.Submitted, (await ReportAsync(meeting, Nanhu)).Status);
    }

    [Fact]
    public async Task Submitting_a_bulk_action_twice_changes_nothing_the_second_time()
    {
        var meeting = await MeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var page = Tick(await organizer.GetAsync($"/Reports/Tracker/{meeting}"), Dongcheng, Xicheng);
        Assert.Equal("已审核通过 2 份述职报告。", Message(await organizer.FollowAsync(await BulkAsync(organizer, page, "BulkReview"))));
        var reviewed = await ReportAsync(meeting, Dongcheng);
        _clock.Now = _clock.Now.AddMinutes(1);

        var second = await organizer.FollowAsync(await BulkAsync(organizer, page, "BulkReview"));

        Assert.Equal("", Message(second));
        Assert.Equal($"以下 2 份报告未审核通过：{Dongcheng}（已审核）、{Xicheng}（已审核）。", Skipped(second));
        var again = await ReportAsync(meeting, Dongcheng);
        Assert.Equal(reviewed.ReviewedAt, again.ReviewedAt);
        Assert.Equal(reviewed.Version, again.Version);

        // The confirmation page's 确定, pressed twice.
        var returning = Tick(await organizer.GetAsync($"/Reports/Tracker/{meeting}"), Nanhu);
        var confirmation = await Session.ParseAsync(await BulkAsync(organizer, returning, "BulkReturn", Reason));
        Assert.Equal("已退回 1 份述职报告。", Message(await organizer.FollowAsync(await organizer.SubmitAsync(confirmation, "form:has(input[name=confirmed])", []))));
        var once = await ReportAsync(meeting, Nanhu);
        _clock.Now = _clock.Now.AddMinutes(1);
        var twice = await organizer.FollowAsync(await organizer.SubmitAsync(confirmation, "form:has(input[name=confirmed])", []));

        Assert.Equal($"以下 1 份报告未退回：{Nanhu}（已退回）。", Skipped(twice));
        var stored = await ReportAsync(meeting, Nanhu);
        Assert.Equal((ReportStatus.Returned, Reason, once.UpdatedAt, once.Version), (stored.Status, stored.ReturnReason, stored.UpdatedAt, stored.Version));
    }

    [Fact]
    public async Task Forged_bulk_posts_with_another_districts_report_change_nothing()
    {
        var qinghe = await MeetingAsync();
        var liulin = await DbAsync(db => new MeetingBuilder().HostedBy("中共柳林区委员会").OnSite(Hexi).SaveAsync(db));
        await SubmitAsync(liulin, Hexi, "河西街道履职情况");
        var target = await ReportAsync(qinghe, Dongcheng);
        var targetReporter = target.ReporterId;
        using var organizer = await SignInAsync("organizer.liulin");

        foreach (var handler in new[] { "BulkReview", "BulkReturn" })
        {
            // Her own tracker's form, with the box pointing at 清河区's report at its current version.
            var page = Tick(await organizer.GetAsync($"/Reports/Tracker/{liulin}"), Hexi);
            page.QuerySelector("input[name=Selected]")!.SetAttribute("value", $"{targetReporter}:{target.Version}");
            using var ownMeeting = await BulkAsync(organizer, page, handler, Reason);
            var result = await organizer.FollowAsync(ownMeeting);
            Assert.Equal("另有 1 项不是本会议的述职对象，未处理。", Skipped(result));
            Assert.DoesNotContain(Dongcheng, result.MainText(), StringComparison.Ordinal);

            // The same form posted to 清河区's meeting.
            page = Tick(await organizer.GetAsync($"/Reports/Tracker/{liulin}"), Hexi);
            page.QuerySelector("input[name=Selected]")!.SetAttribute("value", $"{targetReporter}:{target.Version}");
            var button = page.QuerySelector($"button[formaction*='handler={handler}']")!;
            button.SetAttribute("formaction", $"/Reports/Tracker/{qinghe}?handler={handler}");
            using var otherMeeting = await BulkAsync(organizer, page, handler, Reason);
            Assert.Equal(HttpStatusCode.NotFound, otherMeeting.StatusCode);
        }

        var stored = await ReportAsync(qinghe, Dongcheng);
        Assert.Equal((ReportStatus.Submitted, (string?)null, target.Version), (stored.Status, stored.ReturnReason, stored.Version));
        Assert.Equal(ReportStatus.Submitted, (await ReportAsync(liulin, Hexi)).Status);
    }
}
