using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReviewMeetings.Web.Documents;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>The real app on its own database, in the "Testing" environment (no developer exception page).</summary>
internal sealed class AppFactory(
    string connectionString,
    bool prepareDatabase = false,
    IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    static AppFactory()
    {
        // Each test host would otherwise hold inotify instances (appsettings reload, static file watching), and the
        // per-user limit (often 128) runs out when many test classes run their hosts at once.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    /// <summary>The tests' voting secret (<c>Voting:SecretKey</c>): 32 bytes in base64, like a real one.</summary>
    public const string VotingSecret = "dGVzdHMgb25seTogbm90IGEgcmVhbCB2b3Rpbmcga2V5IQ==";

    /// <summary>
    /// PBKDF2 iterations of the password hashes the test apps make (the demo accounts in the template database included).
    /// Identity's 100,000 made every sign-in cost about 0.1 s of CPU, a tenth of a page test's; the count is stored in each
    /// hash, so verifying works the same way. <c>PasswordHashingTests</c> checks that the app itself keeps the full count.
    /// </summary>
    public const int TestPasswordIterations = 1_000;

    private readonly List<Action<IServiceCollection>> _moreServices = [];

    /// <summary>
    /// One PDF renderer (and so one Chromium with its warm pages) for every app in the test run that does not set
    /// <c>Pdf:</c> options of its own: an app of its own would start a browser and load the CJK fonts into a fresh page
    /// for each test that prints. Not disposed by the hosts; it closes its browser when idle and ends with the process.
    /// </summary>
    private static readonly Lazy<PdfRenderer> SharedPdfRenderer =
        new(() => new PdfRenderer(Options.Create(new PdfOptions()), NullLogger<PdfRenderer>.Instance));

    public string ConnectionString { get; } = connectionString;

    /// <summary>Whether the app gets its own PDF renderer, for tests that count the renders it starts; set before the host starts.</summary>
    public bool OwnPdfRenderer { get; set; }

    /// <summary>Whether the app hashes passwords with its own work factor rather than <see cref="TestPasswordIterations"/>; set before the host starts.</summary>
    public bool ProductionPasswordHashing { get; set; }

    /// <summary>Adds test services to whatever the creator configured; call before the host starts.</summary>
    public void AddTestServices(Action<IServiceCollection> configure) => _moreServices.Add(configure);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", prepareDatabase ? "true" : "false");
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("Voting:SecretKey", VotingSecret);
        // Tests arrange their own meetings; the demo tree and accounts are the shared baseline.
        builder.UseSetting("DemoData:Meetings", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(Path.GetTempPath(), "reviewmeetings-tests", "logs", "app-.log"));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, ClientAddress>());
        if (!ProductionPasswordHashing)
        {
            builder.ConfigureTestServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations));
        }

        var pdfConfigured = settings?.Keys.Any(k => k.StartsWith("Pdf:", StringComparison.Ordinal)) == true
            || Environment.GetEnvironmentVariables().Keys.OfType<string>().Any(k => k.StartsWith("Pdf__", StringComparison.OrdinalIgnoreCase));
        if (!OwnPdfRenderer && !pdfConfigured)
        {
            builder.ConfigureTestServices(s => s.AddSingleton(SharedPdfRenderer.Value));
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }

        foreach (var configure in _moreServices)
        {
            builder.ConfigureTestServices(configure);
        }
    }
}
