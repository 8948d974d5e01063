using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>The dashboard's reminders: open items already overdue or due within two weeks, among the items the user sees.</summary>
public static class Reminders
{
    public const int Shown = 30;

    public static async Task<IReadOnlyList<Reminder>> LoadAsync(RectificationAccess access, AppDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var horizon = today.AddDays(RectificationItem.DueSoonDays);
        var rows = await (await access.VisibleAsync(cancellationToken))
            .Where(i => i.Status != RectificationStatus.Closed && i.Deadline != null && i.Deadline <= horizon)
            .Join(db.Reporters, i => i.ReporterId, r => r.Id, (i, r) => new { i.Id, r.UnitName, i.Text, Deadline = i.Deadline!.Value, i.Status })
            .OrderBy(x => x.Deadline).ThenBy(x => x.UnitName)
            .Take(Shown)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new Reminder(r.Id, r.UnitName, r.Text, r.Deadline, r.Status, r.Deadline < today, r.Deadline.DayNumber - today.DayNumber))];
    }
}

public sealed record Reminder(Guid Id, string UnitName, string Text, DateOnly Deadline, RectificationStatus Status, bool Overdue, int DaysLeft);
