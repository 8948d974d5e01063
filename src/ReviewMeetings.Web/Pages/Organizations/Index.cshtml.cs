using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations;

[Authorize]
public sealed class IndexModel(UnitTree tree) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganizationCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganizationType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool ShowInactive { get; set; }

    /// <summary>Only units without a registered secretary (the dashboard links here).</summary>
    [BindProperty(SupportsGet = true)]
    public bool NoSecretary { get; set; }

    [BindProperty(SupportsGet = true, Name = PageSlice.Parameter)]
    public int? PageNumber { get; set; }

    public const int PageSize = 100;

    public IReadOnlyList<TreeUnit> Units { get; private set; } = [];

    /// <summary>The page of the tree shown; its total is every unit that matches the filter.</summary>
    public PageSlice Slice { get; private set; } = PageSlice.For(1, PageSize, 0);

    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || Category is not null || Type is not null || NoSecretary;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var units = await tree.LoadAsync(includeInactive: ShowInactive, cancellationToken);
        var query = Q?.Trim();
        var matching = !Filtered ? units.Units : units.Units
            .Where(r => string.IsNullOrEmpty(query)
                || r.Name.Contains(query, StringComparison.OrdinalIgnoreCase)
                || (r.SecretaryName?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false))
            .Where(r => Category is null || r.Category == Category)
            .Where(r => Type is null || r.Type == Type)
            .Where(r => !NoSecretary || r.SecretaryName is null)
            .ToList();
        Slice = PageSlice.For(PageNumber, PageSize, matching.Count);
        Units = Slice.Of(matching).Select(r => r with { Depth = r.Depth - units.MinDepth }).ToList();
    }
}
