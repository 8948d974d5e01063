using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Reports;

/// <summary>
/// Who may read and write a reporter's written report: the reporting unit's secretary writes and reads their own;
/// leaders read the meetings they comment at; staff and observers read the meetings of their subtree. Checked on every request.
/// </summary>
public sealed class ReportAccess(AppDbContext db, MeetingAccess meetings, OrganizationScope scope, IHttpContextAccessor httpContextAccessor)
{
    private ClaimsPrincipal User => httpContextAccessor.HttpContext?.User ?? throw new InvalidOperationException("No user.");

    public bool IsStaff => meetings.IsStaff;

    /// <summary>The reporter slot and its meeting when the user may read its report; otherwise null.</summary>
    public async Task<Slot?> FindReadableAsync(Guid reporterId, CancellationToken cancellationToken)
    {
        var visible = await meetings.VisibleAsync(cancellationToken);
        var slot = await db.Reporters.Where(r => r.Id == reporterId)
            .Join(visible, r => r.MeetingId, m => m.Id, (r, m) => new Slot(r, m))
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        if (slot is null)
        {
            return null;
        }

        if (User.IsInRole(RoleNames.Secretary))
        {
            var root = await scope.RootAsync(cancellationToken);
            return slot.Reporter.OrganizationId == root.UnitId ? slot : null;
        }

        return slot;
    }

    /// <summary>Whether the user is the reporting unit's secretary, who alone writes the report and sees its drafts.</summary>
    public async Task<bool> IsOwnerAsync(Reporter reporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        return User.IsInRole(RoleNames.Secretary) && (await scope.RootAsync(cancellationToken)).UnitId == reporter.OrganizationId;
    }

    /// <summary>Drafts and earlier versions are for the author and the staff; everyone else reads submitted versions only.</summary>
    public async Task<bool> SeesAllVersionsAsync(Reporter reporter, CancellationToken cancellationToken) =>
        IsStaff || await IsOwnerAsync(reporter, cancellationToken);

    public static bool AcceptsReports(Meeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return AcceptsReports(meeting.Status);
    }

    public static bool AcceptsReports(MeetingStatus status) => status is MeetingStatus.Published or MeetingStatus.InSession;

    public sealed record Slot(Reporter Reporter, Meeting Meeting);
}
