using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

public sealed class FoundationBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Organizer_signs_in_and_browses_the_organization_tree()
    {
        await Page.GotoAsync("/");
        await Expect(Heading(Page)).ToHaveTextAsync("登录述职评议会管理系统");
        await AssertNoSeriousAxeViolationsAsync(Page);

        await SignInAsync(Page, "organizer");
        await Expect(Heading(Page)).ToHaveTextAsync("您好，林晓燕");
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync("组织部工作人员 · 管理范围：中共清河区委员会");
        await Expect(MainNavigation(Page).GetByRole(AriaRole.Link, new() { Name = "用户管理" })).ToHaveCountAsync(1);
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "dashboard");

        await MainNavigation(Page).GetByRole(AriaRole.Link, new() { Name = "组织架构" }).ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("组织架构");
        var tree = Page.GetByRole(AriaRole.Table);
        await Expect(tree.GetByRole(AriaRole.Link, new() { Name = "中共清河区东城街道工作委员会", Exact = true })).ToBeVisibleAsync();
        await Expect(tree.GetByRole(AriaRole.Link, new() { Name = "中共清河区委员会", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("中共柳林区委员会");
        await Expect(Page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("中共江州市委员会");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "organization-tree");

        await tree.GetByRole(AriaRole.Link, new() { Name = "中共清河区东城街道工作委员会", Exact = true }).ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("中共清河区东城街道工作委员会");
        await Expect(Page.Locator("dt:text-is('书记') + dd")).ToContainTextAsync("王晓东");
        await Expect(Page.Locator("dt:text-is('上级党组织') + dd")).ToHaveTextAsync("中共清河区委员会");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "东城街道幸福里社区党总支" })).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(Page);
    }

    [Fact]
    public async Task Administrator_creates_a_user_who_can_then_sign_in()
    {
        await SignInAsync(Page, "admin");
        await MainNavigation(Page).GetByRole(AriaRole.Link, new() { Name = "用户管理" }).ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("用户管理");
        await Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "新建用户" }).ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("新建用户");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "user-create");

        await Page.GetByLabel("用户名", new() { Exact = true }).FillAsync("leader.zhou");
        await Page.GetByLabel("姓名", new() { Exact = true }).FillAsync("周建国");
        await Page.GetByLabel("角色", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "点评领导" });
        await PickUnitAsync(Page, "所属单位", "中共清河区委员会");
        await Page.GetByLabel("初始密码", new() { Exact = true }).FillAsync("Qh#Lingxi2025");
        await Page.GetByLabel("确认初始密码", new() { Exact = true }).FillAsync("Qh#Lingxi2025");
        await Page.GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();

        await Expect(Heading(Page)).ToHaveTextAsync("用户管理");
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("已创建用户“周建国（leader.zhou）”");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = "leader.zhou", Exact = true }) });
        await Expect(row).ToContainTextAsync("点评领导");
        await Expect(row).ToContainTextAsync("中共清河区委员会");
        await AssertNoSeriousAxeViolationsAsync(Page);

        await Page.GetByRole(AriaRole.Button, new() { Name = "马文" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("登录述职评议会管理系统");

        // A password an administrator set is the user's to replace before anything else.
        await SignInAsync(Page, "leader.zhou", "Qh#Lingxi2025");
        await Expect(Heading(Page)).ToHaveTextAsync("修改密码");
        await Page.GetByLabel("当前密码", new() { Exact = true }).FillAsync("Qh#Lingxi2025");
        await Page.GetByLabel("新密码", new() { Exact = true }).FillAsync("Mz7$Huaiyuan26");
        await Page.GetByLabel("确认新密码", new() { Exact = true }).FillAsync("Mz7$Huaiyuan26");
        await Page.GetByRole(AriaRole.Button, new() { Name = "保存新密码" }).ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("您好，周建国");
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync("点评领导 · 管理范围：中共清河区委员会及下级单位");
    }

    [Fact]
    public async Task Bad_input_shows_Chinese_errors_next_to_the_fields()
    {
        await SignInAsync(Page, "admin");
        await Page.GotoAsync("/Organizations/Create");
        await Expect(Heading(Page)).ToHaveTextAsync("新建单位");

        await Page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(FieldGroup("上级党组织")).ToContainTextAsync("请选择上级党组织。");
        await Expect(FieldGroup("单位名称")).ToContainTextAsync("请填写单位名称。");
        await Expect(FieldGroup("组织类型")).ToContainTextAsync("请选择组织类型。");
        await Expect(FieldGroup("类别")).ToContainTextAsync("请选择类别。");
        await Expect(Heading(Page)).ToHaveTextAsync("新建单位");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "organization-create-errors");
    }

    [Fact]
    public async Task On_a_phone_the_navigation_folds_behind_a_toggle_button()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await SignInAsync(Page, "organizer");
        var toggle = Page.GetByRole(AriaRole.Button, new() { Name = "导航菜单" });
        var organizations = MainNavigation(Page).GetByRole(AriaRole.Link, new() { Name = "组织架构" });
        await Expect(toggle).ToBeVisibleAsync();
        await Expect(organizations).ToBeHiddenAsync();
        await AssertNoSeriousAxeViolationsAsync(Page);

        await toggle.ClickAsync();

        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(organizations).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "phone-navigation-open");
        await organizations.ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("组织架构");
    }

    /// <summary>The block holding one form field: its label, the control and the message under it.</summary>
    private ILocator FieldGroup(string label) =>
        Page.Locator(".mb-3").Filter(new() { Has = Page.GetByLabel(label, new() { Exact = true }) });
}
