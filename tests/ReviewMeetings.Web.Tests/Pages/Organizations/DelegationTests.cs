using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Organizations;

/// <summary>
/// Delegated administration: the demo organizer 林晓燕 manages 中共清河区委员会's subtree (units below it, secretary records,
/// and Secretary/Leader/Observer accounts), never her own unit's structure, never anything in 柳林区, never staff accounts.
/// </summary>
public sealed class DelegationTests : AppTest
{
    private const string Organizer = "林晓燕";
    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 7);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private Task<Guid> UnitIdAsync(string name) => DbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private Task<Organization> UnitAsync(Guid id) => DbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == id));

    private Task<Guid> UserIdAsync(string userName) => DbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task<int> ChangeCountAsync() => DbAsync(db => db.OrganizationChanges.CountAsync());

    private Task<string?> RoleOfAsync(Guid userId) =>
        DbAsync(db => db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).SingleOrDefaultAsync());

    /// <summary>The 变更记录 rows of a page: time, actor, text.</summary>
    private static List<string[]> ChangeRows(IHtmlDocument page) =>
        page.QuerySelectorAll("table.unit-changes tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToList();

    /// <summary>
    /// Posts a form the user legitimately got (so its antiforgery token is valid) to another address, as a forged
    /// request would: only the server's own checks stand in the way.
    /// </summary>
    private static async Task<HttpResponseMessage> ForgeAsync(Session session, string formUrl, string targetUrl, Dictionary<string, string> values)
    {
        var page = await session.GetAsync(formUrl);
        var form = page.QuerySelector("main form[method=post]")!;
        form.SetAttribute("action", targetUrl);
        foreach (var button in form.QuerySelectorAll("button[formaction]"))
        {
            button.RemoveAttribute("formaction");
        }

        return await session.SubmitAsync(page, "main form", values);
    }

    private void Later() => _clock.Now = _clock.Now.AddMinutes(5);

    [Fact]
    public async Task Organizer_creates_renames_moves_and_deactivates_a_unit_and_the_history_names_her()
    {
        using var organizer = await SignInAsync("organizer");
        var xicheng = await UnitIdAsync("中共清河区西城街道工作委员会");
        var nanhu = await UnitIdAsync("中共清河区南湖街道工作委员会");

        var created = await organizer.SubmitAndFollowAsync($"/Organizations/Create?parentId={xicheng}", "main form", new()
        {
            ["Input.Name"] = "西城街道锦绣社区党委",
            ["Input.Type"] = "PartyCommittee",
            ["Input.Category"] = "Community",
            ["Input.Code"] = "QH-XC-01",
            ["Input.SortOrder"] = "3",
        });
        Assert.Equal("西城街道锦绣社区党委", created.Heading());
        var id = await UnitIdAsync("西城街道锦绣社区党委");
        Later();
        using var renamed = await organizer.SubmitAsync($"/Organizations/Edit/{id}", "main form", new() { ["Input.Name"] = "西城街道锦绣社区委员会" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Later();
        using var moved = await organizer.SubmitAsync($"/Organizations/Move/{id}", "main form", new() { ["NewParentId"] = nanhu.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Later();
        using var deactivated = await organizer.SubmitAsync($"/Organizations/Status/{id}", "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        var unit = await UnitAsync(id);
        Assert.Equal("西城街道锦绣社区委员会", unit.Name);
        Assert.Equal(nanhu, unit.ParentId);
        Assert.False(unit.IsActive);
        Assert.Equal("QH-XC-01", unit.Code);
        Assert.Equal(3, unit.SortOrder);

        var details = await organizer.GetAsync($"/Organizations/Details/{id}");
        Assert.Contains("变更记录（共 4 条）", details.MainText(), StringComparison.Ordinal);
        Assert.Equal(
            [
                ["2026年12月7日 09:15", Organizer, "停用单位“西城街道锦绣社区委员会”。"],
                ["2026年12月7日 09:10", Organizer, "上级党组织由“中共清河区西城街道工作委员会”变更为“中共清河区南湖街道工作委员会”（下级单位随之移动）。"],
                ["2026年12月7日 09:05", Organizer, "名称由“西城街道锦绣社区党委”变更为“西城街道锦绣社区委员会”。"],
                ["2026年12月7日 09:00", Organizer, "新建单位“西城街道锦绣社区党委”（党委，村（社区）），上级党组织为“中共清河区西城街道工作委员会”，党组织代码“QH-XC-01”，排序号3。"],
            ],
            ChangeRows(details));
        Assert.Equal("QH-XC-01", details.QuerySelectorAll("dt").Single(dt => dt.TextContent == "党组织代码").NextElementSibling!.TextContent.Trim());
        Assert.Equal("3", details.QuerySelectorAll("dt").Single(dt => dt.TextContent == "排序号").NextElementSibling!.TextContent.Trim());
    }

    [Fact]
    public async Task Organizer_cannot_move_a_unit_out_of_her_district_nor_an_outside_unit_in()
    {
        using var organizer = await SignInAsync("organizer");
        var dongcheng = await UnitIdAsync("中共清河区东城街道工作委员会");
        var liulin = await UnitIdAsync("中共柳林区委员会");
        var hexi = await UnitIdAsync("中共柳林区河西街道工作委员会");
        var xicheng = await UnitIdAsync("中共清河区西城街道工作委员会");
        var before = await UnitAsync(dongcheng);
        var hexiBefore = await UnitAsync(hexi);
        var changes = await ChangeCountAsync();

        using var outward = await organizer.SubmitAsync($"/Organizations/Move/{dongcheng}", "main form", new() { ["NewParentId"] = liulin.ToString() });
        Assert.Equal("请选择您管理范围内的上级党组织。", (await Session.ParseAsync(outward)).ErrorFor("NewParentId"));

        Assert.Equal(HttpStatusCode.NotFound, await organizer.StatusOfAsync($"/Organizations/Move/{hexi}"));
        using var inward = await ForgeAsync(organizer, $"/Organizations/Move/{dongcheng}", $"/Organizations/Move/{hexi}", new() { ["NewParentId"] = xicheng.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, inward.StatusCode);

        Assert.Equal(before.Path, (await UnitAsync(dongcheng)).Path);
        Assert.Equal(hexiBefore.Path, (await UnitAsync(hexi)).Path);
        Assert.Equal(changes, await ChangeCountAsync());
    }

    [Fact]
    public async Task Organizer_cannot_restructure_her_own_unit_but_keeps_its_secretary_record()
    {
        using var organizer = await SignInAsync("organizer");
        var qinghe = await UnitIdAsync("中共清河区委员会");
        var xicheng = await UnitIdAsync("中共清河区西城街道工作委员会");
        var before = await UnitAsync(qinghe);

        foreach (var url in new[] { $"/Organizations/Edit/{qinghe}", $"/Organizations/Move/{qinghe}", $"/Organizations/Status/{qinghe}" })
        {
            Assert.True(await organizer.StatusOfAsync(url) == HttpStatusCode.Forbidden, url);
        }

        using var rename = await ForgeAsync(organizer, $"/Organizations/Edit/{xicheng}", $"/Organizations/Edit/{qinghe}", new() { ["Input.Name"] = "被篡改的区委" });
        using var deactivate = await ForgeAsync(organizer, $"/Organizations/Status/{xicheng}", $"/Organizations/Status/{qinghe}?handler=Deactivate", []);
        Assert.Equal(HttpStatusCode.Forbidden, rename.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deactivate.StatusCode);
        var after = await UnitAsync(qinghe);
        Assert.Equal(before.Name, after.Name);
        Assert.True(after.IsActive);

        var details = await organizer.GetAsync($"/Organizations/Details/{qinghe}");
        var buttons = details.QuerySelectorAll("main .btn-group a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["书记信息", "新建下级单位"], buttons);

        using var secretary = await organizer.SubmitAsync($"/Organizations/Secretary/{qinghe}", "main form", new()
        {
            ["Input.Name"] = "李国平",
            ["Input.Title"] = "区委书记",
        });
        Assert.Equal(HttpStatusCode.Redirect, secretary.StatusCode);
        var history = ChangeRows(await organizer.GetAsync($"/Organizations/Details/{qinghe}"));
        Assert.Equal([["2026年12月7日 09:00", Organizer, "书记由陈立群（区委书记）变更为李国平（区委书记）。"]], history);
    }

    [Fact]
    public async Task Organizer_cannot_create_or_promote_staff_accounts_even_by_a_forged_post()
    {
        using var organizer = await SignInAsync("organizer");
        var xicheng = await UnitIdAsync("中共清河区西城街道工作委员会");
        var leader = await UserIdAsync("leader");
        var users = await DbAsync(db => db.Users.CountAsync());
        var changes = await ChangeCountAsync();

        var form = await organizer.GetAsync("/Admin/Users/Create");
        Assert.Equal(["点评领导", "述职书记", "上级组织部/观察员"],
            form.QuerySelectorAll("#Input_Role option:not([value=''])").Select(o => o.TextContent.Trim()));
        foreach (var role in new[] { "Administrator", "Organizer" })
        {
            using var response = await organizer.SubmitAsync("/Admin/Users/Create", "main form", new()
            {
                ["Account.UserName"] = "forged." + role.ToLowerInvariant(),
                ["Account.Password"] = "Meadow#Spring25",
                ["Account.ConfirmPassword"] = "Meadow#Spring25",
                ["Input.DisplayName"] = "冒充者",
                ["Input.Role"] = role,
                ["Input.OrganizationId"] = xicheng.ToString(),
            });
            Assert.Equal("您不能授予该角色，组织部工作人员和系统管理员账号由系统管理员管理。", (await Session.ParseAsync(response)).ErrorFor("Input.Role"));
        }

        using var promote = await organizer.SubmitAsync($"/Admin/Users/Edit/{leader}", "main form", new() { ["Input.Role"] = "Administrator" });
        Assert.Equal("您不能授予该角色，组织部工作人员和系统管理员账号由系统管理员管理。", (await Session.ParseAsync(promote)).ErrorFor("Input.Role"));
        var hexi = await UnitIdAsync("中共柳林区河西街道工作委员会");
        using var elsewhere = await organizer.SubmitAsync($"/Admin/Users/Edit/{leader}", "main form", new() { ["Input.OrganizationId"] = hexi.ToString() });
        Assert.Equal("请选择您管理范围内的单位。", (await Session.ParseAsync(elsewhere)).ErrorFor("Input.OrganizationId"));

        Assert.Equal(users, await DbAsync(db => db.Users.CountAsync()));
        Assert.Equal("Leader", await RoleOfAsync(leader));
        Assert.Equal(await UnitIdAsync("中共清河区委员会"), await DbAsync(db => db.Users.Where(u => u.Id == leader).Select(u => u.OrganizationId).SingleAsync()));
        Assert.Equal(changes, await ChangeCountAsync());
    }

    [Fact]
    public async Task Organizer_cannot_reset_the_password_of_staff_or_of_another_district_even_by_a_forged_post()
    {
        using var admin = await SignInAsync("admin");
        var liulin = await UnitIdAsync("中共柳林区河西街道工作委员会");
        using var created = await admin.SubmitAsync("/Admin/Users/Create", "main form", new()
        {
            ["Account.UserName"] = "hexi.deng",
            ["Account.Password"] = "Meadow#Spring25",
            ["Account.ConfirmPassword"] = "Meadow#Spring25",
            ["Input.DisplayName"] = "邓思远",
            ["Input.Role"] = "Secretary",
            ["Input.OrganizationId"] = liulin.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var organizer = await SignInAsync("organizer");
        var secretary = await UserIdAsync("secretary");
        var hashes = await DbAsync(db => db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.PasswordHash));
        var changes = await ChangeCountAsync();
        var newPassword = new Dictionary<string, string> { ["Input.NewPassword"] = "Forged#Reset26", ["Input.ConfirmPassword"] = "Forged#Reset26" };

        var expected = new Dictionary<string, HttpStatusCode>
        {
            ["admin"] = HttpStatusCode.NotFound,             // outside her district
            ["hexi.deng"] = HttpStatusCode.NotFound,         // a secretary in 柳林区
            ["organizer"] = HttpStatusCode.Forbidden,        // an organizer (herself) inside her district
        };
        foreach (var (userName, status) in expected)
        {
            var target = await UserIdAsync(userName);
            Assert.Equal(status, await organizer.StatusOfAsync($"/Admin/Users/ResetPassword/{target}"));
            using var forged = await ForgeAsync(organizer, $"/Admin/Users/ResetPassword/{secretary}", $"/Admin/Users/ResetPassword/{target}", newPassword);
            Assert.True(forged.StatusCode == status, $"{userName}: {(int)forged.StatusCode}");
            using var disable = await ForgeAsync(organizer, $"/Admin/Users/Status/{secretary}", $"/Admin/Users/Status/{target}?handler=Disable", []);
            Assert.True(disable.StatusCode == status, $"{userName}: {(int)disable.StatusCode}");
        }

        Assert.Equal(hashes, await DbAsync(db => db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.PasswordHash)));
        Assert.False(await DbAsync(db => db.Users.AnyAsync(u => u.IsDisabled)));
        Assert.Equal(changes, await ChangeCountAsync());
    }

    [Fact]
    public async Task Organizer_creates_a_secretary_account_resets_its_password_and_the_unit_history_shows_both()
    {
        using var organizer = await SignInAsync("organizer");
        var xicheng = await UnitIdAsync("中共清河区西城街道工作委员会");

        var list = await organizer.SubmitAndFollowAsync("/Admin/Users/Create", "main form", new()
        {
            ["Account.UserName"] = "xicheng.li",
            ["Account.Password"] = "Meadow#Spring25",
            ["Account.ConfirmPassword"] = "Meadow#Spring25",
            ["Input.DisplayName"] = "李春梅",
            ["Input.Role"] = "Secretary",
            ["Input.OrganizationId"] = xicheng.ToString(),
        });
        Assert.Contains("已创建用户“李春梅（xicheng.li）”。", list.MainText(), StringComparison.Ordinal);
        var id = await UserIdAsync("xicheng.li");

        // She signs in once and sets her own password, as she must.
        using (var secretary = await SignInAsync("xicheng.li", "Meadow#Spring25"))
        {
            using var changed = await secretary.SubmitAsync("/Account/ChangePassword", "main form", new()
            {
                ["Input.CurrentPassword"] = "Meadow#Spring25",
                ["Input.NewPassword"] = "Chunmei#Li2026",
                ["Input.ConfirmPassword"] = "Chunmei#Li2026",
            });
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        Assert.False(await DbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.MustChangePassword).SingleAsync()));

        Later();
        using var reset = await organizer.SubmitAsync($"/Admin/Users/ResetPassword/{id}", "main form", new()
        {
            ["Input.NewPassword"] = "Meadow#Autumn26",
            ["Input.ConfirmPassword"] = "Meadow#Autumn26",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.True(await DbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.MustChangePassword).SingleAsync()));

        using var again = await SignInAsync("xicheng.li", "Meadow#Autumn26");
        using var home = await again.Client.GetAsync("/");
        Assert.Equal("/Account/ChangePassword", home.Headers.Location!.OriginalString);

        var history = ChangeRows(await organizer.GetAsync($"/Organizations/Details/{xicheng}"));
        Assert.Equal(
            [
                ["2026年12月7日 09:05", Organizer, "重置账号“xicheng.li”（李春梅）的密码，本人下次登录须修改密码。"],
                ["2026年12月7日 09:00", Organizer, "新建账号“xicheng.li”（李春梅，述职书记）。"],
            ],
            history);
        Assert.DoesNotContain(history.SelectMany(r => r), text => text.Contains("Autumn26", StringComparison.Ordinal) || text.Contains("Spring25", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Organizer_sees_user_management_and_edits_only_accounts_she_may_manage()
    {
        using var organizer = await SignInAsync("organizer");

        var home = await organizer.GetAsync("/");
        Assert.NotNull(home.QuerySelector("nav a[href='/Admin/Users']"));
        var list = await organizer.GetAsync("/Admin/Users");
        var linked = list.QuerySelectorAll("main tbody td:first-child a").Select(a => a.TextContent.Trim()).ToList();
        var all = list.QuerySelectorAll("main tbody td:first-child").Select(td => td.TextContent.Trim()).ToList();

        Assert.Equal(["leader", "organizer", "secretary"], all);
        Assert.Equal(["leader", "secretary"], linked);
        Assert.Equal(HttpStatusCode.Forbidden, await organizer.StatusOfAsync($"/Admin/Users/Edit/{await UserIdAsync("organizer")}"));
    }

    [Fact]
    public async Task Duplicate_party_code_in_any_case_is_refused_next_to_the_field()
    {
        using var organizer = await SignInAsync("organizer");
        var xicheng = await UnitIdAsync("中共清河区西城街道工作委员会");
        var nanhu = await UnitIdAsync("中共清河区南湖街道工作委员会");
        using var coded = await organizer.SubmitAsync($"/Organizations/Edit/{xicheng}", "main form", new() { ["Input.Code"] = "QH001" });
        Assert.Equal(HttpStatusCode.Redirect, coded.StatusCode);

        using var create = await organizer.SubmitAsync($"/Organizations/Create?parentId={xicheng}", "main form", new()
        {
            ["Input.Name"] = "西城街道锦绣社区党委",
            ["Input.Type"] = "PartyCommittee",
            ["Input.Category"] = "Community",
            ["Input.Code"] = "qh001",
        });
        using var edit = await organizer.SubmitAsync($"/Organizations/Edit/{nanhu}", "main form", new() { ["Input.Code"] = " QH001 " });

        var createPage = await Session.ParseAsync(create);
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        Assert.Equal("党组织代码“QH001”已被其他单位使用。", createPage.ErrorFor("Input.Code"));
        Assert.Equal("西城街道锦绣社区党委", ((IHtmlInputElement)createPage.QuerySelector("#Input_Name")!).Value);
        Assert.Equal("党组织代码“QH001”已被其他单位使用。", (await Session.ParseAsync(edit)).ErrorFor("Input.Code"));
        Assert.False(await DbAsync(db => db.Organizations.AnyAsync(o => o.Name == "西城街道锦绣社区党委")));
        Assert.Null((await UnitAsync(nanhu)).Code);
        Assert.Equal([["2026年12月7日 09:00", Organizer, "党组织代码由（空）变更为“QH001”。"]], ChangeRows(await organizer.GetAsync($"/Organizations/Details/{xicheng}")));
    }

    [Fact]
    public async Task Siblings_are_listed_by_sort_order_before_category_and_name()
    {
        using var admin = await SignInAsync("admin");
        var qinghe = await UnitIdAsync("中共清河区委员会");
        var dongcheng = await UnitIdAsync("中共清河区东城街道工作委员会");

        async Task<List<string>> ChildrenAsync() =>
            (await admin.GetAsync($"/Organizations/Details/{qinghe}")).QuerySelectorAll("#children-heading + ul > li > a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal("中共清河区东城街道工作委员会", (await ChildrenAsync())[0]);

        using var saved = await admin.SubmitAsync($"/Organizations/Edit/{dongcheng}", "main form", new() { ["Input.SortOrder"] = "15" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var children = await ChildrenAsync();
        Assert.Equal(14, children.Count);
        Assert.Equal("中共清河区东城街道工作委员会", children[^1]);
        var tree = (await admin.GetAsync("/Organizations")).QuerySelectorAll("main tbody td:first-child a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(
            ["中共清河区卫生健康局委员会", "中共清河区东城街道工作委员会", "东城街道幸福里社区党总支", "东城街道花园路社区党支部"],
            tree.SkipWhile(n => n != "中共清河区卫生健康局委员会").Take(4));
    }

    [Fact]
    public async Task Unit_history_shows_the_latest_fifty_and_pages_through_the_rest()
    {
        var unit = await UnitIdAsync("中共清河区北苑街道工作委员会");
        var start = new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero);
        await DbAsync(async db =>
        {
            for (var i = 1; i <= 120; i++)
            {
                db.OrganizationChanges.Add(OrganizationChange.Record(unit, OrganizationChangeKind.SortOrderChanged, $"第{i}次变更", null, null, start.AddMinutes(i)));
            }

            return await db.SaveChangesAsync();
        });
        using var organizer = await SignInAsync("organizer");

        var details = await organizer.GetAsync($"/Organizations/Details/{unit}");
        var rows = ChangeRows(details);
        Assert.Equal(50, rows.Count);
        Assert.Equal(["2026年12月1日 02:00", "系统", "第120次变更"], rows[0]);
        Assert.Equal("第71次变更", rows[^1][2]);
        Assert.Contains("变更记录（共 120 条）", details.MainText(), StringComparison.Ordinal);
        var all = details.QuerySelectorAll("main a").Single(a => a.TextContent.Contains("查看全部 120 条变更记录", StringComparison.Ordinal));

        var third = await organizer.GetAsync(all.GetAttribute("href") + "?p=3");
        Assert.Equal(["第20次变更", "第1次变更"], new[] { ChangeRows(third)[0][2], ChangeRows(third)[^1][2] });
        Assert.Equal(20, ChangeRows(third).Count);
        Assert.Contains("共 120 条，第 3 / 3 页。", third.MainText(), StringComparison.Ordinal);

        using var secretary = await SignInAsync("secretary");
        Assert.Equal(HttpStatusCode.Forbidden, await secretary.StatusOfAsync($"/Organizations/History/{unit}"));
    }

    [Fact]
    public async Task Account_edits_status_changes_secretary_clearing_and_reclassifying_are_recorded_where_they_happen()
    {
        using var organizer = await SignInAsync("organizer");
        var qinghe = await UnitIdAsync("中共清河区委员会");
        var taoyuan = await UnitIdAsync("中共清河区桃源镇委员会");
        var leader = await UserIdAsync("leader");

        using var edited = await organizer.SubmitAsync($"/Admin/Users/Edit/{leader}", "main form", new()
        {
            ["Input.Role"] = "Observer",
            ["Input.OrganizationId"] = taoyuan.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Later();
        using var disabled = await organizer.SubmitAsync($"/Admin/Users/Status/{leader}", "main form", []);
        Later();
        using var enabled = await organizer.SubmitAsync($"/Admin/Users/Status/{leader}", "main form", []);
        Later();
        using var cleared = await organizer.SubmitAsync($"/Organizations/Secretary/{taoyuan}", "main form", [], "button[formaction*='handler=Clear']");
        Later();
        using var reclassified = await organizer.SubmitAsync($"/Organizations/Edit/{taoyuan}", "main form", new() { ["Input.Type"] = "WorkingCommittee", ["Input.Category"] = "Street" });
        Assert.All(new[] { disabled, enabled, cleared, reclassified }, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));

        Assert.Equal(
            [
                ["2026年12月7日 09:20", Organizer, "组织类型、类别由“党委、镇”变更为“党工委、街道”。"],
                ["2026年12月7日 09:15", Organizer, "清除书记信息（原为孙海涛（镇党委书记））。"],
                ["2026年12月7日 09:10", Organizer, "启用账号“leader”（陈立群）。"],
                ["2026年12月7日 09:05", Organizer, "停用账号“leader”（陈立群）。"],
                ["2026年12月7日 09:00", Organizer, "编辑账号“leader”（陈立群）：角色由“点评领导”变更为“上级组织部/观察员”；所属单位由“中共清河区委员会”变更为“中共清河区桃源镇委员会”。"],
            ],
            ChangeRows(await organizer.GetAsync($"/Organizations/Details/{taoyuan}")));
        Assert.Equal(
            [["2026年12月7日 09:00", Organizer, "账号“leader”（陈立群）调至“中共清河区桃源镇委员会”。"]],
            ChangeRows(await organizer.GetAsync($"/Organizations/Details/{qinghe}")));
    }
}
