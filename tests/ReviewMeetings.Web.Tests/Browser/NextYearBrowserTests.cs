using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewMeetings.Web.Tests.Builders;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>Issue 18 in a real browser: copying last year's meeting, then the reporter picker's search and 全选本页.</summary>
public sealed class NextYearBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Last_years_meeting_is_copied_and_the_picker_finds_and_ticks_a_page_of_units()
    {
        var thisYear = DateTime.UtcNow.AddHours(8).Year;
        var id = await DbAsync(db => new MeetingBuilder().ForYear(thisYear - 1)
            .OnSite("中共清河区东城街道工作委员会").Written("中共清河区桃源镇委员会").SaveAsync(db));
        await SignInAsync(Page, "organizer");

        await Page.GotoAsync($"/Meetings/Details/{id}");
        await Page.GetByRole(AriaRole.Link, new() { Name = "复制为下一年度会议" }).ClickAsync();
        await Expect(Heading(Page)).ToContainTextAsync("复制");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await Page.GetByRole(AriaRole.Button, new() { Name = $"复制为{thisYear}年度会议" }).ClickAsync();
        await Expect(Page.Locator(".alert-success, [role=status]").First).ToBeVisibleAsync();
        var copy = await DbAsync(db => db.Meetings.Include(m => m.Reporters).AsNoTracking().SingleAsync(m => m.ReviewYear == thisYear));
        Assert.Equal(["中共清河区东城街道工作委员会", "中共清河区桃源镇委员会"], copy.InBallotOrder().Select(r => r.UnitName));

        await Page.GotoAsync($"/Meetings/Reporters/{copy.Id}");
        await Page.GetByLabel("单位名称包含").FillAsync("街道");
        await Page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        var boxes = Page.Locator("#candidate-list input[type=checkbox]");
        await Expect(Page.Locator("#candidate-count")).ToContainTextAsync("个可添加的单位");
        Assert.True(await boxes.CountAsync() >= 2);
        foreach (var label in await Page.Locator("#candidate-list label").AllTextContentsAsync())
        {
            Assert.Contains("街道", label, StringComparison.Ordinal);
        }

        var all = Page.GetByLabel("全选本页");
        await all.CheckAsync();
        foreach (var box in await boxes.AllAsync())
        {
            await Expect(box).ToBeCheckedAsync();
        }

        await boxes.First.UncheckAsync();
        Assert.True(await all.EvaluateAsync<bool>("e => e.indeterminate"));
        await AssertNoSeriousAxeViolationsAsync(Page);
    }
}
