using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>Shows which units that should report have no slot, and records why a unit is left out this year.</summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class CoverageModel(MeetingAccess access, MeetingSaver saver, AppDbContext db) : PageModel
{
    [BindProperty]
    public uint Version { get; set; }

    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<CoverageQuery.ScopeUnit> InScope { get; private set; } = [];

    public IReadOnlyList<CoverageQuery.ScopeUnit> Uncovered { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> UnitNames { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostExcludeAsync(Guid id, Guid unitId, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(id, async meeting =>
        {
            var unit = await db.Organizations.SingleOrDefaultAsync(o => o.Id == unitId, cancellationToken);
            var inScope = await CoverageQuery.UnitsInScopeAsync(db, meeting, cancellationToken);
            if (unit is null || inScope.All(u => u.Id != unitId))
            {
                throw new DomainException("该单位不在本次会议的覆盖范围内。");
            }

            meeting.Exclude(unit, reason);
            return $"已将“{unit.Name}”排除，原因：{reason?.Trim()}";
        }, cancellationToken);

    public Task<IActionResult> OnPostIncludeAsync(Guid id, Guid unitId, CancellationToken cancellationToken) =>
        ChangeAsync(id, meeting =>
        {
            meeting.Include(unitId);
            return Task.FromResult("已取消排除。");
        }, cancellationToken);

    public Task<IActionResult> OnPostScopeAsync(
        Guid id, List<OrganizationCategory> categories, List<OrganizationType> types, CancellationToken cancellationToken) =>
        ChangeAsync(id, meeting =>
        {
            meeting.SetCoverageScope(categories, types);
            return Task.FromResult("覆盖范围已更新。");
        }, cancellationToken);

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Meeting, Task<string>> change, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        if (await saver.TryChangeAsync(meeting, Version, ModelState, change) is { } message)
        {
            TempData["Message"] = message;
            return RedirectToPage(new { id });
        }

        await ShowAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        Version = meeting.Version;
        ModelState.Remove(nameof(Version));
        InScope = await CoverageQuery.UnitsInScopeAsync(db, meeting, cancellationToken);
        var uncovered = Coverage.Uncovered(InScope.Select(u => u.Id), meeting).ToHashSet();
        Uncovered = InScope.Where(u => uncovered.Contains(u.Id)).ToList();
        var excluded = meeting.Exclusions.Select(e => e.OrganizationId).ToList();
        UnitNames = await db.Organizations.Where(o => excluded.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return true;
    }
}
