using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>
/// Last year's problems of a unit, brought into this year's meeting (docs/domain.md §3): "last year" is the latest review
/// year before the meeting's own in which the unit had problem-list items, whoever hosted that meeting.
/// </summary>
public static class CarryOver
{
    public static async Task<IReadOnlyDictionary<Guid, PreviousYear>> ForUnitsAsync(
        AppDbContext db, IReadOnlyCollection<Guid> organizationIds, int reviewYear, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.RectificationItems.AsNoTracking()
            .Where(i => organizationIds.Contains(i.OrganizationId))
            .Join(db.Meetings.Where(m => m.ReviewYear < reviewYear), i => i.MeetingId, m => m.Id, (i, m) => new
            {
                i.Id,
                i.OrganizationId,
                m.ReviewYear,
                i.Text,
                i.Category,
                i.Status,
                i.Deadline,
                i.Measures,
                i.CreatedAt,
                Latest = i.Updates.OrderByDescending(u => u.At).Select(u => u.Text).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.OrganizationId).ToDictionary(g => g.Key, g =>
        {
            var year = g.Max(r => r.ReviewYear);
            var items = g.Where(r => r.ReviewYear == year).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
                .Select(r => new PreviousItem(r.Id, r.Text, r.Category, r.Status, r.Deadline, RectificationItem.IsOverdue(r.Deadline, r.Status, today), r.Measures, r.Latest))
                .ToList();
            return new PreviousYear(year, items, RectificationStats.Of(items.Select(i => (i.Status, i.Deadline)), today));
        });
    }

    public static async Task<PreviousYear?> ForUnitAsync(AppDbContext db, Guid organizationId, int reviewYear, DateOnly today, CancellationToken cancellationToken) =>
        (await ForUnitsAsync(db, [organizationId], reviewYear, today, cancellationToken)).GetValueOrDefault(organizationId);

    /// <summary>Each reporter's one-line summary for the ballot, for reporters whose unit had problems last year.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> BallotLinesAsync(AppDbContext db, Meeting meeting, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var previous = await ForUnitsAsync(db, [.. meeting.Reporters.Select(r => r.OrganizationId)], meeting.ReviewYear, today, cancellationToken);
        return meeting.Reporters.Where(r => previous.ContainsKey(r.OrganizationId))
            .ToDictionary(r => r.Id, r => previous[r.OrganizationId].Stats.CarryOverLine());
    }

    /// <summary>The 上年度问题整改情况 section as a draft the secretary then edits.</summary>
    public static string ReportDraft(PreviousYear previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var text = new StringBuilder();
        var stats = previous.Stats;
        text.Append(CultureInfo.InvariantCulture, $"{previous.ReviewYear}年度述职评议指出问题{stats.Total}项，已销号{stats.Closed}项，逾期{stats.Overdue}项。");
        foreach (var (item, index) in previous.Items.Select((item, index) => (item, index)))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{index + 1}. {item.Text}（{item.Status.ChineseName()}{(item.Overdue ? "，逾期" : "")}）");
            if (item.Measures is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n整改措施：{item.Measures}");
            }

            if (item.LatestProgress is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n整改情况：{item.LatestProgress}");
            }
        }

        return text.ToString();
    }

    public sealed record PreviousYear(int ReviewYear, IReadOnlyList<PreviousItem> Items, RectificationStats Stats);

    public sealed record PreviousItem(
        Guid Id, string Text, string Category, RectificationStatus Status, DateOnly? Deadline, bool Overdue, string? Measures, string? LatestProgress);
}
