using System.Net;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Organizations;

public sealed class ManagementTests : AppTest
{
    private Task<Guid> UnitIdAsync(string name) => DbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private Task<Organization> UnitAsync(Guid id) => DbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == id));

    [Fact]
    public async Task Administrator_creates_a_unit_under_a_parent()
    {
        using var admin = await SignInAsync("admin");
        var parent = await UnitIdAsync("中共清河区西城街道工作委员会");

        var details = await admin.SubmitAndFollowAsync($"/Organizations/Create?parentId={parent}", "main form", new()
        {
            ["Input.Name"] = "西城街道锦绣社区党委",
            ["Input.Type"] = "PartyCommittee",
            ["Input.Category"] = "Community",
        });

        Assert.Equal("西城街道锦绣社区党委", details.Heading());
        Assert.Contains("已新建单位“西城街道锦绣社区党委”。", details.MainText(), StringComparison.Ordinal);
        var created = await DbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Name == "西城街道锦绣社区党委"));
        Assert.Equal(parent, created.ParentId);
        Assert.Equal(OrganizationCategory.Community, created.Category);
        Assert.Equal(3, created.Depth);
    }

    [Fact]
    public async Task Empty_form_gets_Chinese_errors_and_saves_nothing()
    {
        using var admin = await SignInAsync("admin");
        var before = await DbAsync(db => db.Organizations.CountAsync());

        using var response = await admin.SubmitAsync("/Organizations/Create", "main form", new() { ["Input.Name"] = "   " });
        var page = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("请选择上级党组织。", page.ErrorFor("ParentId"));
        Assert.Equal("请填写单位名称。", page.ErrorFor("Input.Name"));
        Assert.Equal("请选择组织类型。", page.ErrorFor("Input.Type"));
        Assert.Equal("请选择类别。", page.ErrorFor("Input.Category"));
        Assert.Equal(before, await DbAsync(db => db.Organizations.CountAsync()));
    }

    [Fact]
    public async Task Duplicate_sibling_name_is_refused_and_the_form_keeps_what_was_typed()
    {
        using var admin = await SignInAsync("admin");
        var parent = await UnitIdAsync("中共清河区委员会");

        using var response = await admin.SubmitAsync($"/Organizations/Create?parentId={parent}", "main form", new()
        {
            ["Input.Name"] = "中共清河区桃源镇委员会",
            ["Input.Type"] = "PartyCommittee",
            ["Input.Category"] = "Town",
        });
        var page = await Session.ParseAsync(response);

        Assert.Equal("同一上级党组织下已有同名单位。", page.ErrorFor("Input.Name"));
        Assert.Equal("中共清河区桃源镇委员会", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Input_Name")!).Value);
        Assert.Equal(1, await DbAsync(db => db.Organizations.CountAsync(o => o.Name == "中共清河区桃源镇委员会")));
    }

    [Fact]
    public async Task Parent_outside_the_administrators_subtree_is_refused()
    {
        var liulin = await UnitIdAsync("中共柳林区委员会");
        var qingheAdmin = await DbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "organizer");
            var admin = await db.Roles.SingleAsync(r => r.Name == "Administrator");
            db.UserRoles.Remove(await db.UserRoles.SingleAsync(ur => ur.UserId == user.Id));
            db.UserRoles.Add(new() { UserId = user.Id, RoleId = admin.Id });
            return await db.SaveChangesAsync();
        });
        using var session = await SignInAsync("organizer");

        using var response = await session.SubmitAsync("/Organizations/Create", "main form", new()
        {
            ["ParentId"] = liulin.ToString(),
            ["Input.Name"] = "越权新建的单位",
            ["Input.Type"] = "Branch",
            ["Input.Category"] = "Other",
        });

        Assert.Equal("请选择您管理范围内的上级党组织。", (await Session.ParseAsync(response)).ErrorFor("ParentId"));
        Assert.False(await DbAsync(db => db.Organizations.AnyAsync(o => o.Name == "越权新建的单位")));
    }

    [Fact]
    public async Task Renaming_saves_and_a_stale_second_save_is_told_to_reload_without_losing_input()
    {
        using var first = await SignInAsync("admin");
        using var second = await SignInAsync("admin");
        var id = await UnitIdAsync("中共清河区北苑街道工作委员会");
        var firstForm = await first.GetAsync($"/Organizations/Edit/{id}");
        var secondForm = await second.GetAsync($"/Organizations/Edit/{id}");

        using var saved = await first.SubmitAsync(firstForm, "main form", new() { ["Input.Name"] = "中共清河区北苑街道工作委员会（新）" });
        using var stale = await second.SubmitAsync(secondForm, "main form", new() { ["Input.Name"] = "中共清河区北苑街道党工委" });
        var stalePage = await Session.ParseAsync(stale);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("该单位已被他人修改，当前保存的是“中共清河区北苑街道工作委员会（新）”", stalePage.Summary(), StringComparison.Ordinal);
        Assert.Equal("中共清河区北苑街道党工委", ((AngleSharp.Html.Dom.IHtmlInputElement)stalePage.QuerySelector("#Input_Name")!).Value);
        Assert.Equal("中共清河区北苑街道工作委员会（新）", (await UnitAsync(id)).Name);

        // Saving again after reading the warning overwrites on purpose.
        using var again = await second.SubmitAsync(stalePage, "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("中共清河区北苑街道党工委", (await UnitAsync(id)).Name);
    }

    [Fact]
    public async Task Moving_a_unit_takes_its_subtree_along()
    {
        using var admin = await SignInAsync("admin");
        var street = await UnitIdAsync("中共清河区东城街道工作委员会");
        var liulin = await UnitIdAsync("中共柳林区委员会");

        using var response = await admin.SubmitAsync($"/Organizations/Move/{street}", "main form", new() { ["NewParentId"] = liulin.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var moved = await UnitAsync(street);
        var branch = await DbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Name == "东城街道幸福里社区党总支"));
        var liulinUnit = await UnitAsync(liulin);
        Assert.Equal(liulin, moved.ParentId);
        Assert.StartsWith(liulinUnit.Path, branch.Path, StringComparison.Ordinal);
        Assert.Equal(3, branch.Depth);

        using var organizer = await SignInAsync("organizer");
        Assert.Equal(HttpStatusCode.NotFound, await organizer.StatusOfAsync($"/Organizations/Details/{branch.Id}"));
    }

    [Fact]
    public async Task Moving_a_unit_under_its_own_descendant_is_refused()
    {
        using var admin = await SignInAsync("admin");
        var street = await UnitIdAsync("中共清河区东城街道工作委员会");
        var branch = await UnitIdAsync("东城街道花园路社区党支部");
        var before = await UnitAsync(street);

        using var response = await admin.SubmitAsync($"/Organizations/Move/{street}", "main form", new() { ["NewParentId"] = branch.ToString() });
        var page = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("不能把单位移动到它自己或它的下级单位之下。", page.ErrorFor("NewParentId"));
        var after = await UnitAsync(street);
        Assert.Equal(before.ParentId, after.ParentId);
        Assert.Equal(before.Path, after.Path);
    }

    [Fact]
    public async Task Deactivation_needs_children_deactivated_first_and_can_be_undone()
    {
        using var admin = await SignInAsync("admin");
        var street = await UnitIdAsync("中共清河区东城街道工作委员会");
        var branch = await UnitIdAsync("东城街道花园路社区党支部");
        var other = await UnitIdAsync("东城街道幸福里社区党总支");

        using var refused = await admin.SubmitAsync($"/Organizations/Status/{street}", "main form", []);
        Assert.Contains("该单位还有启用中的下级单位", (await Session.ParseAsync(refused)).Summary(), StringComparison.Ordinal);
        Assert.True((await UnitAsync(street)).IsActive);

        foreach (var id in new[] { branch, other, street })
        {
            using var done = await admin.SubmitAsync($"/Organizations/Status/{id}", "main form", []);
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        Assert.False((await UnitAsync(street)).IsActive);
        var tree = await admin.GetAsync("/Organizations");
        Assert.DoesNotContain("中共清河区东城街道工作委员会", tree.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        var withInactive = await admin.GetAsync("/Organizations?ShowInactive=true");
        Assert.Contains("中共清河区东城街道工作委员会", withInactive.QuerySelector("table")!.TextContent, StringComparison.Ordinal);

        using var reactivated = await admin.SubmitAsync($"/Organizations/Status/{street}", "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.True((await UnitAsync(street)).IsActive);
    }

    [Fact]
    public async Task Secretary_record_is_saved_with_a_linked_account_of_the_unit()
    {
        using var admin = await SignInAsync("admin");
        var unit = await UnitIdAsync("中共清河区东城街道工作委员会");
        var secretaryUser = await DbAsync(db => db.Users.Where(u => u.UserName == "secretary").Select(u => u.Id).SingleAsync());

        using var response = await admin.SubmitAsync($"/Organizations/Secretary/{unit}", "main form", new()
        {
            ["Input.Name"] = "王晓东",
            ["Input.Title"] = "街道党工委书记、人大工委主任",
            ["Input.Phone"] = "0710-5553001",
            ["Input.UserId"] = secretaryUser.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = (await UnitAsync(unit)).Secretary!;
        Assert.Equal("街道党工委书记、人大工委主任", saved.Title);
        Assert.Equal(secretaryUser, saved.UserId);
    }

    [Fact]
    public async Task Secretary_record_rejects_bad_input_and_foreign_accounts()
    {
        using var admin = await SignInAsync("admin");
        var unit = await UnitIdAsync("中共清河区西城街道工作委员会");
        var foreignUser = await DbAsync(db => db.Users.Where(u => u.UserName == "organizer.liulin").Select(u => u.Id).SingleAsync());

        using var empty = await admin.SubmitAsync($"/Organizations/Secretary/{unit}", "main form", new() { ["Input.Name"] = "", ["Input.Phone"] = "电话" });
        var emptyPage = await Session.ParseAsync(empty);
        Assert.Equal("请填写书记姓名。", emptyPage.ErrorFor("Input.Name"));

        using var badPhone = await admin.SubmitAsync($"/Organizations/Secretary/{unit}", "main form", new() { ["Input.Name"] = "李春梅", ["Input.Phone"] = "电话" });
        Assert.Equal("联系电话只能包含数字、空格和“-+()”。", (await Session.ParseAsync(badPhone)).ErrorFor("Input.Phone"));

        using var foreign = await admin.SubmitAsync($"/Organizations/Secretary/{unit}", "main form", new() { ["Input.Name"] = "李春梅", ["Input.UserId"] = foreignUser.ToString() });
        Assert.Equal("关联账号必须是本单位的账号。", (await Session.ParseAsync(foreign)).ErrorFor("Input.UserId"));

        Assert.Equal("13900001002", (await UnitAsync(unit)).Secretary!.Phone);
        Assert.Null((await UnitAsync(unit)).Secretary!.UserId);
    }
}
