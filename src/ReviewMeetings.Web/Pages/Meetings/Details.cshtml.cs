using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Rectification;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>The meeting overview. Staff and observers see everything; a leader the reporters; a secretary only their own slot.</summary>
[Authorize]
public sealed class DetailsModel(MeetingAccess access, AppDbContext db, OrganizationScope scope, TimeProvider clock) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;

    public string HostName { get; private set; } = "";

    public bool IsStaff => access.IsStaff;

    public Guid UserId => User.UserId();

    public bool SeesEverything { get; private set; }

    public Reporter? OwnSlot { get; private set; }

    public IReadOnlyDictionary<Guid, string> People { get; private set; } = new Dictionary<Guid, string>();

    public int InScope { get; private set; }

    public int Uncovered { get; private set; }

    /// <summary>Each reporting unit's problems from last year (the carry-over table); empty for secretaries.</summary>
    public IReadOnlyDictionary<Guid, CarryOver.PreviousYear> Previous { get; private set; } = new Dictionary<Guid, CarryOver.PreviousYear>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await access.VisibleAsync(cancellationToken))
            .Include(m => m.Reporters).Include(m => m.Agenda).Include(m => m.Attendance).Include(m => m.StatusChanges)
            .AsSplitQuery().AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        HostName = await db.Organizations.Where(o => o.Id == meeting.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        SeesEverything = IsStaff || User.IsInRole(RoleNames.Observer);
        if (User.IsInRole(RoleNames.Secretary))
        {
            var root = await scope.RootAsync(cancellationToken);
            OwnSlot = meeting.Reporters.SingleOrDefault(r => r.OrganizationId == root.UnitId);
        }

        var personIds = meeting.LeaderIds.Concat(meeting.StatusChanges.Select(s => s.ChangedBy))
            .Concat(meeting.Lottery is { } draw ? [draw.DrawnBy] : []).Distinct().ToList();
        People = await db.Users.Where(u => personIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        if (SeesEverything)
        {
            var units = await CoverageQuery.UnitsInScopeAsync(db, meeting, cancellationToken);
            InScope = units.Count;
            Uncovered = Coverage.Uncovered(units.Select(u => u.Id), meeting).Count;
        }

        if (!User.IsInRole(RoleNames.Secretary))
        {
            Previous = await CarryOver.ForUnitsAsync(db, [.. meeting.Reporters.Select(r => r.OrganizationId)], meeting.ReviewYear,
                BeijingTime.Today(clock), cancellationToken);
        }

        return Page();
    }

    public string Person(Guid id) => People.TryGetValue(id, out var name) ? name : "（已删除的账号）";
}
