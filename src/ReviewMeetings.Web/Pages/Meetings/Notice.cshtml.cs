using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Documents;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>The meeting notice (会议通知) as a printable page, for everyone who may see the meeting.</summary>
[Authorize]
public sealed class NoticeModel(MeetingAccess access, AppDbContext db, TimeProvider clock, DocumentExport export) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;

    public string HostName { get; private set; } = "";

    public DateTimeOffset IssuedAt => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await access.VisibleAsync(cancellationToken))
            .Include(m => m.Reporters).Include(m => m.Agenda).Include(m => m.Attendance)
            .AsSplitQuery().AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        HostName = await db.Organizations.Where(o => o.Id == meeting.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken cancellationToken)
    {
        var page = await OnGetAsync(id, cancellationToken);
        return page is PageResult
            ? await export.PdfAsync(this, "~/Documents/Notice.cshtml", new NoticeDocument(Meeting, Issuer, IssuedAt), $"关于召开{Meeting.Title}的通知.pdf", cancellationToken)
            : page;
    }

    /// <summary>The issuing body: the host committee's organization department, e.g. 中共清河区委组织部.</summary>
    public string Issuer => HostName.EndsWith("委员会", StringComparison.Ordinal)
        ? HostName[..^"员会".Length] + "组织部"
        : HostName + "组织部";
}
