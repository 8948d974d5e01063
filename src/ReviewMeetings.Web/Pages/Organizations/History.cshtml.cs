using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations;

/// <summary>A unit's whole 变更记录, latest first, a page at a time; the details page shows the first page.</summary>
[Authorize(Roles = Readers)]
public sealed class HistoryModel(OrganizationScope scope, AppDbContext db) : PageModel
{
    /// <summary>Staff, and observers who read what staff do; secretaries see their unit but not who changed it.</summary>
    public const string Readers = RoleNames.MeetingStaff + "," + RoleNames.Observer;

    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Organization Unit { get; private set; } = null!;

    public IReadOnlyList<ChangeRow> Changes { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var unit = await scope.FindUnitAsync(id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        Unit = unit;
        var changes = db.OrganizationChanges.Where(c => c.OrganizationId == id);
        Total = await changes.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Changes = await PageAsync(changes, PageNumber, cancellationToken);
        return Page();
    }

    public static bool MaySee(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Readers.Split(',').Any(user.IsInRole);
    }

    public static async Task<IReadOnlyList<ChangeRow>> PageAsync(IQueryable<OrganizationChange> changes, int pageNumber, CancellationToken cancellationToken) =>
        await changes.OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new ChangeRow(c.At, c.ActorName, c.Description))
            .ToListAsync(cancellationToken);

    public sealed record ChangeRow(DateTimeOffset At, string ActorName, string Description);
}
