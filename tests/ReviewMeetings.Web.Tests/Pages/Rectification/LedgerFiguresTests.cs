using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Tests.Infrastructure;
using static ReviewMeetings.Web.Tests.Infrastructure.PdfText;
using static ReviewMeetings.Web.Tests.Pages.Rectification.RectificationArrange;

namespace ReviewMeetings.Web.Tests.Pages.Rectification;

/// <summary>
/// The ledger's figures agree on the page, in the printed ledger and in the Excel file: one name for closed ÷ total
/// (完成率, the glossary's completion rate), and counts for every status.
/// </summary>
public sealed class LedgerFiguresTests : AppTest
{
    private readonly TestClock _clock = PinnedClock();

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private Task<List<RectificationItem>> ItemsAsync(Guid meetingId) =>
        DbAsync(db => db.RectificationItems.AsNoTracking().Where(i => i.MeetingId == meetingId).ToListAsync());

    [Fact]
    public async Task Ledger_page_totals_count_every_status_and_the_page_and_pdf_call_the_rate_completion_rate()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        var items = await ItemsAsync(id);
        using var organizer = await SignInAsync("organizer");

        var page = await organizer.GetAsync($"/Rectification/Ledger?meeting={id}");
        var totals = page.QuerySelector("[data-totals]")!.TextContent;
        Assert.StartsWith($"共 {items.Count} 项，", totals, StringComparison.Ordinal);
        foreach (var status in Enum.GetValues<RectificationStatus>())
        {
            Assert.Contains($"{status.ChineseName()} {items.Count(i => i.Status == status)} 项", totals, StringComparison.Ordinal);
        }

        var rate = Math.Round(items.Count(i => i.Status == RectificationStatus.Closed) * 100m / items.Count, 1, MidpointRounding.AwayFromZero);
        Assert.EndsWith($"完成率 {rate:0.0}%", totals, StringComparison.Ordinal);
        Assert.DoesNotContain("销号率", page.MainText(), StringComparison.Ordinal);

        using var response = await organizer.Client.GetAsync(new Uri($"/Rectification/Ledger?handler=Print&pdf=true&meeting={id}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        var pdf = TextOf(await response.Content.ReadAsByteArrayAsync(), contentOrder: true);
        Assert.Contains(Readable($"完成率{rate:0.0}%"), pdf, StringComparison.Ordinal);
        Assert.DoesNotContain(Readable("销号率"), pdf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Excel_ledger_ends_with_a_summary_of_the_counts_by_status_overdue_and_the_completion_rate()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        var items = await ItemsAsync(id);
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.Client.GetAsync(new Uri($"/Rectification/Ledger?handler=Export&meeting={id}", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        var workbook = ExcelWorkbook.Read(await response.Content.ReadAsByteArrayAsync());
        var rows = workbook.Cells("整改台账");
        var labels = rows[^2].Select(c => c.Text).ToList();
        var counts = rows[^1];
        Assert.Empty(rows[^3]);
        Assert.Equal("汇总", labels[0]);
        Assert.Equal("项数", counts[0].Text);

        // Every figure is a number Excel can compute with.
        decimal? Count(string label) => counts[labels.IndexOf(label)].Number;
        Assert.Equal(items.Count, Count("合计"));
        foreach (var status in Enum.GetValues<RectificationStatus>())
        {
            Assert.Equal(items.Count(i => i.Status == status), Count(status.ChineseName()));
        }

        var today = BeijingTime.Today(_clock);
        Assert.Equal(items.Count(i => RectificationItem.IsOverdue(i.Deadline, i.Status, today)), Count("逾期"));
        Assert.Equal(1, Count("逾期"));
        var rate = counts[labels.IndexOf("完成率")];
        Assert.Equal(RectificationStats.Of(items.Select(i => (i.Status, i.Deadline)), today).CompletionRate / 100m, rate.Number);
        Assert.Equal(0.25m, rate.Number);
        Assert.Equal("0.0%", rate.NumberFormat);
    }

    [Fact]
    public async Task Excel_ledger_writes_closing_times_as_excel_dates_in_beijing_time()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        var items = await ItemsAsync(id);
        using var organizer = await SignInAsync("organizer");

        var workbook = ExcelWorkbook.Read(await organizer.Client.GetByteArrayAsync(new Uri($"/Rectification/Ledger?handler=Export&meeting={id}", UriKind.Relative)));

        var rows = workbook.Cells("整改台账");
        var header = rows[0].Select(c => c.Text).ToList();
        var closed = items.Single(i => i.Status == RectificationStatus.Closed);
        var row = rows.Skip(1).Take(items.Count).Single(r => r[header.IndexOf("问题")].Text == closed.Text);
        var closedAt = row[header.IndexOf("销号时间")];
        Assert.True(closedAt.IsDate);
        Assert.Equal("yyyy-mm-dd hh:mm", closedAt.NumberFormat);
        Assert.InRange((closedAt.Date!.Value - BeijingTime.ToBeijing(closed.ClosedAt!.Value).DateTime).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        Assert.All(
            rows.Skip(1).Take(items.Count).Where(r => r[header.IndexOf("整改状态")].Text != RectificationStatus.Closed.ChineseName()),
            r => Assert.Equal(ExcelCellType.Empty, r[header.IndexOf("销号时间")].Type));
    }
}
