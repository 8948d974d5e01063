using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ReviewMeetings.Benchmarks;

/// <summary>What one load run measured: ballots stored, failures, wall time and the latency of each kind of request.</summary>
internal sealed record LoadResult(int Succeeded, IReadOnlyList<string> Errors, TimeSpan Elapsed, IReadOnlyDictionary<string, Latencies> Steps)
{
    /// <summary>Every request as (milliseconds from the start of the run when it was sent, its latency), when recorded.</summary>
    public IReadOnlyList<(double At, double Ms)> Requests { get; init; } = [];

    public double BallotsPerSecond => Succeeded / Elapsed.TotalSeconds;

    /// <summary>CPU time the run took, set by the caller that measured it.</summary>
    public CpuTime Cpu { get; init; }

    /// <summary>Bytes allocated by this process (app and load generator) during the run, set by the caller that measured it.</summary>
    public long AllocatedBytes { get; init; }

    public double CpuMsPerBallot(Func<CpuTime, TimeSpan> part) => part(Cpu).TotalMilliseconds / Succeeded;

    /// <summary>What the throughput would be if the run had both cores to itself: cores divided by CPU per ballot.</summary>
    public double CpuBoundBallotsPerSecond => Environment.ProcessorCount * 1000 / CpuMsPerBallot(c => c.Total);
}

/// <summary>
/// Voters on phones: each opens /v/{code}, fills every reporter's grade, goes to the review step and confirms, exactly
/// the requests a browser sends (antiforgery cookie and token included). <c>clients</c> voters are in flight at once.
/// With script (<c>scripted</c>, as phones run the page) the review step happens in the browser (ballot.js) and the
/// ballot is one POST to /v/ballot; without it, the page's own review and submit steps are two POSTs.
/// </summary>
internal static partial class VotingLoad
{
    public const string Open = "GET /v/{code}";
    public const string Review = "POST review";
    public const string Submit = "POST submit";
    public const string Scripted = "POST /v/ballot";

    // Grade keys of the default scale, the most common first; "" is an abstention.
    private static readonly (string Grade, int Weight)[] Marks = [("好", 70), ("较好", 15), ("一般", 6), ("差", 2), ("", 7)];

    public static async Task<LoadResult> RunAsync(Uri baseAddress, IReadOnlyList<string> codes, int clients, bool scripted)
    {
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = clients };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return await RunEachAsync(
            codes.Select((c, i) => (Code: c, Seed: i)), clients, scripted ? [Open, Scripted] : [Open, Review, Submit],
            (voter, latencies, buffer) => VoteAsync(http, voter.Code, new Random(voter.Seed), latencies, scripted, buffer));
    }

    /// <summary>Opens one ballot of the meeting without voting, as the first voter (or the organizer trying a slip) does.</summary>
    /// <returns>The size of the page in bytes.</returns>
    public static async Task<int> OpenAsync(Uri baseAddress, string code)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var response = await http.GetAsync($"/v/{code}");
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync(); File.WriteAllBytes("/tmp/ballot-page.html", bytes); return bytes.Length;
    }

    private static async Task VoteAsync(
        HttpClient http, string code, Random random, Dictionary<string, ConcurrentBag<(double At, double Ms)>> latencies, bool scripted, byte[] buffer)
    {
        if (scripted)
        {
            await VoteScriptedAsync(http, code, random, latencies, buffer);
            return;
        }

        var ballot = await SendAsync(http, new HttpRequestMessage(HttpMethod.Get, $"/v/{code}"), null, latencies[Open]);
        var cookie = string.Join("; ", ballot.Cookies);
        var reporters = GradeField().Matches(ballot.Html).Select(m => m.Groups[1].Value).Distinct().ToList();
        if (reporters.Count == 0)
        {
            throw new InvalidOperationException("The ballot page shows no reporters.");
        }

        var form = new List<KeyValuePair<string, string>> { new("Code", code), new("__RequestVerificationToken", Token(ballot.Html)) };
        form.AddRange(reporters.Select(r => new KeyValuePair<string, string>($"Grades[{r}]", Pick(random))));
        var review = await PostAsync(http, FormAction(ballot.Html, "Review"), form, cookie, latencies[Review]);
        if (!review.Html.Contains("请核对您的评价", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The review step did not appear.");
        }

        // Confirm posts what the review page carries in its hidden fields, as the browser does.
        var confirm = HiddenField().Matches(review.Html)
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Append(new("__RequestVerificationToken", Token(review.Html)))
            .ToList();
        var done = await PostAsync(http, FormAction(review.Html, "Submit"), confirm, cookie, latencies[Submit]);
        if (!done.Html.Contains("投票成功", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The ballot was not accepted.");
        }
    }

    /// <summary>
    /// A phone running the ballot's script: opens the ballot, and from the review step sends the form as it stands to
    /// the 确认提交 button's formaction (what ballot.js does). The page is read into the client's buffer and searched as
    /// UTF-8: read as a string it would be a large-object allocation per voter, and the load generator shares the cores
    /// with the app it measures.
    /// </summary>
    private static async Task VoteScriptedAsync(
        HttpClient http, string code, Random random, Dictionary<string, ConcurrentBag<(double At, double Ms)>> latencies, byte[] buffer)
    {
        var (ballot, cookie) = await OpenScriptedAsync(http, code, latencies[Open], buffer);
        await SubmitScriptedAsync(http, code, ballot, cookie, random, latencies[Scripted]);
    }

    private static async Task<(BallotForm Ballot, string Cookie)> OpenScriptedAsync(
        HttpClient http, string code, ConcurrentBag<(double At, double Ms)> latencies, byte[] buffer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v/{code}");
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var length = await ReadAllAsync(response, buffer);
        latencies.Add(Timed(started));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GET /v/{{code}}: {(int)response.StatusCode}");
        }

        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join("; ", values.Select(v => v.Split(';')[0])) : "";
        return (BallotForm.Parse(buffer.AsSpan(0, length)), cookie);
    }

    private static async Task SubmitScriptedAsync(
        HttpClient http, string code, BallotForm ballot, string cookie, Random random, ConcurrentBag<(double At, double Ms)> latencies)
    {
        var form = new List<KeyValuePair<string, string>>(ballot.Reporters.Count + 2) { new("Code", code), new("__RequestVerificationToken", ballot.Token) };
        form.AddRange(ballot.Reporters.Select(r => new KeyValuePair<string, string>($"Grades[{r}]", Pick(random))));
        var answer = await PostAsync(http, ballot.Action, form, cookie, latencies);
        if (!answer.Html.Contains("\"done\":true", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The ballot was not accepted.");
        }
    }

    /// <summary>
    /// The two requests of a scripted ballot measured apart (<c>split</c>): every voter opens the ballot, then every voter
    /// submits, so the CPU time of each can be read on its own.
    /// </summary>
    public static async Task<(LoadResult Opened, LoadResult Submitted)> RunSplitAsync(
        Uri baseAddress, IReadOnlyList<string> codes, int clients, Func<Func<Task<LoadResult>>, Task<LoadResult>> measure)
    {
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = clients };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var opened = new ConcurrentBag<(string Code, int Seed, BallotForm Ballot, string Cookie)>();
        var open = await measure(() => RunEachAsync(codes.Select((c, i) => (Code: c, Seed: i)), clients, [Open], async (voter, latencies, buffer) =>
        {
            var (ballot, cookie) = await OpenScriptedAsync(http, voter.Code, latencies[Open], buffer);
            opened.Add((voter.Code, voter.Seed, ballot, cookie));
        }));
        // A pause between the two, so a profiler can tell them apart.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var submit = await measure(() => RunEachAsync(opened, clients, [Scripted], (voter, latencies, _) =>
            SubmitScriptedAsync(http, voter.Code, voter.Ballot, voter.Cookie, new Random(voter.Seed), latencies[Scripted])));
        return (open, submit);
    }

    /// <summary>
    /// <paramref name="clients"/> clients take the work from one queue until it is empty, each with its own page buffer;
    /// the latencies of each step in <paramref name="steps"/> are kept apart, and every request is placed on the run's timeline.
    /// </summary>
    private static async Task<LoadResult> RunEachAsync<T>(
        IEnumerable<T> work, int clients, IReadOnlyList<string> steps, Func<T, Dictionary<string, ConcurrentBag<(double At, double Ms)>>, byte[], Task> run)
    {
        var queue = new ConcurrentQueue<T>(work);
        var latencies = steps.ToDictionary(s => s, _ => new ConcurrentBag<(double At, double Ms)>());
        var errors = new ConcurrentBag<string>();
        var succeeded = 0;
        var clock = Stopwatch.StartNew();
        _started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var buffer = new byte[PageBufferSize];
            while (queue.TryDequeue(out var item))
            {
                try
                {
                    await run(item, latencies, buffer);
                    Interlocked.Increment(ref succeeded);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    errors.Add(ex.Message);
                }
            }
        })));
        clock.Stop();
        return new LoadResult(succeeded, [.. errors], clock.Elapsed, latencies.ToDictionary(l => l.Key, l => new Latencies(l.Value.Select(r => r.Ms))))
        {
            Requests = [.. latencies.Values.SelectMany(l => l).OrderBy(r => r.At)],
        };
    }

    // When the run started, so each request can be placed on its timeline (one run at a time).
    private static long _started;

    private static (double At, double Ms) Timed(long started) =>
        (Stopwatch.GetElapsedTime(_started, started).TotalMilliseconds, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    // Each client reads every page into one buffer of its own: 200 clients renting from the shared pool overran it, and
    // each overflow was a new large-object array, collected only by full (gen2) collections.
    private const int PageBufferSize = 256 * 1024;

    private static async Task<int> ReadAllAsync(HttpResponseMessage response, byte[] buffer)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        var length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(length))) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                throw new InvalidOperationException("The ballot page is larger than the buffer.");
            }
        }

        return length;
    }

    /// <summary>What the script needs from the ballot page: the antiforgery token, where 确认提交 posts, and the reporters.</summary>
    private sealed record BallotForm(string Token, string Action, IReadOnlyList<string> Reporters)
    {
        public static BallotForm Parse(ReadOnlySpan<byte> html)
        {
            var token = Attribute(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\""u8) ?? throw new InvalidOperationException("No antiforgery token.");
            var confirm = html.IndexOf("data-ballot-confirm"u8);
            var action = confirm < 0 ? null : Attribute(html[html[..confirm].LastIndexOf("<button"u8)..], "formaction=\""u8);
            var reporters = new List<string>();
            var rest = html;
            int at;
            while ((at = rest.IndexOf("name=\"Grades["u8)) >= 0)
            {
                rest = rest[(at + "name=\"Grades["u8.Length)..];
                var id = Encoding.ASCII.GetString(rest[..36]);
                if (reporters.Count == 0 || reporters[^1] != id)
                {
                    reporters.Add(id);
                }
            }

            return reporters.Count == 0
                ? throw new InvalidOperationException("The ballot page shows no reporters.")
                : new BallotForm(token, action ?? throw new InvalidOperationException("No 确认提交 button for the script."), reporters);
        }

        private static string? Attribute(ReadOnlySpan<byte> html, ReadOnlySpan<byte> start)
        {
            var at = html.IndexOf(start);
            if (at < 0)
            {
                return null;
            }

            var value = html[(at + start.Length)..];
            return Encoding.UTF8.GetString(value[..value.IndexOf((byte)'"')]);
        }
    }

    private static string Pick(Random random)
    {
        var roll = random.Next(Marks.Sum(m => m.Weight));
        foreach (var (grade, weight) in Marks)
        {
            if (roll < weight)
            {
                return grade;
            }

            roll -= weight;
        }

        return Marks[0].Grade;
    }

    private static Task<(string Html, IReadOnlyList<string> Cookies)> PostAsync(
        HttpClient http, string action, List<KeyValuePair<string, string>> form, string cookie, ConcurrentBag<(double At, double Ms)> latencies)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(form) };
        return SendAsync(http, request, cookie, latencies);
    }

    private static async Task<(string Html, IReadOnlyList<string> Cookies)> SendAsync(
        HttpClient http, HttpRequestMessage request, string? cookie, ConcurrentBag<(double At, double Ms)> latencies)
    {
        using (request)
        {
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();
            latencies.Add(Timed(started));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new HttpRequestException($"{request.Method} {request.RequestUri}: {(int)response.StatusCode}");
            }

            var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]).ToList() : [];
            return (html, cookies);
        }
    }

    private static string Token(string html) =>
        TokenField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token.");

    private static string FormAction(string html, string handler) =>
        FormActions().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).FirstOrDefault(a => a.EndsWith("handler=" + handler, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No {handler} button.");

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex TokenField();

    [GeneratedRegex(@"name=""Grades\[([0-9a-f-]{36})\]""")]
    private static partial Regex GradeField();

    [GeneratedRegex(@"<input type=""hidden"" name=""([^""]+)"" value=""([^""]*)""")]
    private static partial Regex HiddenField();

    [GeneratedRegex(@"formaction=""([^""]+)""")]
    private static partial Regex FormActions();
}
