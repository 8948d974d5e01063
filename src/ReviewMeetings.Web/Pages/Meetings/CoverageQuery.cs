using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>The active units below the host that this meeting is expected to cover, per its coverage scope.</summary>
public static class CoverageQuery
{
    public static async Task<List<ScopeUnit>> UnitsInScopeAsync(AppDbContext db, Meeting meeting, CancellationToken cancellationToken) =>
        await InOrder(await InScopeAsync(db, meeting, cancellationToken)).ToListAsync(cancellationToken);

    /// <summary>The units in scope as a query, for counting and paging in the database.</summary>
    public static async Task<IQueryable<Organization>> InScopeAsync(AppDbContext db, Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(meeting);
        var hostPath = await db.Organizations.Where(o => o.Id == meeting.OrganizationId).Select(o => o.Path).SingleAsync(cancellationToken);
        var categories = meeting.CoverageCategories.ToList();
        var types = meeting.CoverageTypes.ToList();
        return db.Organizations
            .Where(o => o.Path.StartsWith(hostPath) && o.Id != meeting.OrganizationId && o.IsActive
                && categories.Contains(o.Category) && types.Contains(o.Type));
    }

    /// <summary>By unit category, then name; the id keeps pages stable when names repeat.</summary>
    public static IQueryable<ScopeUnit> InOrder(IQueryable<Organization> units) =>
        units.OrderBy(o => o.Category).ThenBy(o => o.Name).ThenBy(o => o.Id)
            .Select(o => new ScopeUnit(o.Id, o.Name, o.Category, o.Type));

    public sealed record ScopeUnit(Guid Id, string Name, OrganizationCategory Category, OrganizationType Type);
}
