using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>
/// The tally (计票结果), computed from the stored ballots with the meeting's own rules. Staff see it from the start of
/// voting; once published, leaders and observers see every row and each secretary only their own.
/// </summary>
[Authorize]
public sealed class ResultsModel(MeetingAccess access, OrganizationScope scope, AppDbContext db, IMemoryCache cache, BallotMixer mixer) : PageModel
{
    private List<Reporter> _ballotOrder = [];
    private IReadOnlyList<TallyBallot> _ballots = [];

    public Meeting Meeting { get; private set; } = null!;

    public EvaluationRules Rules { get; private set; } = EvaluationRules.Default;

    public MeetingTally Tally { get; private set; } = null!;

    public IReadOnlyList<(Reporter Reporter, ReporterTally Result)> Rows { get; private set; } = [];

    public bool OwnRowOnly { get; private set; }

    public bool IsStaff { get; private set; }

    /// <summary>Phone ballots received but still waiting to be mixed into a batch (ADR 0011), so not yet in the figures.</summary>
    public int Waiting { get; private set; }

    public int BatchSize => mixer.BatchSize;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await access.VisibleAsync(cancellationToken))
            .Include(m => m.Reporters).Include(m => m.Attendance).AsSplitQuery().AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        var published = meeting?.ResultsPublic == true;
        var started = meeting?.EvaluationStarted == true;
        if (meeting is null || !(access.IsStaff ? started : published))
        {
            return NotFound();
        }

        Meeting = meeting;
        IsStaff = access.IsStaff;
        Rules = meeting.EffectiveEvaluationRules;
        Waiting = await db.BallotInbox.CountAsync(b => b.MeetingId == id, cancellationToken);
        if (!meeting.VotingOpen && (Waiting > 0 || await db.BallotSeals.AnyAsync(s => s.MeetingId == id && s.Mixed, cancellationToken)))
        {
            // Normally done when voting closed; after a crash in between, the first reader finishes it.
            await mixer.TrySettleAsync(id, cancellationToken);
            Waiting = await db.BallotInbox.CountAsync(b => b.MeetingId == id, cancellationToken);
        }
        (Tally, _ballots) = await MeetingResults.CountAsync(db, meeting, cache, cancellationToken);
        var reporters = meeting.InBallotOrder().ToList();
        var results = Tally.Reporters.ToDictionary(r => r.ReporterId);
        var rows = reporters.Where(r => results.ContainsKey(r.Id))
            .Select(r => (r, results[r.Id]))
            .OrderBy(x => x.Item2.Rank ?? int.MaxValue).ThenBy(x => x.r.Order ?? int.MaxValue)
            .ToList();
        OwnRowOnly = User.IsInRole(RoleNames.Secretary);
        if (OwnRowOnly)
        {
            var unitId = (await scope.RootAsync(cancellationToken)).UnitId;
            rows = rows.Where(x => x.r.OrganizationId == unitId).ToList();
        }

        Rows = rows;
        _ballotOrder = reporters;
        return Page();
    }

    /// <summary>
    /// The results table and the raw ballots as an Excel workbook, for whoever sees every row here: a secretary,
    /// who sees only their own row, gets no workbook.
    /// </summary>
    public async Task<IActionResult> OnGetExcelAsync(Guid id, CancellationToken cancellationToken)
    {
        var page = await OnGetAsync(id, cancellationToken);
        if (page is not PageResult)
        {
            return page;
        }

        if (OwnRowOnly)
        {
            return Forbid();
        }

        var workbook = await ResultsWorkbook.BuildAsync(Meeting, Rules, Tally, Rows, _ballotOrder, _ballots, cancellationToken);
        Response.Headers.CacheControl = "private, no-store";
        return File(workbook, ResultsWorkbook.ContentType, $"{Meeting.Title}-测评结果.xlsx");
    }

    public static string Percent(decimal? rate) => rate is { } value ? value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";

    public static string Score(decimal? score) => score is { } value ? value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
