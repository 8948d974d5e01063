using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>The unit picker as a combobox (issue 18): typed into, chosen from with the keyboard, posted with the form.</summary>
public sealed class UnitPickerBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Organizer_picks_the_parent_with_the_keyboard_and_creates_the_unit_under_it()
    {
        await SignInAsync(Page, "organizer");
        await Page.GotoAsync("/Organizations/Create");
        await Expect(Heading(Page)).ToHaveTextAsync("新建单位");
        var parent = Page.GetByRole(AriaRole.Combobox, new() { Name = "上级党组织", Exact = true });
        var list = Page.GetByRole(AriaRole.Listbox);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "查找" })).ToHaveCountAsync(0);

        await parent.PressSequentiallyAsync("镇委");
        await Expect(list.GetByRole(AriaRole.Option)).ToHaveCountAsync(3);
        await Expect(parent).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(list.GetByRole(AriaRole.Option, new() { Name = "中共清河区柳溪镇委员会" })).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "unit-picker-open");

        // The first option is 石桥镇, 柳溪镇 or 桃源镇 in the database's name order; walk down to 桃源镇.
        var options = await list.GetByRole(AriaRole.Option).AllInnerTextsAsync();
        var taoyuan = options.ToList().FindIndex(o => o.Contains("桃源镇", StringComparison.Ordinal));
        for (var i = 0; i <= taoyuan; i++)
        {
            await parent.PressAsync("ArrowDown");
        }

        var active = list.GetByRole(AriaRole.Option, new() { Selected = true });
        await Expect(active).ToContainTextAsync("中共清河区桃源镇委员会");
        await Expect(parent).ToHaveAttributeAsync("aria-activedescendant", (await active.GetAttributeAsync("id"))!);
        // A mark on this document: a submit of the form would load a new one without it.
        await Page.EvaluateAsync("() => { window.unitPickerMark = true; }");
        await parent.PressAsync("Enter");

        // Enter chose the unit and did not submit the form.
        await Expect(list).ToBeHiddenAsync();
        await Expect(parent).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(parent).ToHaveValueAsync("中共清河区桃源镇委员会");
        await Expect(Page.GetByText("已选：中共清河区委员会 / 中共清河区桃源镇委员会")).ToBeVisibleAsync();

        // Escape closes a list opened again, and leaves the choice as it was.
        await parent.FillAsync("街道");
        await Expect(list).ToBeVisibleAsync();
        await parent.PressAsync("Escape");
        await Expect(list).ToBeHiddenAsync();
        await Expect(Page.GetByText("已选：中共清河区委员会 / 中共清河区桃源镇委员会")).ToBeVisibleAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => window.unitPickerMark === true"), "Enter in the picker submitted the form.");
        await Expect(Page.GetByText("请填写单位名称。")).ToHaveCountAsync(0);

        await Page.GetByLabel("单位名称", new() { Exact = true }).FillAsync("桃源镇机关党支部");
        await Page.GetByLabel("组织类型", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "党支部" });
        await Page.GetByLabel("类别", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "镇" });
        await AssertNoSeriousAxeViolationsAsync(Page);
        await Page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(Heading(Page)).ToHaveTextAsync("桃源镇机关党支部");
        await Expect(Page.Locator("dt:text-is('上级党组织') + dd")).ToHaveTextAsync("中共清河区桃源镇委员会");
        var taoyuanId = await DbAsync(db => db.Organizations.Where(o => o.Name == "中共清河区桃源镇委员会").Select(o => o.Id).SingleAsync());
        Assert.Equal(taoyuanId, await DbAsync(db => db.Organizations.Where(o => o.Name == "桃源镇机关党支部").Select(o => o.ParentId).SingleAsync()));
    }

    [Fact]
    public async Task Without_script_the_picker_searches_with_the_whole_form_and_saves_the_radio_chosen()
    {
        var page = await (await NewContextAsync(configure: options => options.JavaScriptEnabled = false)).NewPageAsync();
        await SignInAsync(page, "organizer");
        await page.GotoAsync("/Organizations/Create");
        await page.GetByLabel("单位名称", new() { Exact = true }).FillAsync("桃源镇机关党支部");
        await page.GetByLabel("上级党组织", new() { Exact = true }).FillAsync("镇委");

        await page.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();

        var results = page.GetByRole(AriaRole.Group, new() { Name = "查找结果：找到3个单位，请选择一个" });
        await Expect(results.GetByRole(AriaRole.Radio)).ToHaveCountAsync(3);
        await Expect(page.GetByLabel("单位名称", new() { Exact = true })).ToHaveValueAsync("桃源镇机关党支部");
        await Expect(page.GetByText("请填写单位名称。")).ToHaveCountAsync(0);
        // No axe scan here: axe is a script, and this page runs none (the HTML checker still reads what it received).
        await SaveScreenshotAsync(page, "unit-picker-no-script");

        await results.GetByRole(AriaRole.Radio, new() { Name = "中共清河区委员会 / 中共清河区桃源镇委员会" }).CheckAsync();
        await page.GetByLabel("组织类型", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "党支部" });
        await page.GetByLabel("类别", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "镇" });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(Heading(page)).ToHaveTextAsync("桃源镇机关党支部");
        await Expect(page.Locator("dt:text-is('上级党组织') + dd")).ToHaveTextAsync("中共清河区桃源镇委员会");
    }
}
