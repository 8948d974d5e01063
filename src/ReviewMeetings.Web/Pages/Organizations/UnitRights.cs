using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations;

/// <summary>
/// Who may change which unit (delegated administration): administrators and organizers, each inside their own subtree
/// (<see cref="OrganizationScope"/>). An organizer creates units anywhere in it and keeps every secretary record, but the
/// name, type, place and status of their own unit belong to the level above, so they restructure only units below it.
/// </summary>
public static class UnitRights
{
    /// <summary>
    /// The unit with this id when the signed-in user may restructure it (rename, move, deactivate); otherwise the page's
    /// answer in <c>Refusal</c>: 404 for a unit outside the scope, 403 for one out of reach (an organizer's own unit).
    /// </summary>
    public static async Task<(Organization? Unit, IActionResult? Refusal)> FindRestructurableAsync(
        this PageModel page, OrganizationScope scope, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(scope);
        var unit = await scope.FindUnitAsync(id, cancellationToken);
        if (unit is null)
        {
            return (null, page.NotFound());
        }

        return page.User.MayRestructure(await scope.RootAsync(cancellationToken), unit) ? (unit, null) : (null, page.Forbid());
    }

    public const string Managers = RoleNames.MeetingStaff;

    public static bool MayManageUnits(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(RoleNames.Administrator) || user.IsInRole(RoleNames.Organizer);
    }

    /// <summary>Rename, reclassify, move, deactivate or reactivate <paramref name="unit"/> (a unit already in scope).</summary>
    public static bool MayRestructure(this ClaimsPrincipal user, ScopeRoot root, Organization unit)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(unit);
        return user.IsInRole(RoleNames.Administrator)
            || (user.IsInRole(RoleNames.Organizer) && unit.Id != root.UnitId && unit.Path.StartsWith(root.Path, StringComparison.Ordinal));
    }
}
