using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
public sealed class IndexModel(AppDbContext db, BallotBox box, BallotProgressPush progress, TimeProvider clock) : PageModel
{
    private bool _tooManyFailures;

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

    /// <summary>The meeting, version and group of the code, for the script's one-request submission (<see cref="BallotBox.ClaimOf"/>).</summary>
    public string Claim { get; private set; } = "";

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
            return Refused();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken)
    {
        var code = await OpenAsync(cancellationToken);
        if (code is null)
        {
            return Refused();
        }

        Reviewing = TryCast(code) is not null;
        return Page();
    }

    /// <summary>Back from the review step to the ballot, with every choice kept.</summary>
    public async Task<IActionResult> OnPostBackAsync(CancellationToken cancellationToken)
    {
        if (await OpenAsync(cancellationToken) is null)
        {
            return Refused();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken)
    {
        var code = await OpenAsync(cancellationToken);
        if (code is null)
        {
            return Refused();
        }

        var ballot = TryCast(code);
        if (ballot is null)
        {
            return Page();
        }

        if (!await box.CastAsync(code, ballot, cancellationToken))
        {
            ModelState.AddModelError(nameof(Code), InvalidCode);
            return Page();
        }

        progress.Notify(ballot.MeetingId);
        Done = true;
        Grades = [];
        return Page();
    }

    /// <summary>The one answer for every code that opens no ballot; 429 once this address has failed too often (<see cref="CodeGuessGuard"/>).</summary>
    private IActionResult Refused()
    {
        ModelState.AddModelError(nameof(Code), InvalidCode);
        return _tooManyFailures ? StatusCode(StatusCodes.Status429TooManyRequests) : Page();
    }

    private Ballot? TryCast(OpenCode code)
    {
        try
        {
            return code.Cast(Grades.Where(g => !string.IsNullOrEmpty(g.Value)).ToDictionary(g => g.Key, g => g.Value));
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("", ex.Message);
            return null;
        }
    }

    /// <summary>The code's ballot when the code is unused and its meeting's voting is open; null for every other case alike.</summary>
    private async Task<OpenCode?> OpenAsync(CancellationToken cancellationToken)
    {
        var (code, tooManyFailures) = await box.OpenAsync(Code, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (code is null)
        {
            _tooManyFailures = tooManyFailures;
            return null;
        }

        Code = code.Display;
        Meeting = code.Meeting;
        Rules = code.Rules;
        Reporters = code.Reporters;
        GroupName = code.GroupName;
        Claim = BallotBox.ClaimOf(code);
        if (code.Meeting.ShowsRectificationOnBallot)
        {
            CarryOverLines = await CarryOver.BallotLinesAsync(db, code.Meeting, RectificationItem.BeijingToday(clock), cancellationToken);
        }

        return code;
    }
}
