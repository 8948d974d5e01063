using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations;

[Authorize]
public sealed class IndexModel(OrganizationScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganizationCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganizationType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool ShowInactive { get; set; }

    [BindProperty(SupportsGet = true, Name = PageSlice.Parameter)]
    public int? PageNumber { get; set; }

    public const int PageSize = 100;

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    /// <summary>The page of the tree shown; its total is every unit that matches the filter.</summary>
    public PageSlice Slice { get; private set; } = PageSlice.For(1, PageSize, 0);

    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || Category is not null || Type is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var units = await scope.UnitsAsync(cancellationToken);
        if (!ShowInactive)
        {
            units = units.Where(o => o.IsActive);
        }

        var rows = await units
            .Select(o => new UnitRow(o.Id, o.ParentId, o.Name, o.Type, o.Category, o.SortOrder, o.Depth, o.IsActive,
                o.Secretary == null ? null : o.Secretary.Name, o.Secretary == null ? null : o.Secretary.Title))
            .ToListAsync(cancellationToken);
        var minDepth = rows.Count == 0 ? 0 : rows.Min(r => r.Depth);
        var query = Q?.Trim();
        var matching = UnitOptions.InTreeOrder(rows)
            .Where(r => string.IsNullOrEmpty(query)
                || r.Name.Contains(query, StringComparison.OrdinalIgnoreCase)
                || (r.SecretaryName?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false))
            .Where(r => Category is null || r.Category == Category)
            .Where(r => Type is null || r.Type == Type)
            .ToList();
        Slice = PageSlice.For(PageNumber, PageSize, matching.Count);
        Units = Slice.Of(matching).Select(r => r with { Depth = r.Depth - minDepth }).ToList();
    }

    public sealed record UnitRow(
        Guid Id,
        Guid? ParentId,
        string Name,
        OrganizationType Type,
        OrganizationCategory Category,
        int SortOrder,
        int Depth,
        bool IsActive,
        string? SecretaryName,
        string? SecretaryTitle) : ITreeRow;
}
