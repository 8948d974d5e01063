using System.Diagnostics;
using System.Globalization;
using System.Net;
using UglyToad.PdfPig;

namespace ReviewMeetings.Benchmarks;

/// <summary>
/// The minutes PDF (述职评议情况报告) of a 40-reporter meeting with full comments and results, fetched over HTTP as the
/// organizer, so the app's own DocumentHtml and shared Chromium (PdfRenderer) do the work (docs/performance.md).
/// <c>dotnet run -c Release --project tests/ReviewMeetings.Benchmarks -- pdf [renders [reporters]]</c>
/// </summary>
internal static class PdfBenchmark
{
    private const int Codes = 200;
    private const double WarmMedianTargetSeconds = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var renders = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var reporters = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
        Console.WriteLine($"ReviewMeetings PDF benchmark: minutes of {reporters} reporters, {renders} warm renders, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        var connectionString = await BenchmarkDatabase.CreateAsync();
        await using var app = new BenchmarkApp(connectionString);
        app.Start();
        var seeded = await Seeding.VotingMeetingAsync(app.Services, "清河区2025年度党组织书记抓基层党建工作述职评议会议", reporters, Codes);
        var (comments, ballots) = await MinutesSeeding.HeldAsync(app.Services, seeded);
        Console.WriteLine($"Seeded: {reporters} reporters, {comments} final comments, {ballots} ballots; meeting closed and feedback released.");

        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        await ResultsLoad.SignInAsync(http, "organizer", "Qinghe@2025");
        var preview = $"/Documents/{seeded.Id}?handler=Minutes";
        var pdf = preview + "&pdf=true";

        Console.WriteLine($"Load average before: {LoadAverage()}");
        var (htmlCold, html) = await TimeAsync(http, preview);
        var htmlWarm = await RepeatAsync(http, preview, renders);
        ChromiumMeter.MemoryPeak peak;
        (double Ms, byte[] Bytes) cold;
        Latencies warm;
        double chromiumCpu;
        TimeSpan appCpu;
        await using (var chromium = new ChromiumMeter(TimeSpan.FromMilliseconds(100)))
        {
            cold = await TimeAsync(http, pdf);
            var before = (Chromium: ChromiumMeter.Now().CpuSeconds, App: AppCpu());
            warm = await RepeatAsync(http, pdf, renders);
            (chromiumCpu, appCpu) = ((ChromiumMeter.Now().CpuSeconds - before.Chromium) / renders, (AppCpu() - before.App) / renders);
            peak = chromium.Peak;
            Console.WriteLine($"Chromium samples: {chromium.Samples}");
        }

        Console.WriteLine($"Load average after:  {LoadAverage()}");
        var saved = Path.Combine(Path.GetTempPath(), "reviewmeetings-benchmarks");
        Directory.CreateDirectory(saved);
        await File.WriteAllBytesAsync(Path.Combine(saved, "minutes.html"), html);
        await File.WriteAllBytesAsync(Path.Combine(saved, "minutes.pdf"), cold.Bytes);
        Console.WriteLine($"The HTML and the PDF are in {saved} for a look.");
        using var document = PdfDocument.Open(cold.Bytes);
        var pages = document.NumberOfPages;
        var lastPage = string.Concat(document.GetPage(pages).Letters.Select(l => l.Value).Where(v => !string.IsNullOrWhiteSpace(v)));

        Console.WriteLine();
        Console.WriteLine($"Minutes, {reporters} reporters: HTML {html.Length / 1024.0:0} KB, PDF {cold.Bytes.Length / 1024.0:0} KB, {pages} pages (last page numbered \"— {pages} —\": {lastPage.Contains($"—{pages}—", StringComparison.Ordinal)})");
        Console.WriteLine($"  HTML preview only: first {htmlCold:0} ms, warm median {htmlWarm.Median:0} ms (max {htmlWarm.Max:0} ms)");
        Console.WriteLine($"  PDF cold (first request, Chromium launched on demand): {cold.Ms:0} ms");
        Console.WriteLine($"  PDF warm, {renders} sequential renders: median {warm.Median:0} ms, min {warm.Values[0]:0} ms, max {warm.Max:0} ms");
        Console.WriteLine($"  CPU per warm render: Chromium {chromiumCpu:0.00} s, app (.NET, incl. HTML) {appCpu.TotalSeconds:0.00} s");
        Console.WriteLine($"  Chromium peak: RSS sum {peak.RssKilobytes / 1024.0:0} MB, PSS sum {peak.PssKilobytes / 1024.0:0} MB, up to {peak.Processes} processes");
        var met = warm.Median < WarmMedianTargetSeconds * 1000;
        Console.WriteLine($"Target warm median < {WarmMedianTargetSeconds} s: {(met ? "met" : "NOT met")} ({warm.Median / 1000:0.00} s)");
        return met ? 0 : 1;
    }

    private static async Task<Latencies> RepeatAsync(HttpClient http, string url, int times)
    {
        var milliseconds = new List<double>();
        for (var i = 0; i < times; i++)
        {
            milliseconds.Add((await TimeAsync(http, url)).Ms);
        }

        return new Latencies(milliseconds);
    }

    private static async Task<(double Ms, byte[] Bytes)> TimeAsync(HttpClient http, string url)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            // A failed render redirects back to the documents page with the reason; that is an error here, not a result.
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return (elapsed, bytes);
    }

    private static TimeSpan AppCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
