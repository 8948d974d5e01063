using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Organizations;

/// <summary>
/// The searchable unit picker of the five pages that choose a unit (issue 18): it searches the user's scope in the
/// database, never lists the whole subtree, and without script searches with the whole form, so nothing typed is lost.
/// </summary>
public sealed class UnitPickerTests : AppTest
{
    private const string FindButton = "button[formaction*='handler=FindUnit']";
    private const string Qinghe = "中共清河区委员会";

    private Task<Guid> UnitIdAsync(string name) => DbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private static List<string> Sorted(IEnumerable<string> paths) => paths.Order(StringComparer.Ordinal).ToList();

    /// <summary>What the script receives for <paramref name="text"/>: the units' "上级 / 本级" paths, the total and how many more there are.</summary>
    private static async Task<(List<string> Paths, int Total, int More)> SearchAsync(Session session, string page, string text)
    {
        using var response = await session.Client.GetAsync($"{page}?handler=Units&q={Uri.EscapeDataString(text)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        return (root.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("path").GetString()!).ToList(),
            root.GetProperty("total").GetInt32(), root.GetProperty("more").GetInt32());
    }

    /// <summary>The radio buttons a search without script offers, in page order: their labels, and whether each is checked.</summary>
    private static List<(string Label, bool Checked)> Offered(IHtmlDocument page, string field) =>
        page.QuerySelectorAll<IHtmlInputElement>($"input[type=radio][name='{field}']")
            .Select(r => (page.QuerySelector($"label[for='{r.Id}']")!.TextContent.Trim(), r.IsChecked))
            .ToList();

    [Theory]
    [InlineData("/Organizations/Create")]
    [InlineData("/Meetings/Create")]
    [InlineData("/Admin/Users/Create")]
    public async Task Search_by_part_of_a_name_finds_active_units_of_the_users_scope_only(string page)
    {
        await DbAsync(async db =>
        {
            (await db.Organizations.SingleAsync(o => o.Name == "中共清河区石桥镇委员会")).Deactivate([]);
            return await db.SaveChangesAsync();
        });
        using var organizer = await SignInAsync("organizer");
        using var admin = await SignInAsync("admin");

        var streets = await SearchAsync(organizer, page, "街道工作");
        var towns = await SearchAsync(organizer, page, "镇委员会");
        var everywhere = await SearchAsync(admin, page, "街道工作");

        Assert.Equal(
            Sorted([$"{Qinghe} / 中共清河区东城街道工作委员会", $"{Qinghe} / 中共清河区西城街道工作委员会", $"{Qinghe} / 中共清河区南湖街道工作委员会", $"{Qinghe} / 中共清河区北苑街道工作委员会"]),
            Sorted(streets.Paths));
        Assert.Equal((4, 0), (streets.Total, streets.More));
        // 柳溪镇 is 清河's; 石桥镇 is deactivated; 青山镇 belongs to 柳林.
        Assert.Equal(Sorted([$"{Qinghe} / 中共清河区桃源镇委员会", $"{Qinghe} / 中共清河区柳溪镇委员会"]), Sorted(towns.Paths));
        Assert.Equal(5, everywhere.Total);
        Assert.Contains("中共柳林区委员会 / 中共柳林区河西街道工作委员会", everywhere.Paths);
    }

    [Fact]
    public async Task Search_finds_a_unit_by_its_code_and_tells_units_of_one_name_apart_by_their_parent()
    {
        await DbAsync(async db =>
        {
            var dongcheng = await db.Organizations.SingleAsync(o => o.Name == "中共清河区东城街道工作委员会");
            var xicheng = await db.Organizations.SingleAsync(o => o.Name == "中共清河区西城街道工作委员会");
            var first = Organization.CreateChild(dongcheng, "机关第一党支部", OrganizationType.Branch, OrganizationCategory.Street);
            first.SetCode("QH-DC-001");
            db.Organizations.AddRange(first, Organization.CreateChild(xicheng, "机关第一党支部", OrganizationType.Branch, OrganizationCategory.Street));
            return await db.SaveChangesAsync();
        });
        using var organizer = await SignInAsync("organizer");

        var byName = await SearchAsync(organizer, "/Organizations/Create", "机关第一");
        var byCode = await SearchAsync(organizer, "/Organizations/Create", "qh-dc");

        Assert.Equal(Sorted(["中共清河区东城街道工作委员会 / 机关第一党支部", "中共清河区西城街道工作委员会 / 机关第一党支部"]), Sorted(byName.Paths));
        Assert.Equal(["中共清河区东城街道工作委员会 / 机关第一党支部"], byCode.Paths);
    }

    [Fact]
    public async Task Move_search_leaves_out_the_moved_unit_and_its_subtree()
    {
        var dongcheng = await UnitIdAsync("中共清河区东城街道工作委员会");
        using var organizer = await SignInAsync("organizer");

        var streets = await SearchAsync(organizer, $"/Organizations/Move/{dongcheng}", "街道");
        using var response = await organizer.SubmitAsync($"/Organizations/Move/{dongcheng}", "main form", new() { ["unitSearch"] = "街道" }, FindButton);
        var offered = Offered(await Session.ParseAsync(response), "NewParentId");

        Assert.Equal(
            Sorted([$"{Qinghe} / 中共清河区西城街道工作委员会", $"{Qinghe} / 中共清河区南湖街道工作委员会", $"{Qinghe} / 中共清河区北苑街道工作委员会"]),
            Sorted(streets.Paths));
        // The current parent stays chosen on top; neither 东城 nor its 社区 branches ("东城街道…") are offered.
        Assert.Equal((Qinghe, true), offered[0]);
        Assert.Equal(Sorted(streets.Paths), Sorted(offered.Skip(1).Select(o => o.Label)));
        Assert.Equal(HttpStatusCode.NotFound, await organizer.StatusOfAsync($"/Organizations/Move/{await UnitIdAsync("中共柳林区委员会")}?handler=Units&q=街道"));
    }

    [Fact]
    public async Task Search_without_script_keeps_what_was_typed_and_the_chosen_unit_and_then_saves_under_the_new_choice()
    {
        var xicheng = await UnitIdAsync("中共清河区西城街道工作委员会");
        using var organizer = await SignInAsync("organizer");

        using var searched = await organizer.SubmitAsync($"/Organizations/Create?parentId={xicheng}", "main form", new()
        {
            ["unitSearch"] = "镇",
            ["Input.Name"] = "桃源镇机关党支部",
            ["Input.Type"] = "Branch",
            ["Input.Category"] = "Town",
            ["Input.Code"] = "QH-TY-900",
        }, FindButton);
        var page = await Session.ParseAsync(searched);

        Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
        Assert.Equal(
            [($"{Qinghe} / 中共清河区西城街道工作委员会", true), ($"{Qinghe} / 中共清河区柳溪镇委员会", false), ($"{Qinghe} / 中共清河区桃源镇委员会", false), ($"{Qinghe} / 中共清河区石桥镇委员会", false)],
            Offered(page, "ParentId").OrderBy(o => !o.Checked).ThenBy(o => o.Label, StringComparer.Ordinal).ToList());
        Assert.Equal("已选：中共清河区委员会 / 中共清河区西城街道工作委员会", page.QuerySelector("#ParentId-current")!.TextContent.Trim());
        Assert.Equal("镇", page.QuerySelector<IHtmlInputElement>("#ParentId")!.Value);
        Assert.Equal("桃源镇机关党支部", page.QuerySelector<IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal("Branch", page.QuerySelector<IHtmlSelectElement>("#Input_Type")!.Value);
        Assert.Equal("Town", page.QuerySelector<IHtmlSelectElement>("#Input_Category")!.Value);
        Assert.Equal("QH-TY-900", page.QuerySelector<IHtmlInputElement>("#Input_Code")!.Value);
        Assert.Empty(page.QuerySelectorAll(".field-validation-error"));
        Assert.Equal(0, await DbAsync(db => db.Organizations.CountAsync(o => o.Name == "桃源镇机关党支部")));

        var taoyuan = await UnitIdAsync("中共清河区桃源镇委员会");
        var details = await organizer.FollowAsync(await organizer.SubmitAsync(page, "main form", new() { ["ParentId"] = taoyuan.ToString() }));

        Assert.Equal("桃源镇机关党支部", details.Heading());
        Assert.Equal(taoyuan, await DbAsync(db => db.Organizations.Where(o => o.Name == "桃源镇机关党支部").Select(o => o.ParentId).SingleAsync()));
    }

    [Fact]
    public async Task Account_form_searched_without_script_keeps_every_field_the_passwords_included()
    {
        using var organizer = await SignInAsync("organizer");

        using var searched = await organizer.SubmitAsync("/Admin/Users/Create", "main form", new()
        {
            ["unitSearch"] = "桃源",
            ["Account.UserName"] = "ty.secretary",
            ["Input.DisplayName"] = "孙海涛",
            ["Input.Department"] = "桃源镇党委",
            ["Input.PhoneNumber"] = "13900001005",
            ["Input.Role"] = "Secretary",
            ["Account.Password"] = "Ty#Zhen2025aa",
            ["Account.ConfirmPassword"] = "Ty#Zhen2025aa",
        }, FindButton);
        var page = await Session.ParseAsync(searched);

        Assert.Equal([($"{Qinghe} / 中共清河区桃源镇委员会", false)], Offered(page, "Input.OrganizationId"));
        Assert.Equal("尚未选择。", page.QuerySelector("#Input_OrganizationId-current")!.TextContent.Trim());
        string Typed(string id) => page.QuerySelector<IHtmlInputElement>($"#{id}")!.Value;
        Assert.Equal(
            ("ty.secretary", "孙海涛", "桃源镇党委", "13900001005", "Ty#Zhen2025aa", "Ty#Zhen2025aa"),
            (Typed("Account_UserName"), Typed("Input_DisplayName"), Typed("Input_Department"), Typed("Input_PhoneNumber"), Typed("Account_Password"), Typed("Account_ConfirmPassword")));
        Assert.Equal("Secretary", page.QuerySelector<IHtmlSelectElement>("#Input_Role")!.Value);

        using var created = await organizer.SubmitAsync(page, "main form", new() { ["Input.OrganizationId"] = (await UnitIdAsync("中共清河区桃源镇委员会")).ToString() });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(await UnitIdAsync("中共清河区桃源镇委员会"), await DbAsync(db => db.Users.Where(u => u.UserName == "ty.secretary").Select(u => u.OrganizationId).SingleAsync()));
    }

    [Fact]
    public async Task A_forged_unit_outside_the_scope_is_refused_with_the_pages_message()
    {
        var liulin = await UnitIdAsync("中共柳林区委员会");
        var dongcheng = await UnitIdAsync("中共清河区东城街道工作委员会");
        var secretary = await DbAsync(db => db.Users.Where(u => u.UserName == "secretary").Select(u => u.Id).SingleAsync());
        using var organizer = await SignInAsync("organizer");
        var before = await DbAsync(db => db.Organizations.CountAsync());

        using var create = await organizer.SubmitAsync("/Organizations/Create", "main form", new()
        {
            ["ParentId"] = liulin.ToString(),
            ["Input.Name"] = "越权新建的党支部",
            ["Input.Type"] = "Branch",
            ["Input.Category"] = "Community",
        });
        using var move = await organizer.SubmitAsync($"/Organizations/Move/{dongcheng}", "main form", new() { ["NewParentId"] = liulin.ToString() });
        using var meeting = await organizer.SubmitAsync("/Meetings/Create", "main form", new() { ["HostUnitId"] = liulin.ToString() });
        using var account = await organizer.SubmitAsync($"/Admin/Users/Edit/{secretary}", "main form", new() { ["Input.OrganizationId"] = liulin.ToString() });

        Assert.Equal("请选择您管理范围内的上级党组织。", (await Session.ParseAsync(create)).ErrorFor("ParentId"));
        Assert.Equal("请选择您管理范围内的上级党组织。", (await Session.ParseAsync(move)).ErrorFor("NewParentId"));
        Assert.Equal("请选择您管理范围内的主办单位。", (await Session.ParseAsync(meeting)).ErrorFor("HostUnitId"));
        Assert.Equal("请选择您管理范围内的单位。", (await Session.ParseAsync(account)).ErrorFor("Input.OrganizationId"));
        // The refused unit is not shown back as chosen.
        Assert.Equal("尚未选择。", (await Session.ParseAsync(create)).QuerySelector("#ParentId-current")!.TextContent.Trim());
        Assert.Equal(before, await DbAsync(db => db.Organizations.CountAsync()));
        Assert.Equal(await UnitIdAsync("中共清河区委员会"), await DbAsync(db => db.Organizations.Where(o => o.Id == dongcheng).Select(o => o.ParentId).SingleAsync()));
        Assert.Equal(0, await DbAsync(db => db.Meetings.CountAsync(m => m.OrganizationId == liulin)));
        Assert.Equal(dongcheng, await DbAsync(db => db.Users.Where(u => u.Id == secretary).Select(u => u.OrganizationId).SingleAsync()));
    }

    [Fact]
    public async Task Pages_no_longer_carry_the_whole_subtree_and_a_wide_search_shows_fifty_with_the_rest_counted()
    {
        await DbAsync(db => BinjiangStreet.AddAsync(db, 300));
        var street = await UnitIdAsync(BinjiangStreet.Name);
        var secretary = await DbAsync(db => db.Users.Where(u => u.UserName == "secretary").Select(u => u.Id).SingleAsync());
        using var organizer = await SignInAsync("organizer");

        foreach (var url in new[] { "/Organizations/Create", $"/Organizations/Move/{street}", "/Meetings/Create", "/Admin/Users/Create", $"/Admin/Users/Edit/{secretary}" })
        {
            var html = await (await organizer.Client.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("滨江第", html, StringComparison.Ordinal);
            Assert.DoesNotContain("中共清河区桃源镇委员会", html, StringComparison.Ordinal);
        }

        var json = await SearchAsync(organizer, "/Organizations/Create", "滨江");
        using var response = await organizer.SubmitAsync("/Organizations/Create", "main form", new() { ["unitSearch"] = "滨江" }, FindButton);
        var page = await Session.ParseAsync(response);

        Assert.Equal((50, 301, 251), (json.Paths.Count, json.Total, json.More));
        Assert.Equal($"{Qinghe} / {BinjiangStreet.Name}", json.Paths[0]);
        Assert.Equal(50, Offered(page, "ParentId").Count);
        Assert.Contains("还有 251 个匹配，请输入更多字。", page.MainText(), StringComparison.Ordinal);
    }
}
