using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace ReviewMeetings.Benchmarks;

/// <summary>Sequential requests for one page: their latencies and the CPU time each took on average.</summary>
internal sealed record PageTimes(Latencies Latencies, CpuTime CpuPerRequest)
{
    /// <summary>The first request for the page, which reads every ballot.</summary>
    public TimeSpan FirstView { get; init; }
}

/// <summary>
/// The organizer's results page (and its Excel export), one request at a time after a warm-up: refreshed with no new
/// ballots, and with one more ballot stored before each request (the page reads it and counts again).
/// </summary>
internal static partial class ResultsLoad
{
    private const int WarmUp = 30;

    public static async Task<(PageTimes Page, PageTimes Excel, PageTimes AfterNewBallot)> RunAsync(
        Uri baseAddress, CpuMeter meter, Guid meetingId, int reporters, int ballots, int requests, Func<int, Task> addBallot)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        await SignInAsync(http, "organizer", "Qinghe@2025");
        var page = $"/Evaluation/Results/{meetingId}";
        var first = Stopwatch.StartNew();
        var html = await http.GetStringAsync(page);
        first.Stop();
        if (Rows().Count(html) != reporters || !html.Contains($"id=\"returned\">{ballots}<", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The results page does not show every reporter and every ballot.");
        }

        var refreshed = await TimeAsync(http, meter, page, requests) with { FirstView = first.Elapsed };
        var excel = await TimeAsync(http, meter, page + "?handler=Excel", requests / 3);
        var afterNewBallot = await TimeAsync(http, meter, page, requests, addBallot);
        return (refreshed, excel, afterNewBallot);
    }

    private static async Task<PageTimes> TimeAsync(HttpClient http, CpuMeter meter, string url, int requests, Func<int, Task>? before = null)
    {
        var times = new List<double>();
        var cpu = default(CpuTime);
        for (var i = 0; i < WarmUp + requests; i++)
        {
            if (before is not null)
            {
                await before(i);
            }

            var started = meter.Now();
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            if (i >= WarmUp)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
                var used = meter.Now() - started;
                cpu = new CpuTime(cpu.Process + used.Process, cpu.Database + used.Database);
            }
        }

        return new PageTimes(new Latencies(times), new CpuTime(cpu.Process / requests, cpu.Database / requests));
    }

    internal static async Task SignInAsync(HttpClient http, string userName, string password)
    {
        var login = await http.GetStringAsync("/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = Token().Match(login).Groups[1].Value,
        });
        using var response = await http.PostAsync("/Account/Login", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {userName} failed: {(int)response.StatusCode}.");
        }
    }

    /// <summary>The antiforgery token of a page's form.</summary>
    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    internal static partial Regex Token();

    [GeneratedRegex(@"<tr data-unit=")]
    private static partial Regex Rows();
}
