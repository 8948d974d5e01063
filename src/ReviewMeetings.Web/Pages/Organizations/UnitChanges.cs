using System.Security.Claims;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations;

/// <summary>
/// Writes a line of a unit's history (<see cref="OrganizationChange"/>) for a change the signed-in user makes. Call it
/// inside the same save as the change, so the line and the change commit or fail together.
/// </summary>
public static class UnitChanges
{
    public static void RecordUnitChange(this AppDbContext db, ClaimsPrincipal user, TimeProvider clock, Guid unitId, OrganizationChangeKind kind, string description)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(clock);
        var signedIn = user.Identity?.IsAuthenticated == true;
        db.OrganizationChanges.Add(OrganizationChange.Record(
            unitId, kind, description, signedIn ? user.UserId() : null, signedIn ? user.DisplayName() : null, clock.GetUtcNow()));
    }
}
