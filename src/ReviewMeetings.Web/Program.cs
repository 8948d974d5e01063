using ReviewMeetings.Web.Infrastructure;
using Serilog;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddAppLogging();
    builder.AddAppDatabase();
    builder.AddAppIdentity();
    builder.AddAppPages();
    builder.AddVoting();
    builder.AddRealTime();
    builder.AddDocuments();
    builder.AddStartupOptions();

    var app = builder.Build();
    app.UseAppPipeline();
    if (await StartupTasks.RunAsync(app, args))
    {
        return 0;
    }

    await app.RunAsync();
    return 0;
}
catch (MissingConnectionStringException ex)
{
    // One clear line instead of a stack trace: the operator only needs to set the connection string.
    using var logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateLogger();
    logger.Fatal("Cannot start: {Reason}", ex.Message);
    return 1;
}

/// <summary>Entry point; public so the tests' WebApplicationFactory can find it.</summary>
public partial class Program;
