using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Benchmarks;

/// <summary>
/// Ballot submission and results benchmark (docs/performance.md). Not a test: scripts/test.sh never runs it.
/// <c>dotnet run -c Release --project tests/ReviewMeetings.Benchmarks [-- [ballots clients] [no-script | split]]</c>
/// </summary>
internal static class Benchmark
{
    private const int Reporters = 40;
    private const int ResultsRequests = 30;
    private const int WarmUpBallots = 2000;
    private const int WarmUpRounds = 5;

    public static async Task<int> Main(string[] args)
    {
        if (args is ["pdf", .. var rest])
        {
            return await PdfBenchmark.RunAsync(rest);
        }

        if (args is ["import", .. var importArgs])
        {
            return await ImportBenchmark.RunAsync(importArgs);
        }

        if (args is ["city", .. var cityArgs])
        {
            return await CityBenchmark.RunAsync(cityArgs);
        }

        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the working directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        // Phones run the ballot's script; "no-script" measures the page's three-request flow instead.
        var scripted = !args.Contains("no-script");
        var numbers = args.Where(a => a is not ("no-script" or "split")).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList();
        var ballots = numbers.Count > 0 ? numbers[0] : 2000;
        var clients = numbers.Count > 1 ? numbers[1] : 200;
        Console.WriteLine($"ReviewMeetings benchmark: {Reporters} reporters, {ballots} ballots, {clients} concurrent clients, {(scripted ? "with" : "without")} the ballot's script, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        var connectionString = await BenchmarkDatabase.CreateAsync();
        var meter = new CpuMeter(new NpgsqlConnectionStringBuilder(connectionString).Database!);
        await using var app = new BenchmarkApp(connectionString);
        app.Start();
        var voting = await Seeding.VotingMeetingAsync(app.Services, "清河区书记抓基层党建工作述职评议会（网络投票）", Reporters, ballots);
        var floor = await Seeding.VotingMeetingAsync(app.Services, "清河区书记抓基层党建工作述职评议会（直接写入）", Reporters, ballots);
        var warmUp = await Seeding.VotingMeetingAsync(app.Services, "清河区书记抓基层党建工作述职评议会（预热）", Reporters, WarmUpBallots);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        // The floor again with the connection settings the app's voting uses (few connections, multiplexed): PostgreSQL
        // does the same work faster with fewer busy server processes, so this is the stricter floor.
        await using var votingDataSource = NpgsqlDataSource.Create(VotingDataSource.Settings(app.Services.GetRequiredService<IConfiguration>()));
        Console.WriteLine($"App on {app.BaseAddress}; seeded meetings with {ballots}, {ballots} and {WarmUpBallots} codes.");

        // Warm-up before measuring, so the JIT reaches its optimised tier and the pools fill, as in a server that has
        // been up for a while. Several rounds with a pause after each: with tiered PGO a hot method is first recompiled
        // with instrumentation and only reaches its final tier after more calls, which the later rounds make.
        var warmed = 0;
        var warmErrors = 0;
        var settled = new List<string>();
        foreach (var round in warmUp.Codes.Chunk(WarmUpBallots / WarmUpRounds))
        {
            // As many clients as the measured run: more concurrent requests than in the warm-up means more pooled
            // contexts and connections are made during the measured run, and that code is then compiled there.
            var warm = await VotingLoad.RunAsync(app.BaseAddress, round, Math.Min(clients, round.Length), scripted);
            (warmed, warmErrors) = (warmed + warm.Succeeded, warmErrors + warm.Errors.Count);
            settled.Add(await JitSettledAsync());
        }

        // The direct inserts and the CPU meter are warmed too, and the JIT left to settle once more, so the measured voting
        // does not pay for compiling the benchmark's own code (it did: about a thousand methods).
        // The measured meeting's ballot is opened once, as its first voter or the organizer trying a slip would: loading
        // and rendering a meeting for the first time is per meeting, not per ballot.
        var warmDirect = await MeasureAsync(meter, () => DirectInsert.InsertsAsync(dataSource, warmUp, clients));
        await DirectInsert.InsertsAsync(votingDataSource, warmUp, clients);
        var pageSize = await VotingLoad.OpenAsync(app.BaseAddress, voting.Codes[0]);
        settled.Add(await JitSettledAsync());
        Console.WriteLine($"Warm-up: {warmed} + {warmDirect.Succeeded} ballots, {warmErrors + warmDirect.Errors.Count} errors; JIT settled after each round in {string.Join(", ", settled)}.");
        Console.WriteLine($"The ballot page of {Reporters} reporters: {pageSize / 1024} KB.");
        Console.WriteLine($"Load average before: {LoadAverage()}");

        if (args.Contains("split"))
        {
            var (opened, submitted) = await VotingLoad.RunSplitAsync(app.BaseAddress, voting.Codes, clients, run => MeasureAsync(meter, run));
            foreach (var part in new[] { opened, submitted })
            {
                var (step, latencies) = part.Steps.Single();
                Console.WriteLine($"{step}: {part.Succeeded} ok, {part.Errors.Count} errors, {part.BallotsPerSecond:0}/s; CPU {part.CpuMsPerBallot(c => c.Process):0.00} ms .NET + {part.CpuMsPerBallot(c => c.Database):0.00} ms PostgreSQL; {part.AllocatedBytes / 1024 / part.Succeeded} KB allocated each; p50 {latencies.Median:0} ms, p99 {latencies.Percentile(99):0} ms");
            }

            return 0;
        }

        var jitBefore = (Methods: System.Runtime.JitInfo.GetCompiledMethodCount(), Time: System.Runtime.JitInfo.GetCompilationTime());
        var gcBefore = (Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2), Bytes: GC.GetTotalAllocatedBytes(), Paused: GC.GetTotalPauseDuration());
        var http = await MeasureAsync(meter, () => VotingLoad.RunAsync(app.BaseAddress, voting.Codes, clients, scripted));
        Console.WriteLine($"JIT during the measured voting: {System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore.Methods} methods, {(System.Runtime.JitInfo.GetCompilationTime() - jitBefore.Time).TotalSeconds:0.0} s");
        Console.WriteLine($"GC during the measured voting (app and load generator): {(GC.GetTotalAllocatedBytes() - gcBefore.Bytes) / 1024 / ballots} KB allocated per ballot; " +
            $"collections gen0 {GC.CollectionCount(0) - gcBefore.Gen0}, gen1 {GC.CollectionCount(1) - gcBefore.Gen1}, gen2 {GC.CollectionCount(2) - gcBefore.Gen2}; paused {(GC.GetTotalPauseDuration() - gcBefore.Paused).TotalMilliseconds:0} ms");
        await using (var count = dataSource.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'"))
        {
            Console.WriteLine($"Connections to the database after the measured voting (app, benchmark): {await count.ExecuteScalarAsync()}");
        }

        var received = await BenchmarkDatabase.ReceivedAsync(dataSource, voting.Id);
        Console.WriteLine($"Received after the measured voting: {received} ({await BenchmarkDatabase.BallotsAsync(dataSource, voting.Id)} mixed in batches, {await BenchmarkDatabase.WaitingAsync(dataSource, voting.Id)} waiting in the inbox)");
        var sealing = await SealAsync(app.Services, voting.Id);
        var stored = await BenchmarkDatabase.BallotsAsync(dataSource, voting.Id);
        Console.WriteLine($"Closing voting: {stored} ballots sealed (one shuffled rewrite) and compacted (VACUUM FULL) in {sealing.TotalMilliseconds:0} ms; {await BenchmarkDatabase.WaitingAsync(dataSource, voting.Id)} left waiting");
        var usedCodes = await BenchmarkDatabase.UsedCodesAsync(dataSource, voting.Id);
        var inserts = await MeasureAsync(meter, () => DirectInsert.InsertsAsync(dataSource, floor, clients));
        var votingInserts = await MeasureAsync(meter, () => DirectInsert.InsertsAsync(votingDataSource, floor, clients));
        var transactions = await MeasureAsync(meter, () => DirectInsert.TransactionsAsync(dataSource, floor, clients));
        var (resultsPage, excel, afterNewBallot) = await ResultsLoad.RunAsync(
            app.BaseAddress, meter, voting.Id, Reporters, stored, ResultsRequests, seed => DirectInsert.AddOneAsync(dataSource, voting, seed));
        Console.WriteLine($"Load average after:  {LoadAverage()}");

        return Report.Print(ballots, clients, scripted, http, stored, usedCodes, inserts, votingInserts, transactions, resultsPage, excel, afterNewBallot) ? 0 : 1;
    }

    /// <summary>Closes voting as staff do and times the seal and the compaction that follows it (ADR 0011).</summary>
    private static async Task<TimeSpan> SealAsync(IServiceProvider services, Guid meetingId)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId);
            meeting.CloseVoting(Guid.NewGuid(), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await services.GetRequiredService<BallotMixer>().SettleAsync(meetingId, CancellationToken.None);
        return clock.Elapsed;
    }

    private static async Task<LoadResult> MeasureAsync(CpuMeter meter, Func<Task<LoadResult>> run)
    {
        var before = meter.Now();
        var allocated = GC.GetTotalAllocatedBytes();
        var result = await run();
        return result with { Cpu = meter.Now() - before, AllocatedBytes = GC.GetTotalAllocatedBytes() - allocated };
    }

    // Under load the JIT's background thread falls behind: methods the warm-up made hot are still queued for their
    // optimised tier when it ends. A server that has been up for a while has compiled them, so wait until it has.
    private static async Task<string> JitSettledAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var count = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now == count)
            {
                return $"{clock.Elapsed.TotalSeconds:0} s";
            }

            count = now;
        }

        return "not within 60 s";
    }

    // Other work on the machine stretches every wall-clock number; the report says how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
