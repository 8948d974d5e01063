using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Live;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Live;

/// <summary>
/// Everything the console, projector and comment pads show about a running meeting, as one snapshot. Times are server
/// times in Unix milliseconds so every screen computes the same countdown instead of trusting its own clock.
/// </summary>
public sealed record LiveState(
    Guid MeetingId,
    string Title,
    string Status,
    string StatusName,
    int TimeLimitSeconds,
    IReadOnlyList<LiveAgendaItem> Agenda,
    Guid? CurrentAgendaItemId,
    string? CurrentAgendaKind,
    LiveReporter? Current,
    int OnSiteCount,
    LiveTimer Timer,
    IReadOnlyList<LiveReporter> Reporters,
    LiveBallots Ballots,
    long ServerNow)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The state as JSON that is safe inside a &lt;script type="application/json"&gt; element.</summary>
    public string ToScriptJson() => JsonSerializer.Serialize(this, Json).Replace("<", "\\u003c", StringComparison.Ordinal);
}

public sealed record LiveAgendaItem(Guid Id, int Order, string Kind, string Title, int? PlannedMinutes);

public sealed record LiveReporter(
    Guid Id, int? Order, string Mode, string UnitName, string SecretaryName, string? SecretaryTitle,
    int? SpokenSeconds, bool Overran, int FinalComments);

/// <summary>The speaking timer: <see cref="ElapsedMs"/> as of <see cref="LiveState.ServerNow"/>; keeps growing while running.</summary>
public sealed record LiveTimer(string State, long ElapsedMs);

/// <summary>Ballots handed out (codes not voided plus paper), codes used on phones, and ballots counted in all.</summary>
public sealed record LiveBallots(int Issued, int Submitted, int Returned);

/// <summary>Builds <see cref="LiveState"/> from the database for one meeting.</summary>
public sealed class LiveStateReader(AppDbContext db, TimeProvider clock)
{
    public async Task<LiveState?> ReadAsync(Guid meetingId, CancellationToken cancellationToken = default)
    {
        var meeting = await db.Meetings.AsNoTracking()
            .Include(m => m.Reporters)
            .Include(m => m.Agenda)
            .AsSplitQuery()
            .SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (meeting is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var progress = await db.MeetingProgress.AsNoTracking().SingleOrDefaultAsync(p => p.MeetingId == meetingId, cancellationToken)
            ?? MeetingProgress.Create(meetingId, now);
        var finalComments = await db.Comments.Where(c => c.MeetingId == meetingId && c.Status == CommentStatus.Final)
            .GroupBy(c => c.ReporterId)
            .Select(g => new { ReporterId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.ReporterId, x => x.Count, cancellationToken);
        var codes = await db.BallotCodes.Where(c => c.MeetingId == meetingId && BallotCode.HandedOutStates.Contains(c.State))
            .GroupBy(c => c.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        // Ballots waiting in the inbox to be mixed (ADR 0011) have been returned too: only their marks wait.
        // One statement, so a batch moved between two counts is neither missed nor counted twice.
        var returned = await db.Meetings.Where(m => m.Id == meetingId)
            .Select(m => db.Ballots.Count(b => b.MeetingId == meetingId) + db.BallotInbox.Count(b => b.MeetingId == meetingId))
            .SingleAsync(cancellationToken);
        var paperIssued = await db.PaperIssues.Where(p => p.MeetingId == meetingId).SumAsync(p => p.Count, cancellationToken);

        var reporters = meeting.InBallotOrder()
            .Select(r =>
            {
                var speech = progress.SpeechOf(r.Id);
                return new LiveReporter(r.Id, r.Order, r.Mode.ToString(), r.UnitName, r.SecretaryName, r.SecretaryTitle,
                    speech is null ? null : (int)Math.Round(speech.Duration.TotalSeconds),
                    speech?.Overran(meeting.TimeLimitMinutes) ?? false,
                    finalComments.GetValueOrDefault(r.Id));
            })
            .ToList();
        var agenda = meeting.Agenda.OrderBy(a => a.Order)
            .Select(a => new LiveAgendaItem(a.Id, a.Order, a.Kind.ToString(), a.Title, a.PlannedMinutes))
            .ToList();
        return new LiveState(
            meeting.Id,
            meeting.Title,
            meeting.Status.ToString(),
            meeting.Status.ChineseName(),
            meeting.TimeLimitMinutes * 60,
            agenda,
            progress.CurrentAgendaItemId,
            agenda.FirstOrDefault(a => a.Id == progress.CurrentAgendaItemId)?.Kind,
            reporters.FirstOrDefault(r => r.Id == progress.CurrentReporterId),
            reporters.Count(r => r.Mode == nameof(ReportMode.OnSite)),
            new LiveTimer(progress.Timer.ToString(), (long)progress.Elapsed(now).TotalMilliseconds),
            reporters,
            new LiveBallots(
                codes.Sum(c => c.Count) + paperIssued,
                codes.Where(c => c.State == BallotCodeState.Used).Sum(c => c.Count),
                returned),
            now.ToUnixTimeMilliseconds());
    }
}
