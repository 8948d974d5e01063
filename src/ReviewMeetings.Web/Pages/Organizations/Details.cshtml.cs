using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Admin.Users;
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

    /// <summary>The latest lines of the unit's 变更记录 (at most <see cref="HistoryModel.PageSize"/>).</summary>
    public IReadOnlyList<HistoryModel.ChangeRow> Changes { get; private set; } = [];

    public int ChangeCount { get; private set; }

    public bool MayManage { get; private set; }

    public bool MayRestructure { get; private set; }

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
        // Ordered here, as the tree is (Infrastructure/UnitTree): the category column holds the enum's name, not its order.
        Children = (await units.Where(o => o.ParentId == unit.Id)
                .Select(o => new { Row = new ChildRow(o.Id, o.Name, o.Type, o.IsActive), o.SortOrder, o.Category })
                .ToListAsync(cancellationToken))
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Category).ThenBy(c => c.Row.Name, StringComparer.Ordinal)
            .Select(c => c.Row)
            .ToList();
        if (unit.Secretary?.UserId is { } secretaryUserId)
        {
            SecretaryAccount = await db.Users.Where(u => u.Id == secretaryUserId).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken);
        }

        Years = await UnitHistory.LoadAsync(db, meetings, unit.Id, BeijingTime.Today(clock), cancellationToken);
        MayManage = User.MayManageUnits();
        MayRestructure = User.MayRestructure(await scope.RootAsync(cancellationToken), unit);
        if (MayManage)
        {
            var accounts = db.Users.Where(u => u.OrganizationId == unit.Id);
            var roles = await UserRoles.ForAsync(db, accounts, cancellationToken);
            Users = (await accounts.OrderBy(u => u.UserName).ToListAsync(cancellationToken))
                .Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.IsDisabled,
                    User.MayManage(roles.TryGetValue(u.Id, out var role) ? [role] : [])))
                .ToList();
        }

        if (HistoryModel.MaySee(User))
        {
            var changes = db.OrganizationChanges.Where(c => c.OrganizationId == unit.Id);
            ChangeCount = await changes.CountAsync(cancellationToken);
            Changes = await HistoryModel.PageAsync(changes, 1, cancellationToken);
        }

        return Page();
    }

    public sealed record ChildRow(Guid Id, string Name, OrganizationType Type, bool IsActive);

    public sealed record UserRow(Guid Id, string UserName, string DisplayName, bool IsDisabled, bool Manageable);
}
