using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>Every administration page, reached the way an administrator would, checked with axe.</summary>
public sealed class AdministrationBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Administration_pages_have_no_serious_accessibility_problems()
    {
        await SignInAsync(Page, "admin");
        var unit = await DbAsync(db => db.Organizations.Where(o => o.Name == "中共清河区西城街道工作委员会").Select(o => o.Id).SingleAsync());
        var user = await DbAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).SingleAsync());

        foreach (var (url, heading) in new[]
        {
            ($"/Organizations/Edit/{unit}", "编辑单位"),
            ($"/Organizations/Move/{unit}", "移动单位：中共清河区西城街道工作委员会"),
            ($"/Organizations/Secretary/{unit}", "书记信息：中共清河区西城街道工作委员会"),
            ($"/Organizations/Status/{unit}", "停用单位：中共清河区西城街道工作委员会"),
            ("/Admin/Users", "用户管理"),
            ($"/Admin/Users/Edit/{user}", "编辑用户：leader"),
            ($"/Admin/Users/ResetPassword/{user}", "重置密码：陈立群（leader）"),
            ($"/Admin/Users/Status/{user}", "停用账号：陈立群（leader）"),
            ("/Account/ChangePassword", "修改密码"),
            ("/Meetings", "述职评议会议"),
            ("/no-such-page", "页面不存在"),
        })
        {
            await Page.GotoAsync(url);
            await Expect(Heading(Page)).ToHaveTextAsync(heading);
            await AssertNoSeriousAxeViolationsAsync(Page);
        }

        // A form with errors next to its fields is checked too.
        await Page.GotoAsync($"/Admin/Users/ResetPassword/{user}");
        await Page.GetByLabel("新密码", new() { Exact = true }).FillAsync("short");
        await Page.GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        await Expect(Page.GetByText("新密码的长度应为10到100个字符。")).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(Page);
    }
}
