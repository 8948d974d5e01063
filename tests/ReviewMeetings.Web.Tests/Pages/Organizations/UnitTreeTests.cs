using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Organizations;

/// <summary>
/// The unit tree and the dashboard read the scope's units through <c>UnitTree</c>, which keeps the ordered tree in memory
/// while the subtree's fingerprint is unchanged. These change the rows behind the app's back, as another app instance or
/// a database administrator would, and expect every change on the next request.
/// </summary>
public sealed class UnitTreeTests : AppTest
{
    private const string Xicheng = "中共清河区西城街道工作委员会";

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task Changes_made_outside_this_app_instance_show_on_the_next_request()
    {
        using var organizer = await SignInAsync("organizer");
        var before = Names(await organizer.GetAsync("/Organizations"));
        var count = int.Parse((await organizer.GetAsync("/")).QuerySelector(".display-6")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(Xicheng, before);

        await DbAsync(db => db.Organizations.Where(o => o.Name == Xicheng).ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, Xicheng + "（新）")));
        var renamed = Names(await organizer.GetAsync("/Organizations"));

        await DbAsync(db => db.Organizations.Where(o => o.Name == Xicheng + "（新）").ExecuteUpdateAsync(s => s.SetProperty(o => o.IsActive, false)));
        var deactivated = Names(await organizer.GetAsync("/Organizations"));
        var dashboard = await organizer.GetAsync("/");

        await DbAsync(async db =>
        {
            var qinghe = await db.Organizations.SingleAsync(o => o.Name == "中共清河区委员会");
            db.Organizations.Add(Organization.CreateChild(qinghe, "中共清河区新城街道工作委员会", OrganizationType.WorkingCommittee, OrganizationCategory.Street));
            return await db.SaveChangesAsync();
        });
        var added = Names(await organizer.GetAsync("/Organizations"));

        Assert.Equal(before.Select(n => n == Xicheng ? Xicheng + "（新）" : n), renamed);
        Assert.Equal(before.Where(n => n != Xicheng), deactivated);
        Assert.Equal((count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), dashboard.QuerySelector(".display-6")!.TextContent.Trim());
        Assert.Contains("中共清河区新城街道工作委员会", added);
        Assert.Equal(before.Count, added.Count);
    }

    [Fact]
    public async Task Dashboard_names_twenty_units_without_a_secretary_counts_the_rest_and_links_to_all_of_them()
    {
        await DbAsync(db => BinjiangStreet.AddAsync(db, 130));
        using var organizer = await SignInAsync("organizer");

        var dashboard = await organizer.GetAsync("/");
        var section = dashboard.QuerySelector("section[aria-labelledby=missing-heading]")!;
        var all = await organizer.GetAsync(section.QuerySelector("p a")!.GetAttribute("href")!);

        Assert.Equal("尚未登记书记的单位（131）", section.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal([BinjiangStreet.Name, .. Enumerable.Range(1, 19).Select(BinjiangStreet.Branch)], section.QuerySelectorAll("li").Select(li => li.TextContent.Trim()));
        Assert.Contains("另有111个单位未登记书记", section.TextContent, StringComparison.Ordinal);
        Assert.Equal("共 131 个单位，第 1/2 页，每页 100 个。", all.QuerySelector("#unit-count")!.TextContent.Trim());
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)all.QuerySelector("#NoSecretary")!).IsChecked);
    }
}
