using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Reports;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Reports;

/// <summary>Reads a report: the online text, a Word document's text, or the PDF inline.</summary>
[Authorize]
public sealed class ReadModel(ReportAccess access, AppDbContext db) : PageModel
{
    public ReportAccess.Slot Slot { get; private set; } = null!;

    public WrittenReport? Report { get; private set; }

    public ReportVersion? Shown { get; private set; }

    public ReportFile? StoredFile { get; private set; }

    public string? DocxHtml { get; private set; }

    public bool SeesAllVersions { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? version, CancellationToken cancellationToken)
    {
        var slot = await access.FindReadableAsync(id, cancellationToken);
        if (slot is null)
        {
            return NotFound();
        }

        Slot = slot;
        SeesAllVersions = await access.SeesAllVersionsAsync(slot.Reporter, cancellationToken);
        Report = await db.WrittenReports.Include(r => r.Versions).AsNoTracking().SingleOrDefaultAsync(r => r.ReporterId == id, cancellationToken);
        Shown = version is { } number && SeesAllVersions
            ? Report?.Versions.SingleOrDefault(v => v.Number == number)
            : Report?.LatestSubmitted;
        if (version is not null && Shown is null)
        {
            return NotFound();
        }

        if (Shown?.FileId is { } fileId)
        {
            StoredFile = await db.ReportFiles.AsNoTracking().SingleAsync(f => f.Id == fileId, cancellationToken);
            if (StoredFile.ContentType == UploadedDocument.DocxType)
            {
                DocxHtml = DocxPreview.ToHtml(StoredFile.Content);
            }
        }

        return Page();
    }
}
