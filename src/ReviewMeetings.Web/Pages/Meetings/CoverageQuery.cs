using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>The active units below the host that this meeting is expected to cover, per its coverage scope.</summary>
public static class CoverageQuery
{
    public static async Task<List<ScopeUnit>> UnitsInScopeAsync(AppDbContext db, Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(meeting);
        var hostPath = await db.Organizations.Where(o => o.Id == meeting.OrganizationId).Select(o => o.Path).SingleAsync(cancellationToken);
        var categories = meeting.CoverageCategories.ToList();
        var types = meeting.CoverageTypes.ToList();
        return await db.Organizations
            .Where(o => o.Path.StartsWith(hostPath) && o.Id != meeting.OrganizationId && o.IsActive
                && categories.Contains(o.Category) && types.Contains(o.Type))
            .OrderBy(o => o.Category).ThenBy(o => o.Name)
            .Select(o => new ScopeUnit(o.Id, o.Name, o.Category, o.Type))
            .ToListAsync(cancellationToken);
    }

    public sealed record ScopeUnit(Guid Id, string Name, OrganizationCategory Category, OrganizationType Type);
}
