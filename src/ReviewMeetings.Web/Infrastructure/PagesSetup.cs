using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Identity;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Infrastructure;

internal static class PagesSetup
{
    public static WebApplicationBuilder AddAppPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        // Emit Chinese as characters rather than &#x…; entities: smaller pages, readable source.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages().AddMvcOptions(LocalizationSetup.UseChineseMessages);
        builder.Services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, AppClaimsFactory>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<MeetingAccess>();
        builder.Services.AddScoped<MeetingSaver>();
        return builder;
    }

    public static WebApplication UseAppPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.Use(SecurityHeaders);
        app.UseAppRequestLogging();
        app.UseAppLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapAppHealthChecks();
        return app;
    }

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.ContentSecurityPolicy =
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
            "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        return next();
    }
}
