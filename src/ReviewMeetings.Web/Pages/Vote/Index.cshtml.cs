using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Live;
using ReviewMeetings.Web.Pages.Rectification;

namespace ReviewMeetings.Web.Pages.Vote;

/// <summary>
/// The anonymous ballot (无记名测评) for voters without an account: a one-time code opens the ballot, a review step
/// shows the choices, and submitting uses the code and stores the ballot in one transaction. Nothing here is logged.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(VotingSetup.Policy)]
public sealed class IndexModel(AppDbContext db, IMemoryCache cache, BallotProgressPush progress, TimeProvider clock) : PageModel
{
    /// <summary>One message for a wrong, used or voided code and for voting not open (yet, or any more): guessing learns nothing.</summary>
    public const string InvalidCode = "测评码无效，或投票尚未开始、已经关闭。请核对测评码；如投票尚未开始，请稍后再试。";

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public Dictionary<Guid, string?> Grades { get; set; } = [];

    public Meeting? Meeting { get; private set; }

    public EvaluationRules Rules { get; private set; } = EvaluationRules.Default;

    public IReadOnlyList<Reporter> Reporters { get; private set; } = [];

    public string GroupName { get; private set; } = "";

    /// <summary>Each reporter's carry-over line (上年度问题…), when the organizer chose to show it on the ballot.</summary>
    public IReadOnlyDictionary<Guid, string> CarryOverLines { get; private set; } = new Dictionary<Guid, string>();

    public bool Reviewing { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return Page();
        }

        if (await OpenAsync(cancellationToken) is null)
        {
            ModelState.AddModelError(nameof(Code), InvalidCode);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken)
    {
        var code = await OpenAsync(cancellationToken);
        if (code is null)
        {
            ModelState.AddModelError(nameof(Code), InvalidCode);
            return Page();
        }

        Reviewing = TryCast(code) is not null;
        return Page();
    }

    /// <summary>Back from the review step to the ballot, with every choice kept.</summary>
    public async Task<IActionResult> OnPostBackAsync(CancellationToken cancellationToken)
    {
        if (await OpenAsync(cancellationToken) is null)
        {
            ModelState.AddModelError(nameof(Code), InvalidCode);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken)
    {
        var code = await OpenAsync(cancellationToken);
        if (code is null)
        {
            ModelState.AddModelError(nameof(Code), InvalidCode);
            return Page();
        }

        var ballot = TryCast(code);
        if (ballot is null)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The conditional update is the one-vote guarantee: of any number of parallel submissions, one changes the row.
        // The meeting is checked again inside the update, so a ballot in flight when staff close voting is refused.
        var used = await db.BallotCodes
            .Where(c => c.Id == code.Id && c.State == BallotCodeState.Issued
                && db.Meetings.Any(m => m.Id == c.MeetingId && m.Status == MeetingStatus.Evaluating && m.VotingClosedAt == null))
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.State, BallotCodeState.Used), cancellationToken);
        if (used != 1)
        {
            ModelState.AddModelError(nameof(Code), InvalidCode);
            return Page();
        }

        db.Ballots.Add(ballot);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        progress.Notify(ballot.MeetingId);
        Done = true;
        Grades = [];
        return Page();
    }

    private Ballot? TryCast(BallotCode code)
    {
        try
        {
            return Ballot.Cast(Meeting!.Id, code.GroupKey, Grades.Where(g => !string.IsNullOrEmpty(g.Value)).ToDictionary(g => g.Key, g => g.Value),
                Reporters.Select(r => r.Id).ToList(), Rules);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("", ex.Message);
            return null;
        }
    }

    /// <summary>The code's ballot when the code is unused and its meeting's voting is open; null for every other case alike.</summary>
    private async Task<BallotCode?> OpenAsync(CancellationToken cancellationToken)
    {
        var canonical = BallotCodeFormat.Normalize(Code);
        if (canonical is null)
        {
            return null;
        }

        var hash = BallotCodeFormat.Hash(canonical);
        var found = await db.BallotCodes.AsNoTracking()
            .Where(c => c.Hash == hash && c.State == BallotCodeState.Issued)
            .Join(db.Meetings.Where(m => m.Status == MeetingStatus.Evaluating && m.VotingClosedAt == null), c => c.MeetingId, m => m.Id, (c, m) => new { Code = c, m.Version })
            .SingleOrDefaultAsync(cancellationToken);
        var meeting = found is null ? null : await BallotMeetingAsync(found.Code.MeetingId, found.Version, cancellationToken);
        if (meeting is null)
        {
            return null;
        }

        var code = found!.Code;
        Code = BallotCodeFormat.Display(canonical);
        Meeting = meeting;
        Rules = meeting.EvaluationRules ?? EvaluationRules.Default;
        Reporters = meeting.OnSite().Concat(meeting.Written()).ToList();
        GroupName = meeting.Attendance.SingleOrDefault(g => g.Id.ToString() == code.GroupKey)?.Name ?? "";
        if (meeting.ShowsRectificationOnBallot)
        {
            CarryOverLines = await CarryOver.BallotLinesAsync(db, meeting, RectificationItem.BeijingToday(clock), cancellationToken);
        }

        return code;
    }

    /// <summary>
    /// The meeting as the ballot shows it. Every voter opens it three times, so it is shared by meeting and row version:
    /// while voting is open its reporters and rules cannot change, and any change to the meeting moves its version.
    /// </summary>
    private async Task<Meeting?> BallotMeetingAsync(Guid id, uint version, CancellationToken cancellationToken)
    {
        var key = (nameof(BallotMeetingAsync), id, version);
        if (cache.TryGetValue(key, out Meeting? meeting))
        {
            return meeting;
        }

        meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).AsSplitQuery().AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == id && m.Version == version, cancellationToken);
        if (meeting is not null)
        {
            cache.Set(key, meeting, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5) });
        }

        return meeting;
    }
}
