using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Meetings;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>
/// Recording printed spare slips that were never handed out (未发放), so they do not count as 发出. A USB scanner
/// types a slip's code (or its voting link) and Enter: with script each code is recorded at once (<c>spares.js</c>),
/// without script a pasted list, one code per line, is recorded in one go. A used code is reported, never changed;
/// recording a code twice counts once.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class SparesModel(MeetingAccess access, AppDbContext db, VotingKeys keys) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;

    /// <summary>Codes of the meeting recorded as 未发放 so far.</summary>
    public int Recorded { get; private set; }

    [BindProperty]
    public string? Codes { get; set; }

    /// <summary>What the last submitted list did, line by line, for the codes that were not simply recorded.</summary>
    public IReadOnlyList<Outcome> Outcomes { get; private set; } = [];

    public int NewlyRecorded { get; private set; }

    public bool Submitted { get; private set; }

    public bool CanRecord => !Meeting.ResultsPublic;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!CanRecord)
        {
            ModelState.AddModelError(nameof(Codes), "结果已公布，不能再登记未发放的测评码。");
            return Page();
        }

        var lines = (Codes ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            ModelState.AddModelError(nameof(Codes), "请扫描或粘贴测评码，每行一个。");
            return Page();
        }

        if (lines.Length > 2000)
        {
            ModelState.AddModelError(nameof(Codes), "一次最多登记2000个测评码。");
            return Page();
        }

        var outcomes = await RecordAsync(id, lines, cancellationToken);
        Submitted = true;
        NewlyRecorded = outcomes.Count(o => o.Kind == OutcomeKind.Recorded);
        Outcomes = outcomes.Where(o => o.Kind != OutcomeKind.Recorded).ToList();
        Recorded = await RecordedAsync(id, cancellationToken);
        Codes = string.Join('\n', Outcomes.Where(o => o.Kind is OutcomeKind.Unreadable or OutcomeKind.Unknown).Select(o => o.Typed));
        ModelState.Remove(nameof(Codes));
        return Page();
    }

    /// <summary>One scanned code, from the page's script: the outcome and the new count, as JSON.</summary>
    public async Task<IActionResult> OnPostOneAsync(Guid id, string? code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!CanRecord)
        {
            return new JsonResult(new { ok = false, message = "结果已公布，不能再登记未发放的测评码。", recorded = Recorded });
        }

        var outcome = (await RecordAsync(id, [code ?? ""], cancellationToken)).Single();
        return new JsonResult(new
        {
            ok = outcome.Kind is OutcomeKind.Recorded or OutcomeKind.AlreadyRecorded,
            message = outcome.Message,
            code = outcome.Display,
            recorded = await RecordedAsync(id, cancellationToken),
        });
    }

    /// <summary>
    /// Marks the listed codes 未发放 in one conditional statement: only codes still unused change, so a code a voter
    /// uses at the same moment keeps its vote (the voter's statement and this one lock the same row).
    /// </summary>
    private async Task<List<Outcome>> RecordAsync(Guid meetingId, IReadOnlyList<string> typed, CancellationToken cancellationToken)
    {
        var read = typed.Select(t => (Typed: t, Canonical: BallotCodeFormat.Normalize(Path.GetFileName(t.TrimEnd('/'))))).ToList();
        var hashes = read.Where(r => r.Canonical is not null).Select(r => keys.CodeHash(r.Canonical!)).Distinct().ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = await db.BallotCodes.Where(c => c.MeetingId == meetingId && hashes.Contains(c.Hash))
            .Select(c => new { c.Hash, c.State }).ToDictionaryAsync(c => c.Hash, c => c.State, cancellationToken);
        await db.BallotCodes.Where(c => c.MeetingId == meetingId && hashes.Contains(c.Hash) && c.State == BallotCodeState.Issued)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, BallotCodeState.NotHandedOut), cancellationToken);
        var after = await db.BallotCodes.Where(c => c.MeetingId == meetingId && hashes.Contains(c.Hash))
            .Select(c => new { c.Hash, c.State }).ToDictionaryAsync(c => c.Hash, c => c.State, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var outcomes = new List<Outcome>();
        foreach (var (text, canonical) in read)
        {
            if (canonical is null)
            {
                outcomes.Add(new Outcome(text, text, OutcomeKind.Unreadable, "无法识别，请核对"));
                continue;
            }

            var display = BallotCodeFormat.Display(canonical);
            var hash = keys.CodeHash(canonical);
            var kind = !after.TryGetValue(hash, out var state) ? OutcomeKind.Unknown
                : state == BallotCodeState.Used ? OutcomeKind.Used
                : state == BallotCodeState.Voided ? OutcomeKind.Voided
                : !seen.Add(hash) || before.GetValueOrDefault(hash) == BallotCodeState.NotHandedOut ? OutcomeKind.AlreadyRecorded
                : OutcomeKind.Recorded;
            outcomes.Add(new Outcome(text, display, kind, kind switch
            {
                OutcomeKind.Unknown => "不是本次会议的测评码，请核对",
                OutcomeKind.Used => "已投票，不能登记为未发放（未作改动）",
                OutcomeKind.Voided => "已作废，不计入发出数（未作改动）",
                OutcomeKind.AlreadyRecorded => "已登记过，不重复计数",
                _ => "已登记为未发放",
            }));
        }

        return outcomes;
    }

    private Task<int> RecordedAsync(Guid meetingId, CancellationToken cancellationToken) =>
        db.BallotCodes.CountAsync(c => c.MeetingId == meetingId && c.State == BallotCodeState.NotHandedOut, cancellationToken);

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await access.ManageableAsync(cancellationToken)).AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        Recorded = await RecordedAsync(id, cancellationToken);
        return true;
    }

    public enum OutcomeKind
    {
        Recorded,
        AlreadyRecorded,
        Used,
        Voided,
        Unknown,
        Unreadable,
    }

    public sealed record Outcome(string Typed, string Display, OutcomeKind Kind, string Message);
}
