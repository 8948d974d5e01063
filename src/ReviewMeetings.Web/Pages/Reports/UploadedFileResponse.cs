using Microsoft.Net.Http.Headers;

namespace ReviewMeetings.Web.Pages.Reports;

/// <summary>
/// Headers for sending an uploaded file back. Files download as attachments in a sandbox, so even a file that slipped
/// past the upload checks can neither run script nor reach our cookies; only PDFs (our report page frames them) and
/// evidence photos open in the browser.
/// </summary>
public static class UploadedFileResponse
{
    public const string SandboxPolicy = "sandbox; default-src 'none'; frame-ancestors 'none'";

    /// <summary>An image document needs its own picture and the browser's inline styling, nothing more.</summary>
    public const string ImagePolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    /// <summary>No sandbox here: Chromium refuses to show a PDF in a sandboxed document. PDFs with scripts are refused at upload.</summary>
    public const string PdfPolicy = "default-src 'none'; frame-ancestors 'self'; object-src 'self'; plugin-types application/pdf";

    public static void Apply(HttpResponse response, string fileName, string contentType, bool inline)
    {
        ArgumentNullException.ThrowIfNull(response);
        var isPdf = contentType == UploadedDocument.PdfType;
        var isImage = contentType.StartsWith("image/", StringComparison.Ordinal);
        var showInline = inline && (isPdf || isImage);
        var disposition = new ContentDispositionHeaderValue(showInline ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, no-store";
        if (showInline && isPdf)
        {
            // Our own report page embeds the PDF; nothing else may frame it.
            response.Headers.XFrameOptions = "SAMEORIGIN";
            response.Headers.ContentSecurityPolicy = PdfPolicy;
        }
        else
        {
            response.Headers.XFrameOptions = "DENY";
            response.Headers.ContentSecurityPolicy = showInline ? ImagePolicy : SandboxPolicy;
        }
    }
}
