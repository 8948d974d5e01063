using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Web.Pages.Organizations;

/// <summary>
/// What a unit picker (<see cref="UnitPickerTagHelper"/>) shows: the chosen unit and, after a search without script,
/// the matching units. A city has thousands of units, so the page never lists the subtree; it searches the database,
/// by part of the name or by 党组织代码, for at most <see cref="MaxShown"/> active units of the user's scope.
/// </summary>
public sealed class UnitPicker
{
    public const int MaxShown = 50;

    /// <summary>The name of the text field both the no-script search and the script's search send.</summary>
    public const string SearchField = "unitSearch";

    /// <summary>The page handler that searches without script (a POST of the whole form, so nothing typed is lost).</summary>
    public const string FindHandler = "FindUnit";

    /// <summary>The page handler that answers the script's searches with JSON.</summary>
    public const string UnitsHandler = "Units";

    private UnitPicker(UnitChoice? selected, UnitMatches? matches, string? search)
    {
        Selected = selected;
        Matches = matches;
        Search = search;
    }

    public UnitChoice? Selected { get; }

    /// <summary>What the last search without script found; null when none was made.</summary>
    public UnitMatches? Matches { get; }

    public string? Search { get; }

    /// <param name="units">The user's scope (<see cref="Infrastructure.OrganizationScope.UnitsAsync"/>).</param>
    /// <param name="search">The text of a search without script, or null when the page is not showing one.</param>
    /// <param name="excludedSubtree">The path of a subtree that may not be picked (a unit being moved).</param>
    public static async Task<UnitPicker> LoadAsync(
        IQueryable<Organization> units, Guid? selected, string? search = null, string? excludedSubtree = null, CancellationToken cancellationToken = default)
    {
        var chosen = selected is { } id
            ? (await Choices(units, units.Where(o => o.Id == id)).ToListAsync(cancellationToken)).SingleOrDefault()
            : null;
        var matches = search is null ? null : await FindAsync(units, search, excludedSubtree, cancellationToken);
        return new UnitPicker(chosen, matches, search?.Trim());
    }

    /// <summary>The script's search: the matches as JSON, in the same order the page would show them.</summary>
    public static async Task<JsonResult> JsonAsync(IQueryable<Organization> units, string? search, string? excludedSubtree, CancellationToken cancellationToken)
    {
        var matches = await FindAsync(units, search, excludedSubtree, cancellationToken);
        return new JsonResult(new
        {
            total = matches.Total,
            more = matches.More,
            units = matches.Units.Select(u => new { id = u.Id, name = u.Name, parent = u.ParentName, code = u.Code, path = u.Path }),
        });
    }

    /// <summary>Active units of <paramref name="units"/> whose name contains the text or whose code starts with it, at most <see cref="MaxShown"/>.</summary>
    public static async Task<UnitMatches> FindAsync(IQueryable<Organization> units, string? search, string? excludedSubtree, CancellationToken cancellationToken)
    {
        var matching = units.Where(o => o.IsActive);
        if (excludedSubtree is not null)
        {
            matching = matching.Where(o => !o.Path.StartsWith(excludedSubtree));
        }

        var text = search?.Trim() ?? "";
        if (text.Length > Organization.NameMaxLength)
        {
            text = text[..Organization.NameMaxLength];
        }

        if (text.Length > 0)
        {
            var escaped = text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
            matching = matching.Where(o => EF.Functions.ILike(o.Name, "%" + escaped + "%", @"\") || (o.Code != null && EF.Functions.ILike(o.Code, escaped + "%", @"\")));
        }

        var total = await matching.CountAsync(cancellationToken);
        // An exact name first, then the higher levels: a user who types a whole name, or the start of a tree, finds it on top.
        var shown = await Choices(units, matching
                .OrderBy(o => o.Name == text ? 0 : 1).ThenBy(o => o.Depth).ThenBy(o => o.SortOrder).ThenBy(o => o.Name).ThenBy(o => o.Id)
                .Take(MaxShown))
            .ToListAsync(cancellationToken);
        return new UnitMatches(shown, total);
    }

    private static IQueryable<UnitChoice> Choices(IQueryable<Organization> scope, IQueryable<Organization> units) =>
        units.Select(o => new UnitChoice(o.Id, o.Name, scope.Where(p => p.Id == o.ParentId).Select(p => p.Name).FirstOrDefault(), o.Code, o.IsActive));
}

/// <summary>One unit as a picker lists it: with its parent's name (when in scope), so two units of one name are told apart.</summary>
public sealed record UnitChoice(Guid Id, string Name, string? ParentName, string? Code, bool IsActive)
{
    /// <summary>"上级 / 本级", the way the picker shows where the unit stands.</summary>
    public string Path => ParentName is null ? Name : $"{ParentName} / {Name}";
}

public sealed record UnitMatches(IReadOnlyList<UnitChoice> Units, int Total)
{
    public int More => Total - Units.Count;
}
