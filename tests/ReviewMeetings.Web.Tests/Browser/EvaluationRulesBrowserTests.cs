using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewMeetings.Web.Tests.Builders;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>The evaluation rules form in a real browser: the band fields follow the chosen grade scale.</summary>
public sealed class EvaluationRulesBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Changing_the_scale_relabels_the_band_minimums_and_hides_the_second_one_for_a_three_grade_scale()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite("中共清河区东城街道工作委员会").Published().SaveAsync(db));
        await SignInAsync(Page, "organizer");
        await Page.GotoAsync($"/Meetings/Evaluation/{id}");
        await Expect(Heading(Page)).ToHaveTextAsync("民主测评规则");
        var top = Page.Locator("label[for='Input_BandGood']");
        var second = Page.Locator("label[for='Input_BandFairlyGood']");
        var pass = Page.Locator("label[for='Input_BandAverage']");
        var share = Page.Locator("label[for='Input_TopSharePercent']");
        var note = Page.Locator("#band-second-note");
        await Expect(top).ToHaveTextAsync("“好”等次最低分");
        await Expect(note).ToBeHiddenAsync();
        await AssertNoSeriousAxeViolationsAsync(Page);

        await Page.Locator("#Input_Scale").SelectOptionAsync("Competence");
        await Expect(top).ToHaveTextAsync("“优秀”等次最低分");
        await Expect(second).ToHaveTextAsync("“称职”等次最低分");
        await Expect(pass).ToHaveTextAsync("“基本称职”等次最低分");
        await Expect(share).ToHaveTextAsync("“优秀”等次比例上限（%）");

        await Page.Locator("#Input_Scale").SelectOptionAsync("Satisfaction");
        await Expect(top).ToHaveTextAsync("“满意”等次最低分");
        await Expect(pass).ToHaveTextAsync("“基本满意”等次最低分");
        await Expect(Page.Locator("#Input_BandFairlyGood")).ToBeHiddenAsync();
        await Expect(Page.Locator("#Input_BandFairlyGood")).ToBeDisabledAsync();
        await Expect(note).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(Page);

        // The hidden second minimum is neither posted nor demanded: the rules save with the scale's three bands.
        await Page.GetByLabel("“满意”等次最低分").FillAsync("85");
        await Page.GetByRole(AriaRole.Button, new() { Name = "保存测评规则" }).ClickAsync();
        await Expect(Page.Locator(".alert-success, [role=status]").First).ToContainTextAsync("测评规则已保存");
        var bands = await DbAsync(async db => (await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id)).EvaluationRules!.Bands);
        Assert.Equal([("满意", 85m), ("基本满意", 60m), ("不满意", 0m)], bands.Select(b => (b.Name, b.MinScore)));

        await Page.GotoAsync($"/Meetings/Evaluation/{id}");
        await Page.Locator("#Input_Scale").SelectOptionAsync("GoodToPoor");
        await Expect(second).ToHaveTextAsync("“较好”等次最低分");
        await Expect(Page.Locator("#Input_BandFairlyGood")).ToBeEnabledAsync();
        await Expect(Page.Locator("#Input_BandFairlyGood")).ToHaveValueAsync("80");
        await Expect(note).ToBeHiddenAsync();
    }
}
