using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Reports;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>One evidence file, for whoever may see an item it belongs to. Images open inline; documents download.</summary>
[Authorize(Roles = RoleNames.Secretary + "," + RoleNames.MeetingStaff + "," + RoleNames.Observer)]
public sealed class EvidenceModel(RectificationAccess access, AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleAsync(cancellationToken);
        if (!await visible.AnyAsync(i => i.Updates.Any(u => u.EvidenceFileIds.Contains(id)), cancellationToken))
        {
            return NotFound();
        }

        var file = await db.ReportFiles.AsNoTracking().SingleAsync(f => f.Id == id, cancellationToken);
        UploadedFileResponse.Apply(Response, file.FileName, file.ContentType, inline: EvidenceFile.IsImage(file.ContentType));
        return File(file.Content, file.ContentType);
    }
}
