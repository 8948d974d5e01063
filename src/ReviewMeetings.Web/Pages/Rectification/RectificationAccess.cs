using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>
/// Who sees and changes which problem-list items: a secretary their own unit's items (and only they write the plan and
/// progress); staff and observers the items of meetings hosted in their subtree (only staff review, close and edit).
/// </summary>
public sealed class RectificationAccess(AppDbContext db, MeetingAccess meetings, OrganizationScope scope, IHttpContextAccessor httpContextAccessor)
{
    private ClaimsPrincipal User => httpContextAccessor.HttpContext?.User ?? throw new InvalidOperationException("No user.");

    public bool IsStaff => meetings.IsStaff;

    public bool IsSecretary => User.IsInRole(RoleNames.Secretary);

    public async Task<IQueryable<RectificationItem>> VisibleAsync(CancellationToken cancellationToken = default)
    {
        if (IsSecretary)
        {
            var unitId = (await scope.RootAsync(cancellationToken)).UnitId;
            return db.RectificationItems.Where(i => i.OrganizationId == unitId);
        }

        if (IsStaff || User.IsInRole(RoleNames.Observer))
        {
            var visible = await meetings.VisibleAsync(cancellationToken);
            return db.RectificationItems.Where(i => visible.Any(m => m.Id == i.MeetingId));
        }

        return db.RectificationItems.Where(_ => false);
    }

    /// <summary>The whole item, tracked, when the user may see it; otherwise null.</summary>
    public async Task<RectificationItem?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        await (await VisibleAsync(cancellationToken))
            .Include(i => i.Sources).Include(i => i.Updates).Include(i => i.History)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    /// <summary>Whether the user is the secretary of the item's unit, who alone writes its plan and progress.</summary>
    public async Task<bool> OwnsAsync(RectificationItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return IsSecretary && (await scope.RootAsync(cancellationToken)).UnitId == item.OrganizationId;
    }
}

/// <summary>The configured problem categories (Rectification:Categories), or the defaults.</summary>
public sealed class ProblemCategories(IConfiguration configuration)
{
    public IReadOnlyList<string> All { get; } =
        RectificationCategories.From(configuration.GetSection("Rectification:Categories").Get<string[]>());
}
