namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>The accessibility scan every browser test relies on finds what it must: a scan that cannot fail proves nothing.</summary>
public sealed class AxeTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Scan_reports_serious_violations_added_to_a_real_page_and_target_size_only_when_asked()
    {
        await Page.GotoAsync("/Account/Login");
        Assert.Empty(await Axe.SeriousViolationsAsync(Page));

        await Page.EvaluateAsync("""
            () => document.querySelector('main').insertAdjacentHTML('beforeend',
              '<img src="/favicon.ico"><button type="button"></button>' +
              '<p style="color:#bbb;background:#fff">浅灰色的文字</p>' +
              '<a href="#" style="display:inline-block;width:10px;height:10px;font-size:6px">小</a> <a href="#" style="display:inline-block;width:10px;height:10px;font-size:6px">链</a>')
            """);

        var found = await Axe.SeriousViolationsAsync(Page);
        Assert.Equal(["button-name", "color-contrast", "image-alt"], found.Select(v => v.Id).Order());
        Assert.Contains("img", found.Single(v => v.Id == "image-alt").Nodes.Single().Target, StringComparison.Ordinal);
        Assert.Contains("target-size", (await Axe.SeriousViolationsAsync(Page, targetSize: true)).Select(v => v.Id));
    }
}
