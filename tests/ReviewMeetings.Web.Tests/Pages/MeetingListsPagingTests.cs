using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Reports;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages;

/// <summary>The meeting list and the report tracker at city scale (issue 18): pages of 100 with the total, filters kept.</summary>
public sealed class MeetingListsPagingTests : AppTest
{
    private const int Extra = 130;
    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 1);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private static string Title(int number) => $"清河区2030年度第{number:D3}批述职评议会议";

    private static string Summary(IHtmlDocument page, string id) => page.QuerySelector($"#{id}")!.TextContent.Trim();

    private static List<string> Cells(IHtmlDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(c => c.TextContent.Trim()).ToList();

    private static string PageLink(IHtmlDocument page, string label, int number) =>
        page.QuerySelector($"nav[aria-label='{label}'] a[aria-label='第 {number} 页']")!.GetAttribute("href")!;

    [Fact]
    public async Task Meeting_list_shows_a_hundred_meetings_a_page_with_the_total_and_keeps_its_filters_across_pages()
    {
        await DbAsync(async db =>
        {
            var qinghe = await db.Organizations.SingleAsync(o => o.Name == "中共清河区委员会");
            var organizer = await db.Users.SingleAsync(u => u.UserName == "organizer");
            db.Meetings.AddRange(Enumerable.Range(1, Extra).Select(i => Meeting.Create(qinghe.Id, Title(i), 2030, organizer.Id, _clock.GetUtcNow())));
            return await db.SaveChangesAsync();
        });
        var total = await DbAsync(db => db.Meetings.CountAsync(m => db.Organizations.Any(o => o.Id == m.OrganizationId
            && o.Path.StartsWith(db.Organizations.Single(q => q.Name == "中共清河区委员会").Path))));
        using var organizer = await SignInAsync("organizer");

        var all = await organizer.GetAsync("/Meetings");
        var filtered = await organizer.GetAsync("/Meetings?Year=2030&Status=Draft&Q=%E6%89%B9");
        var link = PageLink(filtered, "会议列表的分页", 2);
        var next = await organizer.GetAsync(link);
        var past = await organizer.GetAsync("/Meetings?Year=2030&p=9");

        Assert.Equal($"共 {total} 个会议，第 1/{(total + 99) / 100} 页，每页 100 个。", Summary(all, "meeting-count"));
        Assert.Equal(100, all.QuerySelectorAll("main tbody tr").Length);
        Assert.Equal($"共 {Extra} 个会议，第 1/2 页，每页 100 个。", Summary(filtered, "meeting-count"));
        Assert.Contains("Year=2030", link, StringComparison.Ordinal);
        Assert.Contains("Status=Draft", link, StringComparison.Ordinal);
        Assert.Contains("Q=%E6%89%B9", link, StringComparison.Ordinal);
        Assert.Equal($"共 {Extra} 个会议，第 2/2 页，每页 100 个。", Summary(next, "meeting-count"));
        Assert.Equal(
            Enumerable.Range(1, Extra).Select(Title),
            Cells(filtered, "main tbody tr td:first-child").Concat(Cells(next, "main tbody tr td:first-child")));
        Assert.Equal($"共 {Extra} 个会议，第 2/2 页，每页 100 个。", Summary(past, "meeting-count"));
    }

    [Fact]
    public async Task Report_tracker_shows_a_hundred_reporters_a_page_keeps_the_status_filter_and_counts_every_reporter()
    {
        // 130 written reporters in branch order; branches 1–20 have submitted, and 1–5 of those are reviewed.
        var meeting = await DbAsync(async db =>
        {
            await BinjiangStreet.AddAsync(db, Extra);
            var id = await new MeetingBuilder().HostedBy(BinjiangStreet.Name)
                .Written([.. Enumerable.Range(1, Extra).Select(BinjiangStreet.Branch)]).SaveAsync(db);
            var reporters = await db.Reporters.Where(r => r.MeetingId == id).ToListAsync();
            foreach (var reporter in reporters.Where(r => r.WrittenOrder <= 20))
            {
                var report = new WrittenReport(id, reporter.Id, reporter.OrganizationId);
                report.Save(ReportContent.Create("履职情况", null, null, null), null, submit: true, Guid.NewGuid(), _clock.GetUtcNow(), null, new DateOnly(2026, 12, 1));
                if (reporter.WrittenOrder <= 5)
                {
                    report.MarkReviewed(Guid.NewGuid(), _clock.GetUtcNow());
                }

                db.WrittenReports.Add(report);
            }

            await db.SaveChangesAsync();
            return id;
        });
        using var organizer = await SignInAsync("organizer");

        var all = await organizer.GetAsync($"/Reports/Tracker/{meeting}");
        var notSubmitted = await organizer.GetAsync($"/Reports/Tracker/{meeting}?Status=%E6%9C%AA%E6%8F%90%E4%BA%A4");
        var link = PageLink(notSubmitted, "述职对象列表的分页", 2);
        var next = await organizer.GetAsync(link);

        Assert.Equal($"共 {Extra} 个述职对象，第 1/2 页，每页 100 个。", Summary(all, "reporter-count"));
        Assert.Equal(100, all.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(
            Enumerable.Range(1, 100).Select(BinjiangStreet.Branch),
            all.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-unit")));
        Assert.Equal("共 110 个述职对象，第 1/2 页，每页 100 个。", Summary(notSubmitted, "reporter-count"));
        Assert.Contains("Status=%E6%9C%AA%E6%8F%90%E4%BA%A4", link, StringComparison.Ordinal);
        Assert.Contains("p=2", link, StringComparison.Ordinal);
        Assert.Equal("共 110 个述职对象，第 2/2 页，每页 100 个。", Summary(next, "reporter-count"));
        Assert.Equal(
            Enumerable.Range(21, 110).Select(BinjiangStreet.Branch),
            notSubmitted.QuerySelectorAll("tbody tr").Concat(next.QuerySelectorAll("tbody tr")).Select(r => r.GetAttribute("data-unit")));
        Assert.All(next.QuerySelectorAll("td.report-status"), c => Assert.Equal("未提交", c.TextContent.Trim()));

        // The counts per state cover every reporter, whichever page or filter is shown.
        foreach (var page in new[] { all, notSubmitted, next })
        {
            Assert.Equal(["未提交 110", "草稿 0", "已提交 15", "已退回 0", "已审核 5"], Cells(page, "#status-counts li"));
        }
    }
}
