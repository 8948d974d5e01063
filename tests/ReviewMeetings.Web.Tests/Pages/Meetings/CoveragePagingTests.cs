using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Meetings;

/// <summary>
/// The coverage page at city scale (issue 18): each of its lists (uncovered, excluded, covered) shows a hundred units a
/// page, while the totals count every unit in scope; the pager keeps the list shown.
/// </summary>
public sealed class CoveragePagingTests : AppTest
{
    private const int Extra = 130;
    private const string Qinghe = "中共清河区委员会";
    private const string Dongcheng = "中共清河区东城街道工作委员会";

    /// <summary>
    /// A draft 清河区 meeting with 东城 on site, scoped to every category and type, after 130 branches of a new street
    /// were added (left out with a reason when <paramref name="excludeBranches"/>).
    /// </summary>
    private async Task<Guid> ArrangeAsync(bool excludeBranches = false)
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng).SaveAsync(db));
        await DbAsync(async db =>
        {
            var branches = await BinjiangStreet.AddAsync(db, Extra);
            var meeting = await db.Meetings.Include(m => m.Reporters).SingleAsync(m => m.Id == id);
            meeting.SetCoverageScope(Enum.GetValues<OrganizationCategory>(), Enum.GetValues<OrganizationType>());
            foreach (var branch in excludeBranches ? branches : [])
            {
                meeting.Exclude(branch, "新成立不满半年");
            }

            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>Every active unit below 清河区: the scope when it takes every category and type.</summary>
    private Task<List<string>> UnitsBelowQingheAsync() => DbAsync(async db =>
    {
        var path = await db.Organizations.Where(o => o.Name == Qinghe).Select(o => o.Path).SingleAsync();
        return await db.Organizations.Where(o => o.IsActive && o.Path.StartsWith(path) && o.Name != Qinghe).Select(o => o.Name).ToListAsync();
    });

    private static List<string> UncoveredNames(IHtmlDocument page) =>
        page.QuerySelectorAll("form[action*='handler=Exclude'] label").Select(l => l.TextContent.Trim()["排除“".Length..^"”的原因".Length]).ToList();

    private static string Count(IHtmlDocument page, string selector) => page.QuerySelector(selector)!.TextContent.Trim();

    [Fact]
    public async Task Uncovered_units_show_a_hundred_a_page_while_the_totals_count_every_unit_in_scope()
    {
        var id = await ArrangeAsync();
        var inScope = await UnitsBelowQingheAsync();
        var uncovered = inScope.Where(n => n != Dongcheng).ToList();
        using var organizer = await SignInAsync("organizer");

        var first = await organizer.GetAsync($"/Meetings/Coverage/{id}");
        var second = await organizer.GetAsync(first.QuerySelector("nav[aria-label='未覆盖的单位的分页'] a[aria-label='第 2 页']")!.GetAttribute("href")!);

        Assert.InRange(uncovered.Count, 101, 200);
        foreach (var page in new[] { first, second })
        {
            Assert.Equal(inScope.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Count(page, "#in-scope-count"));
            Assert.Equal(uncovered.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Count(page, "#uncovered-count"));
        }

        Assert.Equal($"共 {uncovered.Count} 个单位，第 1/2 页，每页 100 个。", Count(first, "#list-count"));
        Assert.Equal($"共 {uncovered.Count} 个单位，第 2/2 页，每页 100 个。", Count(second, "#list-count"));
        Assert.Equal(100, UncoveredNames(first).Count);
        Assert.Equal(uncovered.Order(StringComparer.Ordinal), UncoveredNames(first).Concat(UncoveredNames(second)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Excluded_units_page_too_the_pager_keeps_the_list_and_cancelling_an_exclusion_returns_to_the_same_page()
    {
        var id = await ArrangeAsync(excludeBranches: true);
        var inScope = await UnitsBelowQingheAsync();
        using var organizer = await SignInAsync("organizer");

        var first = await organizer.GetAsync($"/Meetings/Coverage/{id}?show=Excluded");
        var link = first.QuerySelector("nav[aria-label='已说明原因不安排的单位的分页'] a[aria-label='第 2 页']")!.GetAttribute("href")!;
        var second = await organizer.GetAsync(link);

        Assert.Contains("show=Excluded", link, StringComparison.Ordinal);
        Assert.Equal($"共 {Extra} 个单位，第 1/2 页，每页 100 个。", Count(first, "#list-count"));
        Assert.Equal(100, first.QuerySelectorAll("form[action*='handler=Include']").Length);
        Assert.Equal(Extra - 100, second.QuerySelectorAll("form[action*='handler=Include']").Length);
        Assert.Equal((inScope.Count - 1 - Extra).ToString(System.Globalization.CultureInfo.InvariantCulture), Count(second, "#uncovered-count"));
        Assert.Equal($"已说明原因不安排的单位（{Extra}）", Count(second, "a[data-list='Excluded']"));
        Assert.Contains("滨江第101党支部：新成立不满半年", second.MainText(), StringComparison.Ordinal);

        using var included = await organizer.SubmitAsync(second, "form[action*='handler=Include']", []);

        Assert.Equal(HttpStatusCode.Redirect, included.StatusCode);
        Assert.Contains("show=Excluded", included.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("p=2", included.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var after = await organizer.FollowAsync(included);
        Assert.Equal($"共 {Extra - 1} 个单位，第 2/2 页，每页 100 个。", Count(after, "#list-count"));
        Assert.Equal((inScope.Count - Extra).ToString(System.Globalization.CultureInfo.InvariantCulture), Count(after, "#uncovered-count"));
    }

    [Fact]
    public async Task Covered_list_names_the_reporting_units_with_their_mode()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");

        var covered = await organizer.GetAsync($"/Meetings/Coverage/{id}?show=Covered");

        Assert.Equal("已安排述职的单位（1）", Count(covered, "a[data-list='Covered']"));
        Assert.Equal([$"{Dongcheng}：现场述职"], covered.QuerySelectorAll("#list-heading ~ ul li").Select(li => li.TextContent.Trim()));
        Assert.Null(covered.QuerySelector("nav[aria-label='已安排述职的单位的分页']"));
    }
}
