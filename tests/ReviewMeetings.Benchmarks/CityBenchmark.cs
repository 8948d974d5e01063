using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Benchmarks;

/// <summary>
/// A whole city's units (issue 18): 5,000 more units with secretaries and Secretary accounts under 清河区, then the
/// pages that grow with them, one request at a time (warm) and under 50 concurrent clients (docs/performance.md).
/// <c>dotnet run -c Release --project tests/ReviewMeetings.Benchmarks -- city [units [seconds]]</c>
/// </summary>
internal static class CityBenchmark
{
    private const int Streets = 40;
    private const int WarmUp = 5;
    private const int Sequential = 30;
    private const int Clients = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var units = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        Console.WriteLine($"ReviewMeetings city benchmark: {units} more units, secretaries and accounts; {Clients} clients for {seconds} s; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        var connectionString = await BenchmarkDatabase.CreateAsync();
        await using var app = new BenchmarkApp(connectionString);
        app.Start();
        var seeding = Stopwatch.StartNew();
        var total = await SeedAsync(app.Services, units);
        var held = await Seeding.VotingMeetingAsync(app.Services, "清河区2025年度党组织书记抓基层党建工作述职评议会议", 40, 200);
        var draft = await DraftMeetingAsync(app.Services);
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0.0} s: {total} units in all, {units} Secretary accounts; a 40-reporter meeting in voting and a draft.");

        using var admin = await SignedInAsync(app.BaseAddress, "admin");
        using var organizer = await SignedInAsync(app.BaseAddress, "organizer");
        var pages = new (string Name, HttpClient Client, string Url)[]
        {
            ("Dashboard (organizer)", organizer, "/"),
            ("Unit tree (admin, whole city)", admin, "/Organizations"),
            ("Unit tree (organizer, 清河区)", organizer, "/Organizations"),
            ("Users (admin)", admin, "/Admin/Users"),
            ("Reporter picker of a draft (organizer)", organizer, $"/Meetings/Reporters/{draft}"),
            ("Coverage (organizer)", organizer, $"/Meetings/Coverage/{held.Id}"),
        };

        Console.WriteLine();
        Console.WriteLine($"Sequential, warm ({WarmUp} warm-up, {Sequential} measured):");
        foreach (var (name, client, url) in pages)
        {
            var (times, bytes) = await SequentialAsync(client, url);
            Console.WriteLine($"  {name,-42} {url,-60} p50 {times.Median,6:0} ms  p95 {times.Percentile(95),6:0} ms  max {times.Max,6:0} ms  {bytes / 1024,6} KB");
        }

        Console.WriteLine($"  App process working set now {Environment.WorkingSet / 1048576} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB (benchmark client included)");

        Console.WriteLine();
        Console.WriteLine($"{Clients} concurrent clients signed in as the organizer, no think time, {seconds} s each:");
        foreach (var (name, url) in new[]
                 {
                     ("Dashboard", "/"),
                     ("Unit tree", "/Organizations"),
                     ("Rectification ledger", "/Rectification/Ledger"),
                     ("Meeting overview", $"/Meetings/Details/{held.Id}"),
                 })
        {
            var (times, errors, rate) = await ConcurrentAsync(app.BaseAddress, url, TimeSpan.FromSeconds(seconds));
            Console.WriteLine($"  {name,-22} {rate,6:0} requests/s  p50 {times.Median,6:0} ms  p95 {times.Percentile(95),6:0} ms  max {times.Max,6:0} ms  errors {errors}");
        }

        Console.WriteLine($"  App process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB (benchmark client included)");
        return 0;
    }

    /// <summary>
    /// Adds <paramref name="count"/> units under 清河区: <see cref="Streets"/> street committees and branches under them,
    /// each with a secretary linked to a Secretary account of its own (one password hash shared, to keep seeding fast).
    /// </summary>
    private static async Task<int> SeedAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var host = await db.Organizations.SingleAsync(o => o.Name == "中共清河区委员会");
        var role = await db.Roles.SingleAsync(r => r.Name == RoleNames.Secretary);
        var hash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>().HashPassword(new AppUser(), "Qinghe@2025city");
        var now = DateTimeOffset.UtcNow;
        var streets = Enumerable.Range(1, Streets)
            .Select(i => Organization.CreateChild(host, $"中共清河区第{i}片区街道工作委员会", OrganizationType.WorkingCommittee, OrganizationCategory.Street))
            .ToList();
        var created = new List<Organization>(streets);
        for (var i = 0; created.Count < count; i++)
        {
            var street = streets[i % Streets];
            created.Add(Organization.CreateChild(street, $"{street.Name[..^6]}第{(i / Streets) + 1}党支部", OrganizationType.Branch, i % 7 == 0 ? OrganizationCategory.NewOrganizations : OrganizationCategory.Community));
        }

        // Units, then their accounts, then the secretaries that point to both: each save a valid order for the foreign keys.
        db.Organizations.AddRange(created);
        await db.SaveChangesAsync();
        var users = new List<AppUser>();
        foreach (var (unit, index) in created.Select((u, i) => (u, i)))
        {
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = $"city{index + 1:D5}",
                NormalizedUserName = $"CITY{index + 1:D5}",
                DisplayName = $"书记{index + 1}",
                OrganizationId = unit.Id,
                CreatedAt = now,
                PasswordChangedAt = now,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            };
            users.Add(user);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
        }

        await db.SaveChangesAsync();
        foreach (var ((unit, user), index) in created.Zip(users).Select((pair, i) => (pair, i)))
        {
            unit.AssignSecretary(Secretary.Create(user.DisplayName, unit.Type == OrganizationType.Branch ? "党支部书记" : "街道党工委书记", $"139{index:D8}", user.Id));
        }

        await db.SaveChangesAsync();
        return await db.Organizations.CountAsync();
    }

    private static async Task<Guid> DraftMeetingAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var host = await db.Organizations.SingleAsync(o => o.Name == "中共清河区委员会");
        var organizer = await db.Users.SingleAsync(u => u.UserName == "organizer");
        var now = DateTimeOffset.UtcNow;
        var meeting = Meeting.Create(host.Id, "清河区2026年度党组织书记抓基层党建工作述职评议会议", now.Year, organizer.Id, now);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting.Id;
    }

    private static async Task<HttpClient> SignedInAsync(Uri baseAddress, string userName)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = Clients };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        await ResultsLoad.SignInAsync(http, userName, "Qinghe@2025");
        return http;
    }

    private static async Task<(Latencies Times, long Bytes)> SequentialAsync(HttpClient http, string url)
    {
        var times = new List<double>();
        long bytes = 0;
        for (var i = 0; i < WarmUp + Sequential; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}.");
            }

            if (i >= WarmUp)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
                bytes = body.Length;
            }
        }

        return (new Latencies(times), bytes);
    }

    private static async Task<(Latencies Times, int Errors, double Rate)> ConcurrentAsync(Uri baseAddress, string url, TimeSpan duration)
    {
        using var http = await SignedInAsync(baseAddress, "organizer");
        // A short warm-up at full concurrency, so the pools and the JIT are ready.
        await RunClientsAsync(http, url, TimeSpan.FromSeconds(3));
        return await RunClientsAsync(http, url, duration);
    }

    private static async Task<(Latencies Times, int Errors, double Rate)> RunClientsAsync(HttpClient http, string url, TimeSpan duration)
    {
        var times = new System.Collections.Concurrent.ConcurrentBag<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                try
                {
                    using var response = await http.GetAsync(url);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }

                times.Add((clock.Elapsed - started).TotalMilliseconds);
            }
        }));
        return (new Latencies(times), errors, times.Count / clock.Elapsed.TotalSeconds);
    }
}
