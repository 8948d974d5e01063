using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.WebEncoders;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Meetings;
using ReviewMeetings.Web.Pages.Rectification;
using ReviewMeetings.Web.Pages.Reports;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Web.Infrastructure;

internal static class PagesSetup
{
    public static WebApplicationBuilder AddAppPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        // Emit Chinese as characters rather than &#x…; entities: smaller pages, readable source.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages(options => options.Conventions.AddPageRoute("/Vote/Index", "v/{code?}"))
            .AddMvcOptions(LocalizationSetup.UseChineseMessages);
        builder.Services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, AppClaimsFactory>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<MeetingAccess>();
        builder.Services.AddScoped<MeetingSaver>();
        builder.Services.AddScoped<Saver>();
        builder.Services.AddScoped<Pages.Organizations.Import.UnitImports>();
        builder.Services.AddScoped<ReportAccess>();
        builder.Services.AddSingleton<ReportFiles>();
        builder.Services.AddScoped<RectificationAccess>();
        builder.Services.AddSingleton<ProblemCategories>();
        builder.Services.AddSingleton<EvidenceFiles>();
        // Other requests may be a little larger than the largest file; signed-in uploads are read by UploadForms, which
        // keeps the typed fields of any size of upload so an oversized file gets its message next to the field.
        var uploadLimit = FileLimit(builder.Configuration) + 2 * 1024L * 1024L;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = uploadLimit;
        });
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = uploadLimit);
        return builder;
    }

    public static WebApplication UseAppPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                // A body over the size limit (413) or a form past its limits, e.g. more than 1,024 fields (400), is the
                // client's error, not ours: it gets its status page and no error with a stack trace in the log.
                StatusCodeSelector = exception => exception switch
                {
                    BadHttpRequestException bad => bad.StatusCode,
                    InvalidDataException or Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException { InnerException: InvalidDataException } => StatusCodes.Status400BadRequest,
                    _ => StatusCodes.Status500InternalServerError,
                },
                SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException or InvalidDataException
                    or Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException { InnerException: InvalidDataException },
            });
        }

        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.Use(SecurityHeaders);
        app.UseAppRequestLogging();
        app.UseAppLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseUploadForms(FileLimit(app.Configuration));
        app.MapRazorPages();
        app.MapBallotSubmission();
        app.MapAppHealthChecks();
        app.MapRealTime();
        return app;
    }

    private static long FileLimit(IConfiguration configuration) =>
        Math.Max(Math.Max(ReportFiles.MaxBytesIn(configuration), EvidenceFiles.MaxBytesIn(configuration)), Pages.Organizations.Import.UnitImportFile.MaxBytesIn(configuration));

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        // No page uses these; the phone ballot's QR code is read by the phone's own camera app, never by a page.
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), " +
            "display-capture=()";
        headers.ContentSecurityPolicy =
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
            "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        return next();
    }
}
