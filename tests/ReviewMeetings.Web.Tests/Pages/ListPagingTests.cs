using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages;

/// <summary>The unit tree and the account list at city scale (issue 18): pages of 100 with the total, filters kept.</summary>
public sealed class ListPagingTests : AppTest
{
    private const int Extra = 130;

    /// <summary>130 branches under a new 清河区 street committee, each with a Secretary account city001 … city130.</summary>
    private Task<int> ArrangeAsync() => DbAsync(async db =>
    {
        var branches = await BinjiangStreet.AddAsync(db, Extra);
        var role = await db.Roles.SingleAsync(r => r.Name == RoleNames.Secretary);
        foreach (var (unit, i) in branches.Select((u, i) => (u, i + 1)))
        {
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = $"city{i:D3}",
                NormalizedUserName = $"CITY{i:D3}",
                DisplayName = $"书记{i}",
                OrganizationId = unit.Id,
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
        }

        return await db.SaveChangesAsync();
    });

    private static List<string> Cells(IHtmlDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(c => c.TextContent.Trim()).ToList();

    [Fact]
    public async Task Unit_tree_shows_a_hundred_units_a_page_with_the_total_and_keeps_the_search_across_pages()
    {
        await ArrangeAsync();
        var total = await DbAsync(db => db.Organizations.CountAsync(o => o.IsActive && o.Path.StartsWith(db.Organizations.Single(q => q.Name == "中共清河区委员会").Path)));
        using var organizer = await SignInAsync("organizer");

        var first = await organizer.GetAsync("/Organizations");
        var searched = await organizer.GetAsync("/Organizations?q=滨江第");
        var next = await organizer.GetAsync(searched.QuerySelector("nav[aria-label='单位列表的分页'] a[aria-label='第 2 页']")!.GetAttribute("href")!);

        Assert.Equal($"共 {total} 个单位，第 1/{(total + 99) / 100} 页，每页 100 个。", first.QuerySelector("#unit-count")!.TextContent.Trim());
        Assert.Equal(100, first.QuerySelectorAll("tbody tr").Length);
        Assert.Equal($"共 {Extra} 个单位，第 1/2 页，每页 100 个。", searched.QuerySelector("#unit-count")!.TextContent.Trim());
        Assert.Equal($"共 {Extra} 个单位，第 2/2 页，每页 100 个。", next.QuerySelector("#unit-count")!.TextContent.Trim());
        Assert.Equal(
            Enumerable.Range(1, Extra).Select(i => $"滨江第{i:D3}党支部"),
            Cells(searched, "tbody tr td:first-child").Concat(Cells(next, "tbody tr td:first-child")));
    }

    [Fact]
    public async Task Account_list_shows_a_hundred_accounts_a_page_with_the_total_and_a_page_past_the_end_shows_the_last()
    {
        await ArrangeAsync();
        using var admin = await SignInAsync("admin");

        var searched = await admin.GetAsync("/Admin/Users?q=city");
        var past = await admin.GetAsync("/Admin/Users?q=city&p=9");

        Assert.Equal($"共 {Extra} 个用户，第 1/2 页，每页 100 个。", searched.QuerySelector("#user-count")!.TextContent.Trim());
        Assert.Equal(100, searched.QuerySelectorAll("tbody tr").Length);
        Assert.Equal($"共 {Extra} 个用户，第 2/2 页，每页 100 个。", past.QuerySelector("#user-count")!.TextContent.Trim());
        Assert.Equal(
            Enumerable.Range(1, Extra).Select(i => $"city{i:D3}"),
            Cells(searched, "tbody tr td:first-child").Concat(Cells(past, "tbody tr td:first-child")));
        Assert.NotNull(past.QuerySelector("nav[aria-label='用户列表的分页'] a[href*='q=city'][href*='p=1']"));
    }

    [Theory]
    [InlineData(1, 1, "1")]
    [InlineData(1, 3, "1 2 3")]
    [InlineData(6, 10, "1 … 4 5 6 7 8 … 10")]
    [InlineData(3, 10, "1 2 3 4 5 … 10")]
    [InlineData(10, 10, "1 … 8 9 10")]
    public void Pager_links_the_first_and_last_page_and_two_either_side(int number, int count, string expected)
    {
        var slice = PageSlice.For(number, 100, count * 100);

        Assert.Equal(expected, string.Join(' ', slice.Links().Select(n => n?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…")));
    }
}
