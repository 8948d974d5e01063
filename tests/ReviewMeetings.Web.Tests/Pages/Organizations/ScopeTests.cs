using System.Net;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Organizations;

public sealed class ScopeTests : AppTest
{
    private Task<Guid> UnitIdAsync(string name) => DbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private static List<string> UnitNames(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("main table tbody td:first-child a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task Organizer_sees_their_district_subtree_only()
    {
        using var session = await SignInAsync("organizer");

        var names = UnitNames(await session.GetAsync("/Organizations"));

        Assert.Equal("中共清河区委员会", names[0]);
        Assert.Contains("中共清河区东城街道工作委员会", names);
        Assert.Contains("东城街道幸福里社区党总支", names);
        Assert.DoesNotContain("中共柳林区委员会", names);
        Assert.DoesNotContain("中共柳林区河西街道工作委员会", names);
        Assert.DoesNotContain("中共江州市委员会", names);
        Assert.Equal(17, names.Count);
    }

    [Fact]
    public async Task Observer_of_the_city_sees_both_districts()
    {
        using var session = await SignInAsync("observer");

        var names = UnitNames(await session.GetAsync("/Organizations"));

        Assert.Contains("中共清河区委员会", names);
        Assert.Contains("中共柳林区青山镇委员会", names);
        Assert.Equal(21, names.Count);
    }

    [Fact]
    public async Task Secretary_sees_only_their_own_unit_not_even_its_branches()
    {
        using var session = await SignInAsync("secretary");

        var names = UnitNames(await session.GetAsync("/Organizations"));

        Assert.Equal(["中共清河区东城街道工作委员会"], names);
        var branch = await UnitIdAsync("东城街道幸福里社区党总支");
        Assert.Equal(HttpStatusCode.NotFound, await session.StatusOfAsync($"/Organizations/Details/{branch}"));
        var district = await UnitIdAsync("中共清河区委员会");
        Assert.Equal(HttpStatusCode.NotFound, await session.StatusOfAsync($"/Organizations/Details/{district}"));
    }

    [Fact]
    public async Task Organizer_of_one_district_cannot_open_another_districts_unit_by_id()
    {
        using var session = await SignInAsync("organizer");
        var foreign = await UnitIdAsync("中共柳林区河西街道工作委员会");
        var own = await UnitIdAsync("中共清河区西城街道工作委员会");

        var page = await session.GetAsync($"/Organizations/Details/{foreign}", HttpStatusCode.NotFound);
        Assert.Equal("页面不存在", page.Heading());
        Assert.DoesNotContain("河西街道", page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        var ownPage = await session.GetAsync($"/Organizations/Details/{own}");
        Assert.Contains("中共清河区西城街道工作委员会", ownPage.Heading(), StringComparison.Ordinal);
        Assert.Contains("李春梅", ownPage.MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task District_administrator_cannot_reach_units_or_users_of_another_district()
    {
        var qinghe = await UnitIdAsync("中共清河区委员会");
        await DbAsync(async db =>
        {
            var organizer = await db.Users.SingleAsync(u => u.UserName == "organizer.liulin");
            var role = await db.Roles.SingleAsync(r => r.Name == "Administrator");
            var current = await db.UserRoles.SingleAsync(ur => ur.UserId == organizer.Id);
            db.UserRoles.Remove(current);
            db.UserRoles.Add(new() { UserId = organizer.Id, RoleId = role.Id });
            return await db.SaveChangesAsync();
        });
        using var liulinAdmin = await SignInAsync("organizer.liulin");
        var qingheUser = await DbAsync(db => db.Users.Where(u => u.UserName == "secretary").Select(u => u.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.NotFound, await liulinAdmin.StatusOfAsync($"/Organizations/Edit/{qinghe}"));
        Assert.Equal(HttpStatusCode.NotFound, await liulinAdmin.StatusOfAsync($"/Admin/Users/Edit/{qingheUser}"));
        var users = await liulinAdmin.GetAsync("/Admin/Users");
        Assert.DoesNotContain("secretary", users.QuerySelectorAll("main table td a").Select(a => a.TextContent));
        Assert.Contains("organizer.liulin", users.QuerySelectorAll("main table td a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Filter_by_category_and_search()
    {
        using var session = await SignInAsync("organizer");

        var towns = UnitNames(await session.GetAsync("/Organizations?Category=Town"));
        var search = UnitNames(await session.GetAsync("/Organizations?Q=%E6%9D%8E%E6%98%A5%E6%A2%85"));

        Assert.Equal(3, towns.Count);
        Assert.All(towns, n => Assert.EndsWith("镇委员会", n, StringComparison.Ordinal));
        Assert.Equal(["中共清河区西城街道工作委员会"], search);
    }
}
