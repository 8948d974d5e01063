using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewMeetings.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>
/// Base for tests that drive the app through real Chromium: the app runs on Kestrel at 127.0.0.1 (a browser cannot
/// reach the in-memory test server) on its own database copy, and each test gets a fresh zh-CN browser context.
/// </summary>
public abstract class BrowserTest(HeadlessChromium chromium) : AppTest, IClassFixture<HeadlessChromium>
{
    private readonly ServedDocuments _documents = new();
    private readonly List<IBrowserContext> _contexts = [];
    private IPage? _page;

    /// <summary>A 1280×800 tab whose relative URLs resolve against the running app.</summary>
    protected IPage Page => _page ?? throw new InvalidOperationException("The browser page has not opened.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Factory.AddTestServices(services => services.AddSingleton<IStartupFilter>(_documents).AddSingleton<IStartupFilter, Axe.ScriptFilter>());
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);

        _page = await (await NewContextAsync()).NewPageAsync();
    }

    /// <summary>Closes the browser and the app, then fails the test when any page it received is not valid HTML.</summary>
    public override async Task DisposeAsync()
    {
        try
        {
            // The browser is shared by the whole run (HeadlessChromium), so every context a test opened is closed here.
            foreach (var context in _contexts)
            {
                await context.DisposeAsync();
            }
        }
        finally
        {
            await base.DisposeAsync();
        }

        await AssertValidHtmlAsync(_documents.Received);
    }

    internal override AppFactory CreateFactory(string connectionString)
    {
        var factory = base.CreateFactory(connectionString);
        // Port 0: Kestrel picks a free port on 127.0.0.1, so test classes running in parallel never collide.
        factory.UseKestrel(0);
        return factory;
    }

    /// <summary>
    /// A fresh zh-CN context (its own cookies) on the running app, for the test's own tab or a second person or device,
    /// with whatever else <paramref name="configure"/> sets (a phone, no script); closed with the test.
    /// </summary>
    protected async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800, Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        };
        configure?.Invoke(options);
        var context = await chromium.Browser.NewContextAsync(options);
        _contexts.Add(context);
        return context;
    }

    /// <summary>Signs in through the login form, as a person would, and waits until the app has let them in.</summary>
    protected static async Task SignInAsync(IPage page, string userName, string password = DemoPassword)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!page.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase))
        {
            await page.GotoAsync("/Account/Login");
        }

        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
    }

    protected static ILocator Heading(IPage page) =>
        page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    protected static ILocator MainNavigation(IPage page) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });

    /// <summary>Chooses a unit in a unit picker (a combobox): types its name and clicks the option that ends with it.</summary>
    protected static async Task PickUnitAsync(IPage page, string label, string unitName)
    {
        ArgumentNullException.ThrowIfNull(page);
        var picker = page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });
        await picker.FillAsync(unitName);
        await page.GetByRole(AriaRole.Option).Filter(new() { HasTextRegex = new Regex($"(^|/ ){Regex.Escape(unitName)}$") }).ClickAsync();
        await Expect(picker).ToHaveValueAsync(unitName);
    }

    /// <summary>The dialog confirm.js opens before an irreversible step, found by its question.</summary>
    protected static ILocator ConfirmationDialog(IPage page, string title) =>
        page.GetByRole(AriaRole.Dialog, new() { Name = title, Exact = true });

    /// <summary>Presses the going-ahead button (the dialog's last) of the confirmation dialog titled <paramref name="title"/>.</summary>
    protected static async Task AcceptConfirmationAsync(IPage page, string title)
    {
        ArgumentNullException.ThrowIfNull(page);
        var dialog = ConfirmationDialog(page, title);
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("button[value=ok]").ClickAsync();
    }

    /// <summary>Fails on any axe-core violation rated serious or critical, naming the rule and the offending elements.</summary>
    protected static async Task AssertNoSeriousAxeViolationsAsync(IPage page)
    {
        var serious = await Axe.SeriousViolationsAsync(page);
        Assert.True(serious.Count == 0, Axe.Describe(page.Url, serious));
    }

    /// <summary>
    /// As <see cref="AssertNoSeriousAxeViolationsAsync"/>, with axe's target-size rule (WCAG 2.2, 24 px touch targets)
    /// turned on: it is off by default, and phone pages must pass it.
    /// </summary>
    protected static async Task AssertNoSeriousAxeViolationsWithTargetSizeAsync(IPage page)
    {
        var serious = await Axe.SeriousViolationsAsync(page, targetSize: true);
        Assert.True(serious.Count == 0, Axe.Describe(page.Url, serious));
    }

    /// <summary>Saves a screenshot for a person to look at, only when BROWSER_SCREENSHOTS names a folder.</summary>
    protected static async Task SaveScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Environment.GetEnvironmentVariable("BROWSER_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
        }
    }

    /// <summary>Fails on any Nu Html Checker error (warnings pass) in the pages, naming the request and the line.</summary>
    private static async Task AssertValidHtmlAsync(IReadOnlyList<(string Url, string Html)> documents)
    {
        var text = new StringBuilder();
        foreach (var (url, html) in documents.DistinctBy(d => d.Html))
        {
            var errors = await HtmlChecker.ErrorsAsync(html);
            foreach (var error in errors)
            {
                text.Append("\n- ").Append(url).Append(", ").Append(error);
            }
        }

        Assert.True(text.Length == 0, "The Nu Html Checker (vnu) found errors in pages the test received:" + text);
    }
}
