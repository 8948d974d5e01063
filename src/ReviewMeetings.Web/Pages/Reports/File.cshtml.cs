using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Reports;

/// <summary>Sends a report file, authorised per request like the report itself; PDFs may be shown inline.</summary>
[Authorize]
public sealed class FileModel(ReportAccess access, AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, bool inline, CancellationToken cancellationToken)
    {
        var version = await db.ReportVersions.AsNoTracking()
            .Join(db.WrittenReports, v => v.ReportId, r => r.Id, (v, r) => new { v.Id, v.FileId, v.Submitted, r.ReporterId })
            .SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (version?.FileId is not { } fileId)
        {
            return NotFound();
        }

        var slot = await access.FindReadableAsync(version.ReporterId, cancellationToken);
        if (slot is null || (!version.Submitted && !await access.SeesAllVersionsAsync(slot.Reporter, cancellationToken)))
        {
            return NotFound();
        }

        var file = await db.ReportFiles.AsNoTracking().SingleAsync(f => f.Id == fileId, cancellationToken);
        UploadedFileResponse.Apply(Response, file.FileName, file.ContentType, inline);
        return File(file.Content, file.ContentType);
    }
}
