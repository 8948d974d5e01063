using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewMeetings.Web.Documents;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReviewMeetings.Web.Tests.Pages.Rectification.RectificationArrange;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>Long downloads show that they are under way, and a second click does not start a second render.</summary>
public sealed class DownloadBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    // The tests count the renders their app starts, so other tests' documents must not go through the same renderer.
    internal override AppFactory CreateFactory(string connectionString)
    {
        var factory = base.CreateFactory(connectionString);
        factory.OwnPdfRenderer = true;
        return factory;
    }

    [Fact]
    public async Task Ledger_pdf_button_is_busy_with_a_status_message_and_a_double_click_renders_once()
    {
        var id = await LedgerMeetingAsync(DbAsync);
        var renderer = Factory.Services.GetRequiredService<PdfRenderer>();
        await SignInAsync(Page, "organizer");
        await Page.GotoAsync($"/Rectification/Ledger?meeting={id}");

        // The server renders at once; the finished file is held back a moment, as a slow render or network would.
        await Page.RouteAsync("**/Rectification/Ledger?*handler=Print*", async route =>
        {
            // route.FetchAsync gives up after 30 s by default, and then the page's request is never answered: a first
            // render on a loaded machine (this app starts its own Chromium) can take longer.
            var response = await route.FetchAsync(new() { Timeout = 120_000 });
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

    [Fact]
    public async Task Ballot_code_pdf_button_is_busy_and_a_double_click_issues_and_renders_one_batch()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite("中共清河区东城街道工作委员会").Published().SaveAsync(db));
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == id);
            meeting.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        var renderer = Factory.Services.GetRequiredService<PdfRenderer>();
        await SignInAsync(Page, "organizer");
        await Page.GotoAsync($"/Evaluation/Codes/{id}");
        await Page.RouteAsync("**/Evaluation/CodeBatch/*handler=Pdf*", async route =>
        {
            // route.FetchAsync gives up after 30 s by default, and then the page's request is never answered: a first
            // render on a loaded machine (this app starts its own Chromium) can take longer.
            var response = await route.FetchAsync(new() { Timeout = 120_000 });
            // Long enough for the axe scan below to finish before the page loads afresh after the download.
            await Task.Delay(5000);
            await route.FulfillAsync(new() { Response = response });
        });
        var before = renderer.Started;
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "生成并打印", Exact = true }) }).First;
        var groupName = await row.GetAttributeAsync("data-group");
        await row.GetByLabel($"为“{groupName}”生成的数量", new() { Exact = true }).FillAsync("3");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"生成PDF（{groupName}）", Exact = true })).ToBeVisibleAsync();
        var button = row.Locator("button[name=format][value=pdf]");
        var download = Page.WaitForDownloadAsync(new() { Timeout = 120_000 });
        await button.ClickAsync();
        await button.ClickAsync(new() { Force = true });

        await Expect(button).ToHaveAttributeAsync("aria-busy", "true");
        await Expect(button).ToBeDisabledAsync();
        await Expect(button).ToHaveAccessibleNameAsync($"正在生成…生成PDF（{groupName}）");
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "正在生成文件" })).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(Page);

        Assert.EndsWith("测评码.pdf", (await download).SuggestedFilename, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Equal(before + 1, renderer.Started);
        Assert.Equal(1, await DbAsync(db => db.BallotCodeBatches.CountAsync(b => b.MeetingId == id)));
        Assert.Equal(3, await DbAsync(db => db.BallotCodes.CountAsync(c => c.MeetingId == id)));

        // The page then loads afresh, so the next press issues a new batch rather than landing on this one.
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "正在生成文件" })).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(Page.Locator($"[data-group='{groupName}']").GetByRole(AriaRole.Button, new() { Name = "补发备用码", Exact = true }))
            .ToBeVisibleAsync(new() { Timeout = 30_000 });
    }
}
