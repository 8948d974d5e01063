using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Meetings;

[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class EditModel(MeetingAccess access, MeetingSaver saver, AppDbContext db) : PageModel
{
    [BindProperty]
    public DetailsInput Input { get; set; } = new();

    [BindProperty]
    public uint Version { get; set; }

    public Meeting Meeting { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        Input = DetailsInput.From(meeting);
        Version = meeting.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        if (ModelState.IsValid)
        {
            var hostName = await db.Organizations.Where(o => o.Id == meeting.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
            var details = Input.ToDetails(Meeting.SuggestTitle(hostName, Input.ReviewYear!.Value));
            if (await saver.TrySaveAsync(meeting, Version, ModelState, () => meeting.UpdateDetails(details)))
            {
                TempData["Message"] = "会议信息已保存。";
                return RedirectToPage("Details", new { id });
            }

            Meeting = await access.ReloadForFormAsync(id, ModelState, cancellationToken);
            Version = Meeting.Version;
        }

        return Page();
    }
}
