using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Admin;

public sealed class UserManagementTests : AppTest
{
    private Task<Guid> UnitIdAsync(string name) => DbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private Task<Guid> UserIdAsync(string userName) => DbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task<string?> RoleOfAsync(Guid userId) =>
        DbAsync(db => db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).SingleOrDefaultAsync());

    private async Task<Dictionary<string, string>> NewUserFormAsync(string userName) => new()
    {
        ["Account.UserName"] = userName,
        ["Account.Password"] = "Meadow#Spring25",
        ["Account.ConfirmPassword"] = "Meadow#Spring25",
        ["Input.DisplayName"] = "李春梅",
        ["Input.Department"] = "西城街道党工委",
        ["Input.Role"] = "Secretary",
        ["Input.OrganizationId"] = (await UnitIdAsync("中共清河区西城街道工作委员会")).ToString(),
    };

    [Fact]
    public async Task Administrator_creates_a_secretary_who_can_sign_in_and_sees_only_their_unit()
    {
        using var admin = await SignInAsync("admin");

        var list = await admin.SubmitAndFollowAsync("/Admin/Users/Create", "main form", await NewUserFormAsync("xicheng.li"));

        Assert.Contains("已创建用户“李春梅（xicheng.li）”。", list.MainText(), StringComparison.Ordinal);
        var row = list.QuerySelectorAll("main tbody tr").Single(r => r.TextContent.Contains("xicheng.li", StringComparison.Ordinal));
        Assert.Contains("述职书记", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("中共清河区西城街道工作委员会", row.TextContent, StringComparison.Ordinal);

        // The administrator chose the initial password, so the new user replaces it before anything else.
        using var secretary = await SignInAsync("xicheng.li", "Meadow#Spring25");
        Assert.Equal(HttpStatusCode.Redirect, await secretary.StatusOfAsync("/"));
        var home = await secretary.SubmitAndFollowAsync("/Account/ChangePassword", "main form", new()
        {
            ["Input.CurrentPassword"] = "Meadow#Spring25",
            ["Input.NewPassword"] = "Chunmei#Li2026",
            ["Input.ConfirmPassword"] = "Chunmei#Li2026",
        });
        Assert.Equal("您好，李春梅", home.Heading());
        Assert.Contains("述职书记 · 管理范围：中共清河区西城街道工作委员会（本单位）", home.MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_user_name_is_refused_in_Chinese_and_nothing_is_saved()
    {
        using var admin = await SignInAsync("admin");
        var before = await DbAsync(db => db.Users.CountAsync());

        using var response = await admin.SubmitAsync("/Admin/Users/Create", "main form", await NewUserFormAsync("Organizer"));
        var page = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("用户名“Organizer”已被使用。", page.ErrorFor("Account.UserName"));
        Assert.Equal("李春梅", ((IHtmlInputElement)page.QuerySelector("#Input_DisplayName")!).Value);
        Assert.Equal(before, await DbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Empty_and_invalid_fields_get_Chinese_messages()
    {
        using var admin = await SignInAsync("admin");

        using var response = await admin.SubmitAsync("/Admin/Users/Create", "main form", new()
        {
            ["Account.UserName"] = "王 五",
            ["Account.Password"] = "short",
            ["Account.ConfirmPassword"] = "different",
            ["Input.DisplayName"] = "",
        });
        var page = await Session.ParseAsync(response);

        Assert.Equal("用户名只能包含英文字母、数字和“._-@”。", page.ErrorFor("Account.UserName"));
        Assert.Equal("初始密码的长度应为10到100个字符。", page.ErrorFor("Account.Password"));
        Assert.Equal("两次输入的密码不一致。", page.ErrorFor("Account.ConfirmPassword"));
        Assert.Equal("请填写姓名。", page.ErrorFor("Input.DisplayName"));
        Assert.Equal("请选择角色。", page.ErrorFor("Input.Role"));
        Assert.Equal("请选择所属单位。", page.ErrorFor("Input.OrganizationId"));
    }

    [Fact]
    public async Task Weak_password_is_explained_by_Identity_in_Chinese()
    {
        using var admin = await SignInAsync("admin");
        var form = await NewUserFormAsync("weak.user");
        form["Account.Password"] = form["Account.ConfirmPassword"] = "onlyletters";
        using var weak = await admin.SubmitAsync("/Admin/Users/Create", "main form", form);
        form["Account.Password"] = form["Account.ConfirmPassword"] = "Welcome@2025";
        using var common = await admin.SubmitAsync("/Admin/Users/Create", "main form", form);
        form["Account.Password"] = form["Account.ConfirmPassword"] = "Weak.User#2026";
        using var personal = await admin.SubmitAsync("/Admin/Users/Create", "main form", form);

        Assert.Equal("密码须包含大写字母、小写字母、数字和符号中的至少三类。", (await Session.ParseAsync(weak)).ErrorFor("Account.Password"));
        Assert.Equal("该密码过于常见或曾在泄露的密码中出现，很容易被猜中，请换一个。", (await Session.ParseAsync(common)).ErrorFor("Account.Password"));
        Assert.Equal("密码不能包含用户名。", (await Session.ParseAsync(personal)).ErrorFor("Account.Password"));
        Assert.False(await DbAsync(db => db.Users.AnyAsync(u => u.UserName == "weak.user")));
    }

    [Fact]
    public async Task Editing_changes_role_and_unit()
    {
        using var admin = await SignInAsync("admin");
        var leader = await UserIdAsync("leader");
        var town = await UnitIdAsync("中共清河区桃源镇委员会");

        using var response = await admin.SubmitAsync($"/Admin/Users/Edit/{leader}", "main form", new()
        {
            ["Input.Role"] = "Observer",
            ["Input.OrganizationId"] = town.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Observer", await RoleOfAsync(leader));
        Assert.Equal(town, await DbAsync(db => db.Users.Where(u => u.Id == leader).Select(u => u.OrganizationId).SingleAsync()));
    }

    [Fact]
    public async Task Concurrent_edit_of_the_same_account_is_detected()
    {
        using var first = await SignInAsync("admin");
        using var second = await SignInAsync("admin");
        var observer = await UserIdAsync("observer");
        var firstForm = await first.GetAsync($"/Admin/Users/Edit/{observer}");
        var secondForm = await second.GetAsync($"/Admin/Users/Edit/{observer}");

        using var saved = await first.SubmitAsync(firstForm, "main form", new() { ["Input.DisplayName"] = "黄振华（已调整）" });
        using var stale = await second.SubmitAsync(secondForm, "main form", new() { ["Input.Department"] = "江州市委组织部组织一处" });
        var stalePage = await Session.ParseAsync(stale);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("该账号已被他人修改（当前姓名“黄振华（已调整）”", stalePage.Summary(), StringComparison.Ordinal);
        Assert.Equal("江州市委组织部组织一处", ((IHtmlInputElement)stalePage.QuerySelector("#Input_Department")!).Value);
        var stored = await DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == observer));
        Assert.Equal("黄振华（已调整）", stored.DisplayName);
        Assert.Equal("江州市委组织部组织二处", stored.Department);
    }

    [Fact]
    public async Task Administrator_cannot_change_their_own_role_or_disable_themselves()
    {
        using var admin = await SignInAsync("admin");
        var self = await UserIdAsync("admin");

        using var demote = await admin.SubmitAsync($"/Admin/Users/Edit/{self}", "main form", new() { ["Input.Role"] = "Observer" });
        Assert.Equal("不能修改自己的角色，请由其他系统管理员操作。", (await Session.ParseAsync(demote)).ErrorFor("Input.Role"));

        using var disable = await admin.SubmitAsync($"/Admin/Users/Status/{self}", "main form", []);
        Assert.Equal("不能停用自己的账号。", (await Session.ParseAsync(disable)).Summary());
        Assert.Equal("Administrator", await RoleOfAsync(self));
    }

    [Fact]
    public async Task Disabled_account_is_refused_until_enabled_again()
    {
        using var admin = await SignInAsync("admin");
        var leader = await UserIdAsync("leader");

        using var disabled = await admin.SubmitAsync($"/Admin/Users/Status/{leader}", "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        using var attempt = await Anonymous().SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = "leader", ["Input.Password"] = DemoPassword });
        Assert.Equal("该账号已停用，无法登录。如有疑问请联系系统管理员。", (await Session.ParseAsync(attempt)).Summary());

        using var enabled = await admin.SubmitAsync($"/Admin/Users/Status/{leader}", "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        using var session = await SignInAsync("leader");
        Assert.Equal("您好，陈立群", (await session.GetAsync("/")).Heading());
    }

    [Fact]
    public async Task Password_reset_sets_a_new_password_and_lifts_a_lockout()
    {
        var secretary = await UserIdAsync("secretary");
        await DbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == secretary);
            user.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(10);
            return await db.SaveChangesAsync();
        });
        using var admin = await SignInAsync("admin");

        using var mismatch = await admin.SubmitAsync($"/Admin/Users/ResetPassword/{secretary}", "main form", new()
        {
            ["Input.NewPassword"] = "Dongcheng2026",
            ["Input.ConfirmPassword"] = "Dongcheng2027",
        });
        Assert.Equal("两次输入的密码不一致。", (await Session.ParseAsync(mismatch)).ErrorFor("Input.ConfirmPassword"));

        using var reset = await admin.SubmitAsync($"/Admin/Users/ResetPassword/{secretary}", "main form", new()
        {
            ["Input.NewPassword"] = "Dongcheng2026",
            ["Input.ConfirmPassword"] = "Dongcheng2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        using var session = await SignInAsync("secretary", "Dongcheng2026");
        using var home = await session.Client.GetAsync("/");
        Assert.Equal("/Account/ChangePassword", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Users_list_filters_by_role_and_search()
    {
        using var admin = await SignInAsync("admin");

        var organizers = await admin.GetAsync("/Admin/Users?Role=Organizer");
        var search = await admin.GetAsync("/Admin/Users?Q=%E9%99%88%E7%AB%8B%E7%BE%A4");

        Assert.Equal(["organizer", "organizer.liulin"], organizers.QuerySelectorAll("main tbody td:first-child").Select(td => td.TextContent.Trim()));
        Assert.Equal(["leader"], search.QuerySelectorAll("main tbody td:first-child").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Dates_are_shown_the_Chinese_way()
    {
        using var admin = await SignInAsync("admin");
        var leader = await UserIdAsync("leader");
        await DbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == leader);
            user.CreatedAt = new DateTimeOffset(2026, 1, 16, 16, 30, 0, TimeSpan.Zero); // 00:30 on the 17th in Beijing
            return await db.SaveChangesAsync();
        });

        var page = await admin.GetAsync($"/Admin/Users/Edit/{leader}");

        Assert.Contains("创建于 2026年1月17日", page.MainText(), StringComparison.Ordinal);
    }
}
