using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Web.Pages.Organizations;

/// <summary>Units listed in tree order (each parent followed by its children, siblings by 排序号, then category, then name).</summary>
public static class UnitOptions
{
    public static async Task<List<SelectListItem>> LoadAsync(
        IQueryable<Organization> units, Guid? selected, Guid? excludeSubtreeOf = null, CancellationToken cancellationToken = default)
    {
        var rows = await units.Where(o => o.IsActive)
            .Select(o => new TreeRow(o.Id, o.ParentId, o.Name, o.Category, o.SortOrder, o.Depth, o.Path))
            .ToListAsync(cancellationToken);
        var excludedPath = excludeSubtreeOf is { } excluded ? rows.FirstOrDefault(r => r.Id == excluded)?.Path : null;
        var minDepth = rows.Count == 0 ? 0 : rows.Min(r => r.Depth);
        return InTreeOrder(rows)
            .Where(r => excludedPath is null || !r.Path.StartsWith(excludedPath, StringComparison.Ordinal))
            .Select(r => new SelectListItem(new string('　', r.Depth - minDepth) + r.Name, r.Id.ToString(), r.Id == selected))
            .ToList();
    }

    public static List<T> InTreeOrder<T>(IReadOnlyCollection<T> rows)
        where T : ITreeRow
    {
        var ids = rows.Select(r => r.Id).ToHashSet();
        var children = rows.ToLookup(r => r.ParentId is { } parent && ids.Contains(parent) ? parent : (Guid?)null);
        var ordered = new List<T>(rows.Count);
        void Visit(Guid? parent)
        {
            foreach (var row in children[parent].OrderBy(r => r.SortOrder).ThenBy(r => r.Category).ThenBy(r => r.Name, StringComparer.Ordinal))
            {
                ordered.Add(row);
                Visit(row.Id);
            }
        }

        Visit(null);
        return ordered;
    }

    public static IEnumerable<SelectListItem> Types() =>
        Enum.GetValues<OrganizationType>().Select(t => new SelectListItem(t.ChineseName(), t.ToString()));

    public static IEnumerable<SelectListItem> Categories() =>
        Enum.GetValues<OrganizationCategory>().Select(c => new SelectListItem(c.ChineseName(), c.ToString()));

    private sealed record TreeRow(Guid Id, Guid? ParentId, string Name, OrganizationCategory Category, int SortOrder, int Depth, string Path)
        : ITreeRow;
}

public interface ITreeRow
{
    Guid Id { get; }

    Guid? ParentId { get; }

    string Name { get; }

    OrganizationCategory Category { get; }

    int SortOrder { get; }
}
