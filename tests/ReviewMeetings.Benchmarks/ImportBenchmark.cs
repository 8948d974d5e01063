using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Organizations.Import;

namespace ReviewMeetings.Benchmarks;

/// <summary>
/// The unit import at city scale (issue 18): a template file with <c>units</c> new units under 清河区, each with a
/// secretary and a new Secretary account, uploaded by the administrator through the real pages: the dry run (upload and
/// preview), the apply, then the same file again (which must change nothing).
/// <c>dotnet run -c Release --project tests/ReviewMeetings.Benchmarks -- import [units]</c>
/// </summary>
internal static partial class ImportBenchmark
{
    private const int Streets = 40;
    private const string District = "中共江州市委员会/中共清河区委员会";

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var units = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        Console.WriteLine($"ReviewMeetings import benchmark: {units} new units, secretaries and accounts; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        var connectionString = await BenchmarkDatabase.CreateAsync();
        await using var app = new BenchmarkApp(connectionString);
        app.Start();
        var file = await UnitImportTemplate.WriteAsync(Rows(units));
        Console.WriteLine($"Template file: {units} rows, {file.Length / 1024} KB.");

        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        await ResultsLoad.SignInAsync(http, "admin", "Qinghe@2025");

        // A small file first, so the JIT and the pools are warm before anything is measured.
        var warmUp = await UploadAsync(http, await UnitImportTemplate.WriteAsync(Rows(3)));
        await ApplyAsync(http, warmUp.Preview, warmUp.Id);
        var before = await CountAsync(app.Services);

        var first = await UploadAsync(http, file);
        Console.WriteLine($"Dry run:   upload and plan {first.Upload.TotalSeconds,6:0.0} s, preview page {first.PreviewTime.TotalSeconds,6:0.0} s, together {(first.Upload + first.PreviewTime).TotalSeconds,6:0.0} s ({first.Preview.Length / 1024} KB): {Summary(first.Preview)}");
        var applied = await ApplyAsync(http, first.Preview, first.Id);
        var after = await CountAsync(app.Services);
        Console.WriteLine($"Apply:     {applied.TotalSeconds,6:0.0} s: {after.Units - before.Units} units, {after.Users - before.Users} accounts, {after.Changes - before.Changes} history entries written");

        var again = await UploadAsync(http, file);
        var unchanged = await CountAsync(app.Services);
        var nothingToDo = again.Preview.Contains("确认导入</button>", StringComparison.Ordinal) && DisabledConfirm().IsMatch(again.Preview);
        Console.WriteLine($"Re-import: upload and plan {again.Upload.TotalSeconds,6:0.0} s, preview page {again.PreviewTime.TotalSeconds,6:0.0} s, together {(again.Upload + again.PreviewTime).TotalSeconds,6:0.0} s: {Summary(again.Preview)}; confirm button {(nothingToDo ? "disabled" : "ENABLED")}; database {(unchanged == after ? "unchanged" : "CHANGED")}");
        Console.WriteLine($"App process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB (benchmark client included)");
        return after.Units - before.Units == units && after.Users - before.Users == units && nothingToDo && unchanged == after ? 0 : 1;
    }

    /// <summary>Streets under 清河区 and branches under the streets, each with a secretary and a new account.</summary>
    private static List<IReadOnlyList<string>> Rows(int count)
    {
        var streets = Math.Min(Streets, count);
        var rows = new List<IReadOnlyList<string>>(count);
        var tag = count.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var isStreet = i < streets;
            var street = $"中共清河区第{(isStreet ? i : i % streets) + 1}片区街道工作委员会（{tag}）";
            var name = isStreet ? street : $"第{(i % streets) + 1}片区第{(i / streets) + 1}党支部（{tag}）";
            var type = isStreet ? OrganizationType.WorkingCommittee : OrganizationType.Branch;
            var category = isStreet ? OrganizationCategory.Street : i % 7 == 0 ? OrganizationCategory.NewOrganizations : OrganizationCategory.Community;
            rows.Add([
                $"QH{tag}-{i + 1:D5}", name, isStreet ? District : $"{District}/{street}", type.ChineseName(), category.ChineseName(),
                (i + 1).ToString(CultureInfo.InvariantCulture), $"书记{i + 1}", isStreet ? "街道党工委书记" : "党支部书记", $"139{i:D8}", $"city{tag}.{i + 1:D5}",
            ]);
        }

        return rows;
    }

    private static async Task<(Guid Id, string Preview, TimeSpan Upload, TimeSpan PreviewTime)> UploadAsync(HttpClient http, byte[] file)
    {
        var page = await http.GetStringAsync("/Organizations/Import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(ResultsLoad.Token().Match(page).Groups[1].Value), "__RequestVerificationToken");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(UnitImportTemplate.ContentType);
        form.Add(content, "file", "党组织批量导入.xlsx");
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/Organizations/Import", form);
        var upload = clock.Elapsed;
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var location = response.Headers.Location!.OriginalString;
        clock.Restart();
        var preview = await http.GetStringAsync(location);
        return (Guid.Parse(location[(location.LastIndexOf('/') + 1)..]), preview, upload, clock.Elapsed);
    }

    private static async Task<TimeSpan> ApplyAsync(HttpClient http, string preview, Guid id)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ResultsLoad.Token().Match(preview).Groups[1].Value,
            ["fingerprint"] = Fingerprint().Match(preview).Groups[1].Value,
        });
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync($"/Organizations/Import/Preview/{id}", form);
        var elapsed = clock.Elapsed;
        var result = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode != HttpStatusCode.Redirect || !result.Contains("/Result", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The apply answered {(int)response.StatusCode} {result}.");
        }

        return elapsed;
    }

    private static async Task<(int Units, int Users, int Changes)> CountAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Organizations.CountAsync(), await db.Users.CountAsync(), await db.OrganizationChanges.CountAsync());
    }

    private static string Summary(string preview) =>
        string.Join("，", SummaryItem().Matches(preview).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}"));

    [GeneratedRegex(@"name=""fingerprint"" value=""([^""]+)""")]
    private static partial Regex Fingerprint();

    [GeneratedRegex(@"disabled=""disabled"">确认导入</button>")]
    private static partial Regex DisabledConfirm();

    [GeneratedRegex(@"([^\s>]+) <strong data-count=""\w+"">(\d+)</strong>")]
    private static partial Regex SummaryItem();
}
