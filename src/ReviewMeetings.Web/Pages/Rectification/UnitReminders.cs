using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>The dashboard's reminders from staff (整改催办) to the secretary's own unit, newest first, with the items they name.</summary>
public static class UnitReminders
{
    public const int Shown = 10;

    public static async Task<IReadOnlyList<UnitReminder>> LoadAsync(AppDbContext db, Guid unitId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var reminders = await db.RectificationReminders.AsNoTracking()
            .Where(r => r.OrganizationId == unitId)
            .OrderByDescending(r => r.SentAt).ThenByDescending(r => r.Id)
            .Take(Shown)
            .ToListAsync(cancellationToken);
        var ids = reminders.SelectMany(r => r.ItemIds).Distinct().ToList();
        var items = await db.RectificationItems.Where(i => ids.Contains(i.Id) && i.OrganizationId == unitId)
            .ToDictionaryAsync(i => i.Id, i => i.Text, cancellationToken);
        return [.. reminders.Select(r => new UnitReminder(r.Text, r.SenderName, r.SentAt,
            [.. r.ItemIds.Where(items.ContainsKey).Select(id => new RemindedItem(id, items[id]))]))];
    }
}

public sealed record UnitReminder(string Text, string SenderName, DateTimeOffset SentAt, IReadOnlyList<RemindedItem> Items);

public sealed record RemindedItem(Guid Id, string Text);
