using ReviewMeetings.Web.Documents;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>PDF documents: Razor templates rendered to HTML, printed by one shared headless Chromium.</summary>
internal static class DocumentsSetup
{
    public static WebApplicationBuilder AddDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PdfOptions>(builder.Configuration.GetSection("Pdf"));
        builder.Services.AddSingleton<PdfRenderer>();
        builder.Services.AddScoped<DocumentHtml>();
        builder.Services.AddScoped<DocumentExport>();
        builder.Services.AddHealthChecks().AddCheck<PdfHealthCheck>("pdf", tags: [HealthSetup.ReadyTag]);
        return builder;
    }
}
