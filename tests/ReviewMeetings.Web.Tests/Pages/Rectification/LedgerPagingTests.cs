using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Tests.Infrastructure;
using static ReviewMeetings.Web.Tests.Pages.Rectification.RectificationArrange;

namespace ReviewMeetings.Web.Tests.Pages.Rectification;

/// <summary>
/// The ledger at city scale (issue 18): the item table shows a hundred items a page, while its figures, the Excel file
/// and the printed ledger cover every filtered item, and the pager keeps the filters.
/// </summary>
public sealed class LedgerPagingTests : AppTest
{
    private const int Extra = 130;
    private const string ExtraCategory = "作风建设";
    private readonly TestClock _clock = PinnedClock();

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    /// <summary>The four-item ledger meeting plus 130 staff-added 作风建设 items for 东城, one a second apart.</summary>
    private async Task<Guid> ArrangeAsync()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        await DbAsync(async db =>
        {
            var dongcheng = await db.Reporters.SingleAsync(r => r.MeetingId == id && r.UnitName == Dongcheng);
            var organizer = await db.Users.Where(u => u.UserName == "organizer").Select(u => u.Id).SingleAsync();
            var now = _clock.GetUtcNow();
            db.RectificationItems.AddRange(Enumerable.Range(1, Extra).Select(i => RectificationItem.ByStaff(
                id, dongcheng.Id, dongcheng.OrganizationId, $"补充问题{i:D3}", ExtraCategory, RectificationCategories.Defaults, "区委督查室", organizer, now.AddSeconds(i))));
            return await db.SaveChangesAsync();
        });
        return id;
    }

    private Task<List<RectificationItem>> ItemsAsync(Guid meetingId) =>
        DbAsync(db => db.RectificationItems.AsNoTracking().Where(i => i.MeetingId == meetingId).ToListAsync());

    /// <summary>The problem texts of the table's rows, in order.</summary>
    private static List<string> Problems(IHtmlDocument page) =>
        page.QuerySelectorAll("#ledger tbody tr a[href*='/Rectification/Item']").Select(a => a.TextContent.Trim()).ToList();

    private static string NextPage(IHtmlDocument page) =>
        page.QuerySelector("nav[aria-label='问题清单的分页'] a[aria-label='第 2 页']")!.GetAttribute("href")!;

    [Fact]
    public async Task Ledger_table_shows_a_hundred_items_a_page_while_the_figures_count_every_item()
    {
        var id = await ArrangeAsync();
        var items = await ItemsAsync(id);
        using var organizer = await SignInAsync("organizer");

        var first = await organizer.GetAsync($"/Rectification/Ledger?meeting={id}");
        var second = await organizer.GetAsync(NextPage(first));

        Assert.Equal(Extra + 4, items.Count);
        Assert.Equal($"共 {items.Count} 个问题，第 1/2 页，每页 100 个。", first.QuerySelector("#item-count")!.TextContent.Trim());
        Assert.Equal($"共 {items.Count} 个问题，第 2/2 页，每页 100 个。", second.QuerySelector("#item-count")!.TextContent.Trim());
        Assert.Equal(100, Problems(first).Count);
        Assert.Equal(items.Count - 100, Problems(second).Count);
        Assert.Equal(items.Select(i => i.Text).Order(StringComparer.Ordinal), Problems(first).Concat(Problems(second)).Order(StringComparer.Ordinal));
        Assert.Equal("101", second.QuerySelector("#ledger tbody tr td:nth-child(2)")!.TextContent.Trim());

        foreach (var page in new[] { first, second })
        {
            Assert.StartsWith($"共 {items.Count} 项，", page.QuerySelector("[data-totals]")!.TextContent, StringComparison.Ordinal);
            Assert.Contains($"{RectificationStatus.NotStarted.ChineseName()} {items.Count(i => i.Status == RectificationStatus.NotStarted)} 项",
                page.QuerySelector("[data-totals]")!.TextContent, StringComparison.Ordinal);
            var byReporter = page.QuerySelectorAll("#by-reporter + table tbody tr")
                .ToDictionary(tr => tr.QuerySelector("td")!.TextContent.Trim(), tr => int.Parse(tr.QuerySelectorAll("td")[1].TextContent, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Extra + 2, byReporter[$"{Dongcheng}（2025年度）"]);
            Assert.Equal(2, byReporter[$"{Xicheng}（2025年度）"]);
            var byCategory = page.QuerySelectorAll("#by-category + table tbody tr td:nth-child(2)").Sum(td => int.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(items.Count, byCategory);
        }
    }

    [Fact]
    public async Task Excel_export_and_print_preview_hold_every_filtered_item_in_the_order_the_pages_show()
    {
        var id = await ArrangeAsync();
        var items = await ItemsAsync(id);
        using var organizer = await SignInAsync("organizer");
        var first = await organizer.GetAsync($"/Rectification/Ledger?meeting={id}");
        var paged = Problems(first).Concat(Problems(await organizer.GetAsync(NextPage(first)))).ToList();

        using var export = await organizer.Client.GetAsync(new Uri(first.QuerySelector("a[data-export]")!.GetAttribute("href")!, UriKind.Relative));
        export.EnsureSuccessStatusCode();
        var rows = ExcelWorkbook.Read(await export.Content.ReadAsByteArrayAsync()).Sheet("整改台账");
        var exported = rows.Skip(1).Take(items.Count).Select(r => r[6]).ToList();
        var preview = await organizer.GetAsync(first.QuerySelector("a[data-print]")!.GetAttribute("href")!);

        Assert.Equal(paged, exported);
        Assert.Equal("汇总", rows[items.Count + 2][0]);
        Assert.Equal(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[items.Count + 3][1]);
        Assert.All(items, i => Assert.Contains(i.Text, preview.Body!.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pager_links_keep_the_filters_and_the_second_page_shows_only_filtered_items()
    {
        var id = await ArrangeAsync();
        var unit = await DbAsync(db => db.Organizations.Where(o => o.Name == Dongcheng).Select(o => o.Id).SingleAsync());
        using var organizer = await SignInAsync("organizer");

        var first = await organizer.GetAsync($"/Rectification/Ledger?meeting={id}&status=NotStarted&category={Uri.EscapeDataString(ExtraCategory)}&unit={unit}");
        var link = NextPage(first);
        var second = await organizer.GetAsync(link);

        Assert.Contains($"meeting={id}", link, StringComparison.Ordinal);
        Assert.Contains("status=NotStarted", link, StringComparison.Ordinal);
        Assert.Contains($"category={Uri.EscapeDataString(ExtraCategory)}", link, StringComparison.Ordinal);
        Assert.Contains($"unit={unit}", link, StringComparison.Ordinal);
        Assert.Contains("p=2", link, StringComparison.Ordinal);
        Assert.Equal($"共 {Extra} 个问题，第 2/2 页，每页 100 个。", second.QuerySelector("#item-count")!.TextContent.Trim());
        Assert.Equal(
            Enumerable.Range(1, Extra).Select(i => $"补充问题{i:D3}"),
            Problems(first).Concat(Problems(second)));
        Assert.StartsWith($"共 {Extra} 项，", second.QuerySelector("[data-totals]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ExtraCategory, second.QuerySelector<IHtmlSelectElement>("#category")!.Value);
    }

    [Fact]
    public async Task Page_past_the_end_shows_the_last_page()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");

        var past = await organizer.GetAsync($"/Rectification/Ledger?meeting={id}&p=9");

        Assert.Equal($"共 {Extra + 4} 个问题，第 2/2 页，每页 100 个。", past.QuerySelector("#item-count")!.TextContent.Trim());
        Assert.Equal(Extra + 4 - 100, Problems(past).Count);
    }
}
