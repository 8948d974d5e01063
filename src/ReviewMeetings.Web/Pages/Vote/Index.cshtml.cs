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

    /// <summary>One message for a wrong or voided code and for voting not open (yet, or any more): guessing learns nothing.</summary>
    public const string InvalidCode = "测评码无效，或投票尚未开始、已经关闭。请核对测评码；如投票尚未开始，请稍后再试。";

    /// <summary>
    /// A used code: whoever holds the slip learns that its ballot was stored (a voter whose connection dropped knows the
    /// vote counted), and nothing else.
    /// </summary>
    public const string UsedCode = "此测评码已完成投票，测评票已收到，无需再次提交。";

    /// <summary>The question before a ballot with nothing chosen is stored as a blank (void) ballot.</summary>
    public const string BlankQuestion = "全部弃权/空白票将作为废票，确定提交？";

    /// <summary>The form field that confirms a blank ballot (<see cref="BlankQuestion"/>).</summary>
    public const string ConfirmBlankField = "ConfirmBlank";

    private bool _used;

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

    /// <summary>The ballot under review has nothing chosen: the review step asks <see cref="BlankQuestion"/>.</summary>
    public bool Blank { get; private set; }

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

        var ballot = TryCast(code);
        Reviewing = ballot is not null;
        Blank = ballot?.IsBlank ?? false;
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

        if (ballot.IsBlank && Request.Form[ConfirmBlankField] != "true")
        {
            // Not confirmed yet (e.g. posted from an old page): the review step asks first.
            Reviewing = true;
            Blank = true;
            return Page();
        }

        if (!await box.CastAsync(code, ballot, cancellationToken))
        {
            // Most often the same ballot sent twice: a used code says so; anything else gets the one message.
            var again = await box.OpenAsync(Code, HttpContext.Connection.RemoteIpAddress, cancellationToken);
            ModelState.AddModelError(nameof(Code), again.Used ? UsedCode : InvalidCode);
            return Page();
        }

        progress.Notify(ballot.MeetingId);
        Done = true;
        Grades = [];
        return Page();
    }

    /// <summary>
    /// The answer for a code that opens no ballot: <see cref="UsedCode"/> for a used one, the one message for every other
    /// case; 429 once this address has failed too often (<see cref="CodeGuessGuard"/>).
    /// </summary>
    private IActionResult Refused()
    {
        ModelState.AddModelError(nameof(Code), _used ? UsedCode : InvalidCode);
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
        var (code, tooManyFailures, used) = await box.OpenAsync(Code, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (code is null)
        {
            _tooManyFailures = tooManyFailures;
            _used = used;
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
            CarryOverLines = await CarryOver.BallotLinesAsync(db, code.Meeting, BeijingTime.Today(clock), cancellationToken);
        }

        return code;
    }
}
