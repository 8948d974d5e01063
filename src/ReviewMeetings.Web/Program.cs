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
catch (Exception ex) when (ex is MissingConnectionStringException or ReviewMeetings.Web.Pages.Vote.MissingVotingKeyException)
{
    // One clear line instead of a stack trace: the operator only needs to set the connection string or the voting secret.
    using var logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateLogger();
    logger.Fatal("Cannot start: {Reason}", ex.Message);
    return 1;
}

/// <summary>Entry point; public so the tests' WebApplicationFactory can find it.</summary>
public partial class Program;
