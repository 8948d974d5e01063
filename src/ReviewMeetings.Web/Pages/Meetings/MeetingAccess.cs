using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>
/// Which meetings a user may see (docs/domain.md §5): staff and observers those hosted in their subtree; leaders those they
/// comment at; secretaries those their unit reports at. Leaders and secretaries only once the meeting is published.
/// </summary>
public sealed class MeetingAccess(AppDbContext db, OrganizationScope scope, IHttpContextAccessor httpContextAccessor)
{
    private ClaimsPrincipal User => httpContextAccessor.HttpContext?.User ?? throw new InvalidOperationException("No user.");

    public bool IsStaff => User.IsInRole(RoleNames.Organizer) || User.IsInRole(RoleNames.Administrator);

    public async Task<IQueryable<Meeting>> VisibleAsync(CancellationToken cancellationToken = default)
    {
        if (IsStaff || User.IsInRole(RoleNames.Observer))
        {
            return await HostedInScopeAsync(cancellationToken);
        }

        var userId = User.UserId();
        if (User.IsInRole(RoleNames.Leader))
        {
            return db.Meetings.Where(m => m.Status != MeetingStatus.Draft && m.LeaderIds.Contains(userId));
        }

        var root = await scope.RootAsync(cancellationToken);
        return db.Meetings.Where(m => m.Status != MeetingStatus.Draft && m.Reporters.Any(r => r.OrganizationId == root.UnitId));
    }

    /// <summary>Meetings the user may change: hosted in their subtree, and only for organizers and administrators.</summary>
    public async Task<IQueryable<Meeting>> ManageableAsync(CancellationToken cancellationToken = default) =>
        IsStaff ? await HostedInScopeAsync(cancellationToken) : db.Meetings.Where(_ => false);

    /// <summary>The whole aggregate, tracked, or null when it is not the user's to change.</summary>
    public async Task<Meeting?> FindManageableAsync(Guid id, CancellationToken cancellationToken = default) =>
        await (await ManageableAsync(cancellationToken))
            .Include(m => m.Reporters)
            .Include(m => m.Agenda)
            .Include(m => m.Attendance)
            .Include(m => m.StatusChanges)
            .AsSplitQuery()
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);

    /// <summary>
    /// After a refused save: the meeting as stored now, for a form that keeps what the user typed but carries the
    /// current version, so saving again is a deliberate overwrite.
    /// </summary>
    public async Task<Meeting> ReloadForFormAsync(Guid id, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        modelState.Remove("Version");
        return await FindManageableAsync(id, cancellationToken)
            ?? throw new InvalidOperationException("The meeting disappeared while its form was open.");
    }

    private async Task<IQueryable<Meeting>> HostedInScopeAsync(CancellationToken cancellationToken)
    {
        var units = await scope.UnitsAsync(cancellationToken);
        return db.Meetings.Where(m => units.Any(o => o.Id == m.OrganizationId));
    }
}
