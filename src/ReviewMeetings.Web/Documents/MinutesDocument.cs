using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Live;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Evaluation;
using ReviewMeetings.Web.Pages.Rectification;

namespace ReviewMeetings.Web.Documents;

/// <summary>Everything the minutes (会议纪要/述职评议情况报告) and the feedback sheets print about one meeting.</summary>
public sealed record MinutesDocument(
    Meeting Meeting,
    string HostUnitName,
    IReadOnlyList<string> Leaders,
    IReadOnlyList<DocumentReporter> Reporters,
    EvaluationRules Rules,
    MeetingTally? Tally,
    MinutesRectification Rectification,
    DateTimeOffset GeneratedAt)
{
    public IEnumerable<DocumentReporter> Ranked => Reporters.Where(r => r.Result is not null)
        .OrderBy(r => r.Result!.Rank ?? int.MaxValue).ThenBy(r => r.Reporter.Order ?? int.MaxValue);

    /// <summary>Loads a meeting the caller has already authorised, with its final comments and, once voting began, its tally.</summary>
    public static async Task<MinutesDocument> LoadAsync(AppDbContext db, Guid meetingId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var meeting = await db.Meetings.AsNoTracking()
            .Include(m => m.Reporters).Include(m => m.Agenda).Include(m => m.Attendance).Include(m => m.StatusChanges)
            .AsSplitQuery()
            .SingleAsync(m => m.Id == meetingId, cancellationToken);
        var host = await db.Organizations.Where(o => o.Id == meeting.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var progress = await db.MeetingProgress.AsNoTracking().SingleOrDefaultAsync(p => p.MeetingId == meetingId, cancellationToken);
        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.MeetingId == meetingId && c.Status == CommentStatus.Final)
            .OrderBy(c => c.Author).ThenBy(c => c.FinalizedAt)
            .ToListAsync(cancellationToken);
        var leaderIds = meeting.LeaderIds.ToList();
        var people = await db.Users.Where(u => leaderIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var evaluated = meeting.EvaluationStarted;
        var tally = evaluated ? await MeetingResults.ComputeAsync(db, meeting, cancellationToken) : null;
        var results = tally?.Reporters.ToDictionary(r => r.ReporterId) ?? [];
        var reporters = meeting.InBallotOrder()
            .Select(r =>
            {
                var speech = progress?.SpeechOf(r.Id);
                return new DocumentReporter(
                    r,
                    speech?.Duration,
                    speech?.Overran(meeting.TimeLimitMinutes) ?? false,
                    [.. comments.Where(c => c.ReporterId == r.Id).Select(c => DocumentComment.From(c, people))],
                    results.GetValueOrDefault(r.Id));
            })
            .ToList();
        return new MinutesDocument(meeting, host, [.. leaderIds.Select(id => people.GetValueOrDefault(id, ""))],
            reporters, meeting.EffectiveEvaluationRules, tally, await MinutesRectification.LoadAsync(db, meeting, now, cancellationToken), now);
    }
}

/// <summary>
/// The rectification summary of the minutes: this meeting's problem-list items as they stand today (none until
/// feedback is released) and how the reporting units' items from their previous review year ended up.
/// </summary>
public sealed record MinutesRectification(
    DateOnly Today,
    RectificationSummary? Current,
    IReadOnlyDictionary<Guid, RectificationStats> ByReporter,
    MinutesRectification.PreviousYears? Previous)
{
    public static async Task<MinutesRectification> LoadAsync(AppDbContext db, Meeting meeting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(meeting);
        var today = BeijingTime.DateOf(now);
        var items = await db.RectificationItems.AsNoTracking().Where(i => i.MeetingId == meeting.Id)
            .Select(i => new { i.ReporterId, i.Status, i.Deadline })
            .ToListAsync(cancellationToken);
        var previous = await CarryOver.ForUnitsAsync(db, [.. meeting.Reporters.Select(r => r.OrganizationId)], meeting.ReviewYear, today, cancellationToken);
        return new MinutesRectification(
            today,
            items.Count == 0 ? null : RectificationSummary.Of([.. items.Select(i => (i.Status, i.Deadline))], today),
            items.GroupBy(i => i.ReporterId).ToDictionary(g => g.Key, g => RectificationStats.Of(g.Select(i => (i.Status, i.Deadline)), today)),
            previous.Count == 0 ? null : new PreviousYears(
                [.. previous.Values.Select(p => p.ReviewYear).Distinct().OrderDescending()],
                previous.Count,
                RectificationStats.Of(previous.Values.SelectMany(p => p.Items.Select(i => (i.Status, i.Deadline))), today)));
    }

    /// <summary>The reporting units' items from their latest earlier review year (usually last year's meeting).</summary>
    public sealed record PreviousYears(IReadOnlyList<int> Years, int Units, RectificationStats Stats);
}

public sealed record DocumentReporter(Reporter Reporter, TimeSpan? Spoke, bool Overran, IReadOnlyList<DocumentComment> Comments, ReporterTally? Result)
{
    public string SpokeText => Spoke is { } duration ? SpeakingTime.Chinese(duration) + (Overran ? "（超时）" : "") : "—";

    public IEnumerable<string> Problems => Comments.SelectMany(c => c.Problems).Distinct(StringComparer.Ordinal);
}

public sealed record DocumentComment(string Author, CommentAuthor Kind, string Achievements, IReadOnlyList<string> Problems, string Expectations)
{
    public static DocumentComment From(Comment comment, IReadOnlyDictionary<Guid, string> leaders)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(leaders);
        var author = comment.Author == CommentAuthor.Leader
            ? leaders.GetValueOrDefault(comment.LeaderId!.Value, "点评领导")
            : $"{comment.RepresentativeName}（{comment.RepresentativeIdentity}）";
        return new DocumentComment(author, comment.Author, comment.Achievements, comment.Problems, comment.Expectations);
    }
}

/// <summary>点评意见反馈单 for some reporters of a meeting; results only once the viewer may see them.</summary>
public sealed record FeedbackSheets(MinutesDocument Minutes, IReadOnlyList<DocumentReporter> Reporters, bool ShowResults);
