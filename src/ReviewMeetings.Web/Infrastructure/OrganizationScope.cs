using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// The part of the organization tree the signed-in user may see: their unit's subtree, or for a Secretary
/// their own unit only. Every query that reads units (or anything that hangs off units) starts here.
/// </summary>
public sealed class OrganizationScope(AppDbContext db, IHttpContextAccessor httpContextAccessor)
{
    private ScopeRoot? _root;

    public async Task<ScopeRoot> RootAsync(CancellationToken cancellationToken = default)
    {
        if (_root is not null)
        {
            return _root;
        }

        var principal = httpContextAccessor.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user.");
        var userId = Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The principal has no user id."));
        var unit = await db.Users.Where(u => u.Id == userId)
            .Join(db.Organizations, u => u.OrganizationId, o => o.Id, (u, o) => new { o.Id, o.Path, o.Name })
            .SingleAsync(cancellationToken);
        _root = new ScopeRoot(unit.Id, unit.Path, unit.Name, OwnUnitOnly: principal.IsInRole(RoleNames.Secretary));
        return _root;
    }

    public async Task<IQueryable<Organization>> UnitsAsync(CancellationToken cancellationToken = default)
    {
        var root = await RootAsync(cancellationToken);
        return root.OwnUnitOnly
            ? db.Organizations.Where(o => o.Id == root.UnitId)
            : db.Organizations.Where(o => o.Path.StartsWith(root.Path));
    }

    /// <summary>The unit with this id, or null when it does not exist or lies outside the user's scope.</summary>
    public async Task<Organization?> FindUnitAsync(Guid id, CancellationToken cancellationToken = default) =>
        await (await UnitsAsync(cancellationToken)).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<IQueryable<AppUser>> UsersAsync(CancellationToken cancellationToken = default)
    {
        var units = await UnitsAsync(cancellationToken);
        return db.Users.Where(u => units.Any(o => o.Id == u.OrganizationId));
    }
}

public sealed record ScopeRoot(Guid UnitId, string Path, string UnitName, bool OwnUnitOnly);
