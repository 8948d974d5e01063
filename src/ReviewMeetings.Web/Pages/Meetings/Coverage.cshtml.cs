using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>
/// Shows which units that should report have no slot, and records why a unit is left out this year. One list at a time
/// (uncovered, excluded or covered units), a hundred a page, with totals that count every unit in scope.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class CoverageModel(MeetingAccess access, MeetingSaver saver, AppDbContext db) : PageModel
{
    public const int PageSize = 100;

    [BindProperty]
    public uint Version { get; set; }

    /// <summary>Which list the page shows.</summary>
    [BindProperty(SupportsGet = true)]
    public CoverageList Show { get; set; }

    [BindProperty(SupportsGet = true, Name = PageSlice.Parameter)]
    public int? PageNumber { get; set; }

    public Meeting Meeting { get; private set; } = null!;

    public int InScopeCount { get; private set; }

    public int UncoveredCount { get; private set; }

    public int CoveredCount { get; private set; }

    /// <summary>The page of the list shown; its total is the whole list.</summary>
    public PageSlice Slice { get; private set; } = PageSlice.For(1, PageSize, 0);

    /// <summary>The page of uncovered or covered units in scope (for <see cref="CoverageList.Uncovered"/> and <see cref="CoverageList.Covered"/>).</summary>
    public IReadOnlyList<CoverageQuery.ScopeUnit> Units { get; private set; } = [];

    /// <summary>The page of exclusions (for <see cref="CoverageList.Excluded"/>).</summary>
    public IReadOnlyList<CoverageExclusion> Exclusions { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> UnitNames { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostExcludeAsync(Guid id, Guid unitId, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(id, async meeting =>
        {
            var unit = await db.Organizations.SingleOrDefaultAsync(o => o.Id == unitId, cancellationToken);
            var inScope = await CoverageQuery.InScopeAsync(db, meeting, cancellationToken);
            if (unit is null || !await inScope.AnyAsync(o => o.Id == unitId, cancellationToken))
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
            return RedirectToPage(new { id, show = Show == CoverageList.Uncovered ? null : Show.ToString(), p = PageNumber });
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
        var inScope = await CoverageQuery.InScopeAsync(db, meeting, cancellationToken);
        var reporting = db.Reporters.Where(r => r.MeetingId == meeting.Id).Select(r => r.OrganizationId);
        var excluded = meeting.Exclusions.Select(e => e.OrganizationId).ToList();
        var covered = inScope.Where(o => reporting.Contains(o.Id));
        var uncovered = inScope.Where(o => !reporting.Contains(o.Id) && !excluded.Contains(o.Id));
        InScopeCount = await inScope.CountAsync(cancellationToken);
        UncoveredCount = await uncovered.CountAsync(cancellationToken);
        CoveredCount = await covered.CountAsync(cancellationToken);
        if (Show == CoverageList.Excluded)
        {
            Slice = PageSlice.For(PageNumber, PageSize, meeting.Exclusions.Count);
            Exclusions = [.. Slice.Of(meeting.Exclusions)];
            var shown = Exclusions.Select(e => e.OrganizationId).ToList();
            UnitNames = await db.Organizations.Where(o => shown.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        }
        else
        {
            Slice = PageSlice.For(PageNumber, PageSize, Show == CoverageList.Covered ? CoveredCount : UncoveredCount);
            Units = await CoverageQuery.InOrder(Show == CoverageList.Covered ? covered : uncovered)
                .Skip(Slice.Skip).Take(Slice.Size).ToListAsync(cancellationToken);
        }

        return true;
    }
}

/// <summary>The lists of the coverage page.</summary>
public enum CoverageList
{
    /// <summary>Units in scope with neither a slot nor a reason (the default: what is left to do).</summary>
    Uncovered,

    /// <summary>Units left out this year with a reason.</summary>
    Excluded,

    /// <summary>Units in scope that report.</summary>
    Covered,
}
