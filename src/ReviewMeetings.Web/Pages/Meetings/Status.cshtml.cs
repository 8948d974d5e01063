using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>Moves a meeting through its lifecycle; going back needs a reason, and after closing an administrator.</summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class StatusModel(MeetingAccess access, MeetingSaver saver, AppDbContext db, BallotMixer mixer) : PageModel
{
    [BindProperty]
    public uint Version { get; set; }

    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyDictionary<Guid, string> People { get; private set; } = new Dictionary<Guid, string>();

    public bool IsAdministrator => User.IsInRole(RoleNames.Administrator);

    /// <summary>The forward step from the current state and its button text.</summary>
    public IReadOnlyList<(MeetingStatus To, string Label)> NextSteps => Meeting.NextStatuses.Select(to => (to, StepLabel(to))).ToList();

    private static string StepLabel(MeetingStatus to) => to switch
    {
        MeetingStatus.Published => "发布会议",
        MeetingStatus.InSession => "开始会议",
        MeetingStatus.Evaluating => "进入民主测评",
        MeetingStatus.Closed => "结束会议",
        MeetingStatus.ResultsPublished => "公布结果",
        MeetingStatus.Archived => "归档",
        _ => throw new ArgumentOutOfRangeException(nameof(to)),
    };

    /// <summary>What moving forward to <paramref name="to"/> does, asked before it is done.</summary>
    public Confirmation ConfirmationFor(MeetingStatus to) => MeetingConfirmations.Advance(to, Meeting.Date, saver.Now);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAdvanceAsync(Guid id, MeetingStatus to, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        if (!this.IsConfirmed())
        {
            return this.Confirm(ConfirmationFor(to));
        }

        var scope = to == MeetingStatus.Published
            ? (await CoverageQuery.UnitsInScopeAsync(db, meeting, cancellationToken)).Select(u => u.Id).ToList()
            : [];
        var by = User.UserId();
        var at = saver.Now;
        Action change = to switch
        {
            MeetingStatus.Published => () => meeting.Publish(scope, by, at),
            MeetingStatus.InSession => () => meeting.StartSession(by, at),
            MeetingStatus.Evaluating => () => meeting.StartEvaluation(by, at),
            MeetingStatus.Closed => () => meeting.Close(by, at),
            MeetingStatus.ResultsPublished => () => meeting.PublishResults(by, at),
            MeetingStatus.Archived => () => meeting.Archive(by, at),
            _ => () => throw new Domain.Common.DomainException("无法转到该状态。"),
        };
        if (await saver.TrySaveAsync(meeting, Version, ModelState, change))
        {
            // Leaving the evaluation seals the ballots (ADR 0011); entering it does nothing there.
            await mixer.TrySettleAsync(id, cancellationToken);
            TempData["Message"] = $"会议状态已改为“{to.ChineseName()}”。";
            return RedirectToPage("Details", new { id });
        }

        await ShowAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevertAsync(Guid id, MeetingStatus to, string? reason, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        var by = User.UserId();
        if (await saver.TrySaveAsync(meeting, Version, ModelState, () => meeting.Revert(to, reason, IsAdministrator, by, saver.Now), prefix: ""))
        {
            await mixer.TrySettleAsync(id, cancellationToken);
            TempData["Message"] = $"会议已退回到“{to.ChineseName()}”。";
            return RedirectToPage("Details", new { id });
        }

        await ShowAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        Version = meeting.Version;
        ModelState.Remove(nameof(Version));
        var ids = meeting.StatusChanges.Select(s => s.ChangedBy).Distinct().ToList();
        People = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return true;
    }
}
