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

    /// <summary>Whether the ballot shows each reporter's carry-over line; a separate form, usable after the details are frozen.</summary>
    public async Task<IActionResult> OnPostBallotSummaryAsync(Guid id, bool show, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        if (await saver.TrySaveAsync(meeting, Version, ModelState, () => meeting.ShowRectificationOnBallot(show), prefix: ""))
        {
            TempData["Message"] = show ? "测评票上将显示上年度整改情况摘要。" : "测评票上不再显示上年度整改情况摘要。";
            return RedirectToPage("Details", new { id });
        }

        Meeting = await access.ReloadForFormAsync(id, ModelState, cancellationToken);
        Version = Meeting.Version;
        Input = DetailsInput.From(Meeting);
        return Page();
    }
}
