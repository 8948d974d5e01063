using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Tests.Infrastructure;
using UglyToad.PdfPig;
using static ReviewMeetings.Web.Tests.Infrastructure.PdfText;
using static ReviewMeetings.Web.Tests.Pages.Rectification.RectificationArrange;

namespace ReviewMeetings.Web.Tests.Pages.Documents;

public sealed class LedgerPdfTests : AppTest
{
    private readonly TestClock _clock = PinnedClock();

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private static async Task<byte[]> PdfAsync(Session session, string query)
    {
        using var response = await session.Client.GetAsync(new Uri($"/Rectification/Ledger?handler=Print&pdf=true{query}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private Task<List<RectificationItem>> ItemsAsync(Guid meetingId) =>
        DbAsync(db => db.RectificationItems.AsNoTracking().Where(i => i.MeetingId == meetingId).ToListAsync());

    private DateOnly Today => BeijingTime.Today(_clock);

    [Fact]
    public async Task Meeting_ledger_pdf_is_landscape_and_lists_every_item_with_the_status_counts_from_the_database()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.Client.GetAsync(new Uri($"/Rectification/Ledger?handler=Print&pdf=true&meeting={id}", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal("清河区2025年度整改台账.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = TextOf(pdf, contentOrder: true);
        var items = await ItemsAsync(id);
        Assert.Equal(4, items.Count);
        var units = await DbAsync(db => db.Reporters.Where(r => r.MeetingId == id).ToDictionaryAsync(r => r.Id, r => r.UnitName));
        foreach (var item in items)
        {
            Assert.Contains(Readable(item.Text), text, StringComparison.Ordinal);
            Assert.Contains(Readable(units[item.ReporterId]), text, StringComparison.Ordinal);
            if (item.Measures is not null)
            {
                Assert.Contains(Readable(item.Measures), text, StringComparison.Ordinal);
            }
        }

        var summary = RectificationSummary.Of([.. items.Select(i => (i.Status, i.Deadline))], Today);
        Assert.Equal([1, 1, 1, 1], summary.ByStatus.Select(s => s.Count));
        Assert.Equal(1, summary.Stats.Overdue);
        Assert.Contains(Readable("问题清单" + summary.Sentence()), text, StringComparison.Ordinal);
        Assert.Contains(Readable("整改中（逾期）"), text, StringComparison.Ordinal);
        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        Assert.True(page.Width > page.Height, $"A landscape page is wider than tall: {page.Width} × {page.Height}.");
        Assert.Contains("—1—", TextOf(pdf, 1, contentOrder: true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Printed_ledger_honours_the_filters_of_the_ledger_page()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        using var organizer = await SignInAsync("organizer");

        var overdue = TextOf(await PdfAsync(organizer, $"&meeting={id}&overdue=true"), contentOrder: true);
        var closed = TextOf(await PdfAsync(organizer, "&status=Closed"), contentOrder: true);

        Assert.Contains(Readable(ProblemB), overdue, StringComparison.Ordinal);
        Assert.DoesNotContain(Readable(ProblemA), overdue, StringComparison.Ordinal);
        Assert.Contains(Readable("共1项，其中未启动0项、整改中1项"), overdue, StringComparison.Ordinal);
        Assert.Contains("仅逾期", overdue, StringComparison.Ordinal);
        Assert.Contains(Readable(ProblemA), closed, StringComparison.Ordinal);
        Assert.DoesNotContain(Readable(ProblemC), closed, StringComparison.Ordinal);
        Assert.Contains(Readable("整改状态为已销号"), closed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_ledger_repeats_the_table_header_and_numbers_every_page()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        await DbAsync(async db =>
        {
            var reporter = await db.Reporters.SingleAsync(r => r.MeetingId == id && r.UnitName == Dongcheng);
            var organizer = await db.Users.Where(u => u.UserName == "organizer").Select(u => u.Id).SingleAsync();
            db.RectificationItems.AddRange(Enumerable.Range(1, 40).Select(n => RectificationItem.ByStaff(id, reporter.Id, reporter.OrganizationId,
                $"第{n}号督查问题：社区党组织会议记录不完整，党员发展程序存在不规范环节，需要逐项对照规定整改并建立长效机制",
                "组织体系", RectificationCategories.Defaults, "区委督查室", organizer, _clock.GetUtcNow())));
            return await db.SaveChangesAsync();
        });
        using var organizer = await SignInAsync("organizer");

        var pdf = await PdfAsync(organizer, $"&meeting={id}");

        using var document = PdfDocument.Open(pdf);
        Assert.InRange(document.NumberOfPages, 3, 20);
        for (var page = 1; page <= document.NumberOfPages; page++)
        {
            var text = TextOf(pdf, page, contentOrder: true);
            Assert.Contains(Readable("序号单位书记问题整改措施及进展"), text, StringComparison.Ordinal);
            Assert.Contains($"—{page}—", text, StringComparison.Ordinal);
        }

        var all = TextOf(pdf, contentOrder: true);
        Assert.All(Enumerable.Range(1, 40), n => Assert.Contains(Readable($"第{n}号督查问题"), all, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Subtree_ledger_is_named_after_the_users_district_and_leaves_out_other_districts()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        using var organizer = await SignInAsync("organizer");
        using var liulin = await SignInAsync("organizer.liulin");

        using var response = await organizer.Client.GetAsync(new Uri("/Rectification/Ledger?handler=Print&pdf=true", UriKind.Relative));
        var foreign = TextOf(await PdfAsync(liulin, ""), contentOrder: true);

        response.EnsureSuccessStatusCode();
        Assert.StartsWith("清河区整改台账-", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        Assert.Contains(Readable(ProblemA), TextOf(await response.Content.ReadAsByteArrayAsync(), contentOrder: true), StringComparison.Ordinal);
        Assert.Contains(Readable("柳林区述职评议问题整改台账"), foreign, StringComparison.Ordinal);
        Assert.Contains(Readable("共0项"), foreign, StringComparison.Ordinal);
        Assert.DoesNotContain(Readable(ProblemA), foreign, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await liulin.StatusOfAsync($"/Rectification/Ledger?handler=Print&pdf=true&meeting={id}"));
        Assert.Equal(HttpStatusCode.NotFound, await liulin.StatusOfAsync($"/Rectification/Ledger?handler=Print&meeting={id}"));
    }

    [Theory]
    [InlineData("secretary")]
    [InlineData("leader")]
    public async Task Secretaries_and_leaders_cannot_print_the_ledger(string user)
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        using var session = await SignInAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, await session.StatusOfAsync("/Rectification/Ledger"));
        Assert.Equal(HttpStatusCode.Forbidden, await session.StatusOfAsync($"/Rectification/Ledger?handler=Print&pdf=true&meeting={id}"));
    }

    [Fact]
    public async Task Observer_prints_the_ledger_and_the_page_offers_preview_and_pdf_with_the_current_filters()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        using var observer = await SignInAsync("observer");

        var page = await observer.GetAsync($"/Rectification/Ledger?meeting={id}&status=InProgress");
        var preview = await observer.GetAsync(page.QuerySelector("a[data-print]")!.GetAttribute("href")!);
        var pdf = await PdfAsync(observer, $"&meeting={id}");

        Assert.Contains("pdf=true", page.QuerySelector("a[data-pdf]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains(ProblemB, preview.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(ProblemA, preview.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Readable(ProblemA), TextOf(pdf, contentOrder: true), StringComparison.Ordinal);
    }
}
