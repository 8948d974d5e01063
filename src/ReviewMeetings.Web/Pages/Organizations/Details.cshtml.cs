using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;
using ReviewMeetings.Web.Pages.Rectification;

namespace ReviewMeetings.Web.Pages.Organizations;

[Authorize]
public sealed class DetailsModel(OrganizationScope scope, MeetingAccess meetings, AppDbContext db, TimeProvider clock) : PageModel
{
    public Organization Unit { get; private set; } = null!;

    public string? ParentName { get; private set; }

    public string? SecretaryAccount { get; private set; }

    public IReadOnlyList<ChildRow> Children { get; private set; } = [];

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public IReadOnlyList<UnitHistory.YearRow> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var units = await scope.UnitsAsync(cancellationToken);
        var unit = await units.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        Unit = unit;
        ParentName = await units.Where(o => o.Id == unit.ParentId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        Children = await units.Where(o => o.ParentId == unit.Id)
            .OrderBy(o => o.Category).ThenBy(o => o.Name)
            .Select(o => new ChildRow(o.Id, o.Name, o.Type, o.IsActive))
            .ToListAsync(cancellationToken);
        if (unit.Secretary?.UserId is { } secretaryUserId)
        {
            SecretaryAccount = await db.Users.Where(u => u.Id == secretaryUserId).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken);
        }

        Years = await UnitHistory.LoadAsync(db, meetings, unit.Id, BeijingTime.Today(clock), cancellationToken);
        if (User.IsInRole(RoleNames.Administrator))
        {
            Users = await db.Users.Where(u => u.OrganizationId == unit.Id)
                .OrderBy(u => u.UserName)
                .Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.IsDisabled))
                .ToListAsync(cancellationToken);
        }

        return Page();
    }

    public sealed record ChildRow(Guid Id, string Name, OrganizationType Type, bool IsActive);

    public sealed record UserRow(Guid Id, string UserName, string DisplayName, bool IsDisabled);
}
