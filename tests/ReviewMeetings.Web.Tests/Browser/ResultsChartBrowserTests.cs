using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Web.Pages.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>The results chart measured in Chromium: readable text at any width, abstentions drawn, figures that agree.</summary>
public sealed class ResultsChartBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";
    private const string Taoyuan = "中共清河区桃源镇委员会";

    [Fact]
    public async Task Chart_text_keeps_the_body_size_abstentions_are_drawn_and_an_all_abstain_row_agrees_with_its_bar()
    {
        var id = await VotedMeetingAsync();
        await SignInAsync(Page, "organizer");
        foreach (var width in new[] { 1920, 1280, 390 })
        {
            await Page.SetViewportSizeAsync(width, 900);
            await Page.GotoAsync($"/Evaluation/Results/{id}");
            var sizes = await Page.EvaluateAsync<double[]>("""
                () => [document.body, document.querySelector("#results-chart [data-unit] .results-chart-label"), ...document.querySelectorAll("#results-chart li")]
                    .map(e => parseFloat(getComputedStyle(e).fontSize))
                """);
            var body = sizes[0];
            Assert.InRange(body, 14, 18);
            Assert.All(sizes.Skip(1), size => Assert.InRange(size, body * 0.8, body * 1.1));
        }

        await Page.SetViewportSizeAsync(1280, 900);
        await Page.GotoAsync($"/Evaluation/Results/{id}");

        // 西城: 好 1, 差 1 and 2 abstentions of 4 valid ballots: the abstained half of its bar is drawn, and the legend says so.
        var legend = Page.Locator("#results-chart li").Filter(new() { HasText = "弃权" });
        await Expect(legend).ToHaveCountAsync(1);
        var xicheng = Page.Locator($"#results-chart [data-unit='{Xicheng}']");
        await Expect(xicheng.Locator(".results-chart-bar")).ToHaveAttributeAsync("aria-label", $"{Xicheng}：好25.0%，较好0.0%，一般0.0%，差25.0%，弃权50.0%");
        var bar = await xicheng.Locator(".results-chart-bar").BoundingBoxAsync();
        var abstained = await xicheng.Locator("[data-segment='弃权']").BoundingBoxAsync();
        Assert.NotNull(bar);
        Assert.NotNull(abstained);
        Assert.InRange(abstained.Width / bar.Width, 0.49, 0.51);
        var swatch = legend.Locator(".results-chart-swatch");
        var segmentFill = await xicheng.Locator("[data-segment='弃权']").EvaluateAsync<string>("e => getComputedStyle(e).backgroundImage");
        Assert.Equal(segmentFill, await swatch.EvaluateAsync<string>("e => getComputedStyle(e).backgroundImage"));
        Assert.NotEqual("none", segmentFill);

        // 桃源: everyone abstained. Its bar is all abstention, its grade rates 0.0% of valid ballots and its score says why.
        var taoyuanRow = Page.Locator($"tbody tr[data-unit='{Taoyuan}']");
        await Expect(taoyuanRow.Locator("td.score")).ToHaveTextAsync("全部弃权");
        await Expect(taoyuanRow.Locator("td").Nth(6)).ToContainTextAsync("100.0%");
        var taoyuan = Page.Locator($"#results-chart [data-unit='{Taoyuan}']");
        await Expect(taoyuan.Locator("[data-segment]")).ToHaveCountAsync(1);
        var whole = await taoyuan.Locator(".results-chart-bar").BoundingBoxAsync();
        var all = await taoyuan.Locator("[data-segment='弃权']").BoundingBoxAsync();
        Assert.InRange(all!.Width, whole!.Width - 1, whole.Width + 1);

        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "results-chart");
    }

    /// <summary>Four ballots: 东城 好, 好, 较好, 一般; 西城 好, 差 and two abstentions; everyone else left blank.</summary>
    private async Task<Guid> VotedMeetingAsync()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng, Taoyuan).CommentedBy("leader").Published().SaveAsync(db));
        await DbAsync(db => FourBallots.CastAsync(db, id, CodeHashKey));
        return id;
    }
}
