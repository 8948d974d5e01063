using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Live;

/// <summary>The projector view (大屏) opened by a signed-in organizer on the venue PC.</summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class ProjectorModel(MeetingAccess access, LiveStateReader reader) : PageModel
{
    public LiveState State { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await (await access.ManageableAsync(cancellationToken)).AnyAsync(m => m.Id == id, cancellationToken))
        {
            return NotFound();
        }

        State = (await reader.ReadAsync(id, cancellationToken))!;
        return Page();
    }
}
