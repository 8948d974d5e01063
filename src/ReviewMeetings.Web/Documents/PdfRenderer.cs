using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace ReviewMeetings.Web.Documents;

/// <summary>
/// Turns a self-contained HTML document into a PDF with headless Chromium. One browser is shared, started on first use
/// and closed when idle. Documents are rendered in pages whose contexts have JavaScript off and no network, so a template
/// can neither run code nor fetch anything. If the browser dies, the next document starts a new one.
/// </summary>
/// <remarks>
/// A page is kept for the next document (up to <see cref="MaxUses"/> documents, one page per concurrent slot): a fresh
/// context starts a new renderer process, which loads the CJK fonts again, and that was half of a minutes PDF's time
/// (docs/performance.md). Each document replaces the whole content, and the page is emptied before it is put back, so no
/// document stays in a waiting page. A page that failed or timed out is closed, never reused.
/// </remarks>
public sealed partial class PdfRenderer : IAsyncDisposable
{
    public const string MissingChromiumMessage = "服务器未安装 Chromium 浏览器，暂时无法生成 PDF。请系统管理员安装：apt-get install chromium-headless-shell fonts-noto-cjk";

    private static readonly string[] LaunchArguments =
        ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

    private const int MaxUses = 50;

    private readonly PdfOptions _options;
    private readonly System.Collections.Concurrent.ConcurrentBag<WarmPage> _warm = [];
    private readonly ILogger<PdfRenderer> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly Timer _idle;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _busy;

    public PdfRenderer(IOptions<PdfOptions> options, ILogger<PdfRenderer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.Concurrency, _options.Concurrency);
        _idle = new Timer(_ => _ = CloseIfIdleAsync(), null, Timeout.Infinite, Timeout.Infinite);
    }

    private long _started;

    public bool IsInstalled => File.Exists(_options.Executable);

    /// <summary>How many renders have started since the app did: shows in tests that one click made one document.</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>Renders <paramref name="html"/>; the page size and margins come from its own @page rules.</summary>
    public async Task<byte[]> RenderAsync(string html, CancellationToken cancellationToken = default)
    {
        if (!IsInstalled)
        {
            throw new PdfUnavailableException(MissingChromiumMessage);
        }

        Interlocked.Increment(ref _started);

        // Waiting in line and rendering each get the full timeout, so a burst of exports queues instead of failing.
        using (var queueTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            queueTimeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds * 5));
            try
            {
                await _slots.WaitAsync(queueTimeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PdfUnavailableException("生成 PDF 的请求较多，请稍后重试。");
            }
        }

        Interlocked.Increment(ref _busy);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        IBrowser? browser = null;
        WarmPage? warm = null;
        try
        {
            browser = await BrowserAsync(timeout.Token);
            warm = await TakePageAsync(browser);
            await warm.Page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load }).WaitAsync(timeout.Token);
            var pdf = await warm.Page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true }).WaitAsync(timeout.Token);
            await warm.Page.SetContentAsync("").WaitAsync(timeout.Token);
            if (++warm.Uses < MaxUses && browser.IsConnected)
            {
                _warm.Add(warm);
                warm = null;
            }

            return pdf;
        }
        catch (PlaywrightException ex)
        {
            LogRenderFailed(ex);
            if (browser is { IsConnected: false })
            {
                // Only a dead browser is replaced; the other documents on a healthy one carry on.
                await ForgetBrowserAsync();
            }

            throw new PdfUnavailableException("生成 PDF 失败，请稍后重试。", ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PdfUnavailableException("生成 PDF 超时，请稍后重试。");
        }
        finally
        {
            if (warm is not null)
            {
                await CloseAsync(warm);
            }

            Interlocked.Decrement(ref _busy);
            _slots.Release();
            _idle.Change(TimeSpan.FromSeconds(_options.IdleSeconds), Timeout.InfiniteTimeSpan);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _idle.DisposeAsync();
        await ForgetBrowserAsync();
        _playwright?.Dispose();
        _slots.Dispose();
        _launch.Dispose();
    }

    private async Task<WarmPage> TakePageAsync(IBrowser browser)
    {
        while (_warm.TryTake(out var warm))
        {
            if (warm.Browser == browser && browser.IsConnected && !warm.Page.IsClosed)
            {
                return warm;
            }

            await CloseAsync(warm);
        }

        var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Offline = true });
        await context.RouteAsync("**/*", route => route.AbortAsync());
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(_options.TimeoutSeconds * 1000f);
        return new WarmPage(browser, context, page);
    }

    private static async Task CloseAsync(WarmPage warm)
    {
        try
        {
            await warm.Context.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // The browser is already gone, and the page with it.
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }

        await _launch.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } started)
            {
                return started;
            }

            _playwright ??= await Playwright.CreateAsync();
            var browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = _options.Executable,
                Headless = true,
                Args = LaunchArguments,
            });
            browser.Disconnected += (_, _) => _browser = null;
            _browser = browser;
            LogBrowserStarted(browser.Version);
            return browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task CloseIfIdleAsync()
    {
        if (Volatile.Read(ref _busy) == 0 && _browser is not null)
        {
            await _launch.WaitAsync();
            try
            {
                if (Volatile.Read(ref _busy) == 0)
                {
                    await ForgetBrowserAsync();
                    LogBrowserClosed();
                }
            }
            finally
            {
                _launch.Release();
            }
        }
    }

    private async Task ForgetBrowserAsync()
    {
        while (_warm.TryTake(out var warm))
        {
            await CloseAsync(warm);
        }

        var browser = Interlocked.Exchange(ref _browser, null);
        if (browser is not null)
        {
            try
            {
                await browser.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Already gone.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PDF browser started (Chromium {Version})")]
    private partial void LogBrowserStarted(string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "PDF browser closed after being idle")]
    private partial void LogBrowserClosed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF rendering failed; the browser will be restarted")]
    private partial void LogRenderFailed(Exception exception);
}

/// <summary>A page kept between documents, with the context it lives in and how many documents it has rendered.</summary>
internal sealed class WarmPage(IBrowser browser, IBrowserContext context, IPage page)
{
    public IBrowser Browser { get; } = browser;

    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public int Uses { get; set; }
}

/// <summary>The PDF could not be made; the message is Chinese and meant for the user.</summary>
public sealed class PdfUnavailableException : Exception
{
    public PdfUnavailableException()
    {
    }

    public PdfUnavailableException(string message)
        : base(message)
    {
    }

    public PdfUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>/health/ready: a missing Chromium degrades the service (no PDFs) but does not take it down.</summary>
internal sealed class PdfHealthCheck(PdfRenderer renderer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(renderer.IsInstalled
            ? HealthCheckResult.Healthy("Chromium found.")
            : HealthCheckResult.Degraded("Chromium is not installed; PDF export is unavailable."));
}
