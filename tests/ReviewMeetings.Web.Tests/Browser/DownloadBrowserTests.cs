using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewMeetings.Web.Documents;
using static Microsoft.Playwright.Assertions;
using static ReviewMeetings.Web.Tests.Pages.Rectification.RectificationArrange;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>Long downloads show that they are under way, and a second click does not start a second render.</summary>
public sealed class DownloadBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task Ledger_pdf_button_is_busy_with_a_status_message_and_a_double_click_renders_once()
    {
        var id = await DbAsync(db => ClosedMeetingWithCommentsAsync(db));
        await DbAsync(async db =>
        {
            await ReleaseAsync(db, id);
            await SpreadOverTheLoopAsync(db, id);
            return id;
        });
        var renderer = Factory.Services.GetRequiredService<PdfRenderer>();
        await SignInAsync(Page, "organizer");
        await Page.GotoAsync($"/Rectification/Ledger?meeting={id}");

        // The server renders at once; the finished file is held back a moment, as a slow render or network would.
        await Page.RouteAsync("**/Rectification/Ledger?*handler=Print*", async route =>
        {
            var response = await route.FetchAsync();
            await Task.Delay(1500);
            await route.FulfillAsync(new() { Response = response });
        });
        var before = renderer.Started;
        var button = Page.Locator("[data-pdf]");
        var download = Page.WaitForDownloadAsync(new() { Timeout = 120_000 });
        await button.ClickAsync();
        await button.ClickAsync(new() { Force = true });

        await Expect(button).ToHaveAttributeAsync("aria-busy", "true");
        await Expect(button).ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(button).ToContainTextAsync("正在生成…");
        var status = Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "正在生成文件" });
        await Expect(status).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(Page);

        Assert.EndsWith("整改台账.pdf", (await download).SuggestedFilename, StringComparison.Ordinal);
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "文件已生成，开始下载。" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(button).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(button).ToHaveTextAsync("生成PDF");
        await Task.Delay(500);
        Assert.Equal(before + 1, renderer.Started);
    }
}
