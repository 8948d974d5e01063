using Microsoft.AspNetCore.Mvc.Rendering;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Web.Pages.Organizations;

/// <summary>Units listed in tree order (each parent followed by its children, siblings by 排序号, then category, then name).</summary>
public static class UnitOptions
{
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
}

public interface ITreeRow
{
    Guid Id { get; }

    Guid? ParentId { get; }

    string Name { get; }

    OrganizationCategory Category { get; }

    int SortOrder { get; }
}
