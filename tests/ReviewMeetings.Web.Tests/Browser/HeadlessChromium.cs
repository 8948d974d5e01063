using Microsoft.Playwright;
using ReviewMeetings.Web.Documents;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>
/// The Chromium that browser tests open their contexts in: one Playwright driver and one browser for the whole test
/// process, started by the first browser test class. The driver exits when the test process ends (its pipe closes) and
/// closes the browser with it. Each test still gets contexts of its own (own cookies, storage and cache), which
/// BrowserTest closes. A browser and a driver per class cost about 3 s of CPU each to start.
/// The machine's own Chromium is used because Playwright's browser download is not available where these tests run:
/// CHROMIUM_PATH, else the one the app prints PDFs with (Debian's chromium-headless-shell when installed, which is also
/// Playwright's own choice for headless runs and takes about half the CPU of the full browser, else chromium).
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        _browser = await Shared.Value;
        if (!_browser.IsConnected)
        {
            throw new InvalidOperationException("The shared Chromium has gone away; an earlier test may have crashed it.");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<IBrowser> LaunchAsync()
    {
        // Pages load from a local server, but a loaded CI machine can still be slow to paint the first page.
        Assertions.SetDefaultExpectTimeout(10_000);
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    private static string ExecutablePath()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : new PdfOptions().Executable;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Chromium not found at {path}. Install it (apt-get install -y chromium-headless-shell) or set CHROMIUM_PATH.");
    }
}
