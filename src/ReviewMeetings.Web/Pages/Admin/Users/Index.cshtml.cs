using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Admin.Users;

[Authorize(Roles = AccountRights.Managers)]
public sealed class IndexModel(OrganizationScope scope, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Role? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool ShowDisabled { get; set; } = true;

    [BindProperty(SupportsGet = true, Name = PageSlice.Parameter)]
    public int? PageNumber { get; set; }

    public const int PageSize = 100;

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    /// <summary>The page of accounts shown; its total is every account that matches the filter.</summary>
    public PageSlice Slice { get; private set; } = PageSlice.For(1, PageSize, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var users = await scope.UsersAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            users = users.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q) || (u.Department != null && u.Department.Contains(q)));
        }

        if (!ShowDisabled)
        {
            users = users.Where(u => !u.IsDisabled);
        }

        if (Role is { } role)
        {
            var roleName = role.ToString();
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == roleName)));
        }

        Slice = PageSlice.For(PageNumber, PageSize, await users.CountAsync(cancellationToken));
        var shown = users.OrderBy(u => u.UserName).ThenBy(u => u.Id).Skip(Slice.Skip).Take(Slice.Size);
        var roles = await UserRoles.ForAsync(db, shown, cancellationToken);
        var now = clock.GetUtcNow();
        Users = (await shown
                .Join(db.Organizations, u => u.OrganizationId, o => o.Id, (u, o) => new { u, UnitName = o.Name })
                .OrderBy(x => x.u.UserName).ThenBy(x => x.u.Id)
                .ToListAsync(cancellationToken))
            .Select(x => new UserRow(
                x.u.Id,
                x.u.UserName!,
                x.u.DisplayName,
                x.u.Department,
                roles.TryGetValue(x.u.Id, out var r) ? r : null,
                x.UnitName,
                x.u.IsDisabled ? "已停用" : x.u.LockoutEnd > now ? "锁定中" : "正常",
                User.MayManage(roles.TryGetValue(x.u.Id, out var held) ? [held] : [])))
            .ToList();
    }

    public sealed record UserRow(Guid Id, string UserName, string DisplayName, string? Department, Role? Role, string UnitName, string Status, bool Manageable);
}
