using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Meetings;

[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class EditModel(MeetingAccess access, MeetingSaver saver, AppDbContext db) : PageModel
{
    [BindProperty]
    public DetailsInput Input { get; set; } = new();

    [BindProperty]
    public uint Version { get; set; }

    public Meeting Meeting { get; private set; } = null!;

    /// <summary>Set when someone saved the meeting after this form was loaded; the form then carries the new version.</summary>
    public bool Stale { get; private set; }

    /// <summary>For a stale form: the fields where the saved meeting differs from what was typed.</summary>
    public IReadOnlyList<FieldDifference> Differences { get; private set; } = [];

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
        var hostName = await db.Organizations.Where(o => o.Id == meeting.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var currentYear = saver.Now.InBeijing().Year;
        var suggestedTitle = Meeting.SuggestTitle(hostName, Input.ReviewYear ?? meeting.ReviewYear);
        Input.AddRuleErrors(ModelState, suggestedTitle, meeting.Status, currentYear);
        if (ModelState.IsValid)
        {
            var details = Input.ToDetails(suggestedTitle);
            if (await saver.TrySaveAsync(meeting, Version, ModelState, () => meeting.UpdateDetails(details, currentYear)))
            {
                TempData["Message"] = "会议信息已保存。";
                return RedirectToPage("Details", new { id });
            }

            var typedVersion = Version;
            Meeting = await access.ReloadForFormAsync(id, ModelState, cancellationToken);
            Version = Meeting.Version;
            Stale = Version != typedVersion;
            Differences = Stale ? DetailsInput.Differences(Input, DetailsInput.From(Meeting)) : [];
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
