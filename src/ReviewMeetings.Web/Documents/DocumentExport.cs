using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReviewMeetings.Web.Documents;

/// <summary>
/// What an export button does: the document as a print preview, or as a PDF download with a meaningful Chinese file
/// name. When no PDF can be made the user is sent back to the page with the reason (e.g. which package to install).
/// </summary>
public sealed class DocumentExport(DocumentHtml html, PdfRenderer renderer)
{
    public const string ErrorKey = "Error";

    public async Task<IActionResult> PreviewAsync<TModel>(string template, TModel model) =>
        new ContentResult { Content = await html.RenderAsync(template, model), ContentType = "text/html; charset=utf-8" };

    public async Task<IActionResult> PdfAsync<TModel>(PageModel page, string template, TModel model, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            var bytes = await renderer.RenderAsync(await html.RenderAsync(template, model), cancellationToken);
            return new FileContentResult(bytes, "application/pdf") { FileDownloadName = SafeFileName(fileName) };
        }
        catch (PdfUnavailableException ex)
        {
            page.TempData[ErrorKey] = ex.Message;
            return page.RedirectToPage();
        }
    }

    /// <summary>Renders a PDF for a ZIP or a batch; the caller handles the failure.</summary>
    public async Task<byte[]> PdfBytesAsync<TModel>(string template, TModel model, CancellationToken cancellationToken) =>
        await renderer.RenderAsync(await html.RenderAsync(template, model), cancellationToken);

    public static string SafeFileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '\\', '/', ':', '*', '?', '<', '>', '|']).ToHashSet();
        return new string([.. name.Select(c => invalid.Contains(c) ? '_' : c)]);
    }
}
