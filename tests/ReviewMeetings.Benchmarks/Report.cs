namespace ReviewMeetings.Benchmarks;

/// <summary>The numbers for docs/performance.md, and whether the issue's targets were met.</summary>
internal static class Report
{
    private const double P99TargetMs = 300;
    private const double FloorShareTarget = 1.0 / 3;
    private const double ResultsMedianTargetMs = 150;

    public static bool Print(
        int ballots, int clients, bool scripted, LoadResult http, int stored, int usedCodes, LoadResult inserts, LoadResult votingInserts, LoadResult transactions, PageTimes results, PageTimes excel,
        PageTimes afterNewBallot)
    {
        var all = new Latencies(http.Steps.Values.SelectMany(l => l.Values));
        var worstP99 = http.Steps.Values.Max(l => l.Percentile(99));
        // The issue's floor: one INSERT per ballot with Npgsql as it comes. The second floor, with the connection settings
        // the app's voting uses, is reported beside it (docs/performance.md).
        var share = http.BallotsPerSecond / inserts.BallotsPerSecond;
        var cpuShare = http.CpuBoundBallotsPerSecond / inserts.CpuBoundBallotsPerSecond;
        Line();
        var requests = scripted ? "GET /v/{code} + POST /v/ballot (the ballot's script)" : "GET /v/{code} + POST review + POST submit (no script)";
        Line($"HTTP voting on Kestrel: {ballots} voters, each {requests}, {clients} at a time");
        Line($"  ballots accepted {http.Succeeded}, errors {http.Errors.Count}, ballots stored {stored}, codes used {usedCodes}");
        Throughput(http);
        Line($"  {"latency (ms)",-16}{"p50",8}{"p95",8}{"p99",8}{"max",8}");
        foreach (var (step, latencies) in http.Steps.Append(new("all requests", all)))
        {
            Line($"  {step,-16}{latencies.Median,8:0.0}{latencies.Percentile(95),8:0.0}{latencies.Percentile(99),8:0.0}{latencies.Max,8:0.0}");
        }

        Timeline(http, all.Percentile(99));
        foreach (var error in http.Errors.Distinct().Take(5))
        {
            Line($"  error: {error}");
        }

        Line($"Direct Npgsql, {clients} at a time");
        Line($"  INSERT per ballot (the floor), Npgsql's defaults (up to 100 connections): errors {inserts.Errors.Count}, p50 {inserts.Steps["ballot"].Median:0.0} ms, p99 {inserts.Steps["ballot"].Percentile(99):0.0} ms");
        Throughput(inserts);
        Line($"  INSERT per ballot, the app's voting connections (multiplexed on {ReviewMeetings.Web.Data.VotingDataSource.DefaultConnections}): errors {votingInserts.Errors.Count}, p50 {votingInserts.Steps["ballot"].Median:0.0} ms, p99 {votingInserts.Steps["ballot"].Percentile(99):0.0} ms");
        Throughput(votingInserts);
        Line($"  UPDATE code + INSERT in one transaction: errors {transactions.Errors.Count}, p50 {transactions.Steps["ballot"].Median:0.0} ms, p99 {transactions.Steps["ballot"].Percentile(99):0.0} ms");
        Throughput(transactions);
        Line($"  HTTP / INSERT: {share:0.00} measured, {cpuShare:0.00} by CPU time; HTTP / transaction: {http.BallotsPerSecond / transactions.BallotsPerSecond:0.00} measured");
        Line($"  HTTP / INSERT on the voting connections: {http.BallotsPerSecond / votingInserts.BallotsPerSecond:0.00} measured, {http.CpuBoundBallotsPerSecond / votingInserts.CpuBoundBallotsPerSecond:0.00} by CPU time");
        Line($"Results page, {stored} ballots, organizer, {results.Latencies.Count} sequential warm requests; the first view after voting took {results.FirstView.TotalMilliseconds:0} ms");
        Line("  refreshed with no new ballots");
        Page(results);
        Line("  with one more ballot stored before each request");
        Page(afterNewBallot);
        Line("Excel export of the same results");
        Page(excel);

        Line("Targets (wall clock)");
        var met = new[]
        {
            Target("no errors, no lost ballots", http.Errors.Count == 0 && stored == ballots && usedCodes == ballots, $"{http.Errors.Count} errors, {ballots - stored} lost"),
            Target($"p99 < {P99TargetMs} ms for every request", worstP99 < P99TargetMs, $"worst p99 {worstP99:0.0} ms"),
            Target("at least 1/3 of direct INSERT throughput", share >= FloorShareTarget, $"{share:0.00}; by CPU time {cpuShare:0.00}"),
            Target(
                $"results median < {ResultsMedianTargetMs} ms, refreshed and with new ballots",
                Math.Max(results.Latencies.Median, afterNewBallot.Latencies.Median) < ResultsMedianTargetMs,
                $"{results.Latencies.Median:0.0} ms refreshed, {afterNewBallot.Latencies.Median:0.0} ms with new ballots"),
        };
        return met.All(m => m);
    }

    /// <summary>
    /// When the slowest requests were sent: in windows of a tenth of the run, how many requests were sent, their median
    /// and how many of them took longer than the p99 of all. A stall (a GC, the JIT, the machine) shows as one window.
    /// </summary>
    private static void Timeline(LoadResult run, double p99)
    {
        var window = run.Elapsed.TotalMilliseconds / 10;
        var windows = run.Requests.GroupBy(r => Math.Min(9, (int)(r.At / window))).OrderBy(g => g.Key)
            .Select(g => $"{g.Key * window / 1000:0.00} s: {g.Count()} sent, p50 {new Latencies(g.Select(r => r.Ms)).Median:0}, {g.Count(r => r.Ms > p99)} slow");
        Line($"  timeline (slow: over {p99:0} ms): {string.Join("; ", windows)}");
    }

    private static void Throughput(LoadResult run) =>
        Line($"  {run.BallotsPerSecond,6:0} ballots/s measured ({run.Elapsed.TotalSeconds:0.0} s); CPU per ballot {run.CpuMsPerBallot(c => c.Process):0.00} ms .NET + {run.CpuMsPerBallot(c => c.Database):0.00} ms PostgreSQL = {run.CpuBoundBallotsPerSecond:0} ballots/s on {Environment.ProcessorCount} idle cores");

    private static void Page(PageTimes page) =>
        Line($"  median {page.Latencies.Median:0.0} ms, p95 {page.Latencies.Percentile(95):0.0} ms, max {page.Latencies.Max:0.0} ms; CPU per request {page.CpuPerRequest.Process.TotalMilliseconds:0.0} ms .NET + {page.CpuPerRequest.Database.TotalMilliseconds:0.0} ms PostgreSQL");

    private static bool Target(string name, bool met, string measured)
    {
        Line($"  {(met ? "met   " : "MISSED")} {name} ({measured})");
        return met;
    }

    private static void Line(string text = "") => Console.WriteLine(text);
}
