using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Evaluation;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>
/// A unit's record over the years (历年情况): for each meeting it reported at, the composite score and grade band from
/// that meeting's tally (counted by <see cref="Tally.Compute"/> with the meeting's own rules, as on the results page)
/// and how far the problems raised there have been rectified.
/// </summary>
public static class UnitHistory
{
    private static readonly MeetingStatus[] Counted = [MeetingStatus.Evaluating, MeetingStatus.Closed, MeetingStatus.ResultsPublished, MeetingStatus.Archived];

    public static async Task<IReadOnlyList<YearRow>> LoadAsync(
        AppDbContext db, MeetingAccess access, Guid organizationId, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(access);
        var visible = await access.VisibleAsync(cancellationToken);
        var meetings = await visible.Where(m => Counted.Contains(m.Status) && m.Reporters.Any(r => r.OrganizationId == organizationId))
            .Include(m => m.Reporters).Include(m => m.Attendance).AsSplitQuery().AsNoTracking()
            .OrderBy(m => m.ReviewYear)
            .ToListAsync(cancellationToken);
        var rows = new List<YearRow>();
        foreach (var meeting in meetings)
        {
            var slot = meeting.Reporters.Single(r => r.OrganizationId == organizationId);
            // The same rule as the results page: staff see the count from the start of voting, everyone else once published.
            var resultsVisible = access.IsStaff || meeting.ResultsPublic;
            var result = resultsVisible ? await TallyAsync(db, meeting, slot.Id, cancellationToken) : null;
            var items = await db.RectificationItems.Where(i => i.ReporterId == slot.Id)
                .Select(i => new { i.Status, i.Deadline }).ToListAsync(cancellationToken);
            rows.Add(new YearRow(meeting.Id, meeting.ReviewYear, meeting.Title, result?.Composite, result?.Band,
                RectificationStats.Of(items.Select(i => (i.Status, i.Deadline)), today)));
        }

        return rows;
    }

    public static LineChart Chart(IReadOnlyList<YearRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new LineChart("历年综合得分与整改完成率", [.. rows.Select(r => $"{r.ReviewYear}")],
        [
            new LineSeries("综合得分", [.. rows.Select(r => r.Composite)], "#0d6efd"),
            new LineSeries("整改完成率", [.. rows.Select(r => r.Rectification.CompletionRate)], "#198754"),
        ], Width: 480, Height: 180);
    }

    private static async Task<ReporterTally?> TallyAsync(AppDbContext db, Meeting meeting, Guid reporterId, CancellationToken cancellationToken)
    {
        var tally = await MeetingResults.ComputeAsync(db, meeting, cancellationToken);
        return tally.RoundVoid ? null : tally.Reporters.SingleOrDefault(r => r.ReporterId == reporterId);
    }

    public sealed record YearRow(Guid MeetingId, int ReviewYear, string Title, decimal? Composite, string? Band, RectificationStats Rectification);
}
