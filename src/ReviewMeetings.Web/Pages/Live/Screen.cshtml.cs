using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Live;

/// <summary>
/// The projector view reached by a read-only link (/screen/{token}) on a venue PC with nobody signed in. The token is
/// unguessable and the organizer can withdraw it; the page shows only what the hall sees anyway.
/// </summary>
[AllowAnonymous]
public sealed class ScreenModel(AppDbContext db, LiveStateReader reader) : PageModel
{
    public LiveState State { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var meetingId = await db.MeetingProgress.Where(p => p.ProjectorToken == token)
            .Select(p => (Guid?)p.MeetingId).SingleOrDefaultAsync(cancellationToken);
        if (meetingId is null)
        {
            return NotFound();
        }

        Token = token;
        State = (await reader.ReadAsync(meetingId.Value, cancellationToken))!;
        return Page();
    }
}
