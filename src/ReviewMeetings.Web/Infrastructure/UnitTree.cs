using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// The units of the signed-in user's scope in tree order (each parent followed by its children, siblings by 排序号, then
/// category, then name), for the pages that show or count a whole subtree: the unit tree and the dashboard. Reading and ordering a city's 5,000 units on every
/// request was most of those pages' cost under load, and the tree seldom changes; so the ordered list is kept in memory
/// per scope and reused while <c>organization_tree_version</c> is the same. A trigger raises that counter in the same
/// transaction as every statement that changes <c>organizations</c> (migration OrganizationTreeVersion), and it is read
/// on every request, before the tree, so a change made through any app instance or in SQL is seen at once.
/// </summary>
public sealed class UnitTree(OrganizationScope scope, AppDbContext db, IMemoryCache cache)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    /// <summary>The scope's units (active ones only unless <paramref name="includeInactive"/>) in tree order. Shared: do not change it.</summary>
    public async Task<ScopeTree> LoadAsync(bool includeInactive, CancellationToken cancellationToken = default)
    {
        var root = await scope.RootAsync(cancellationToken);
        if (root.OwnUnitOnly)
        {
            return ScopeTree.Of(await ReadAsync(await scope.UnitsAsync(cancellationToken), includeInactive, cancellationToken));
        }

        var version = await db.Database.SqlQuery<long>($"""SELECT version AS "Value" FROM organization_tree_version WHERE id = 1""").SingleAsync(cancellationToken);
        var key = (nameof(UnitTree), root.Path, includeInactive);
        if (cache.TryGetValue(key, out Cached? cached) && cached!.Version == version)
        {
            return cached.Tree;
        }

        var tree = ScopeTree.Of(await ReadAsync(await scope.UnitsAsync(cancellationToken), includeInactive, cancellationToken));
        cache.Set(key, new Cached(version, tree), new MemoryCacheEntryOptions { SlidingExpiration = Idle });
        return tree;
    }

    private static async Task<List<TreeUnit>> ReadAsync(IQueryable<Organization> units, bool includeInactive, CancellationToken cancellationToken)
    {
        if (!includeInactive)
        {
            units = units.Where(o => o.IsActive);
        }

        var rows = await units.AsNoTracking()
            .Select(o => new TreeUnit(o.Id, o.ParentId, o.Name, o.Type, o.Category, o.SortOrder, o.Depth, o.IsActive,
                o.Secretary == null ? null : o.Secretary.Name, o.Secretary == null ? null : o.Secretary.Title))
            .ToListAsync(cancellationToken);
        return InTreeOrder(rows);
    }

    private static List<TreeUnit> InTreeOrder(List<TreeUnit> rows)
    {
        var ids = rows.Select(r => r.Id).ToHashSet();
        var children = rows.ToLookup(r => r.ParentId is { } parent && ids.Contains(parent) ? parent : (Guid?)null);
        var ordered = new List<TreeUnit>(rows.Count);
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

    private sealed record Cached(long Version, ScopeTree Tree);
}

/// <summary>A scope's units in tree order, with the depth of its top unit (pages indent relative to it).</summary>
public sealed record ScopeTree(IReadOnlyList<TreeUnit> Units, int MinDepth)
{
    public static ScopeTree Of(List<TreeUnit> units) => new(units, units.Count == 0 ? 0 : units.Min(u => u.Depth));
}

public sealed record TreeUnit(
    Guid Id,
    Guid? ParentId,
    string Name,
    OrganizationType Type,
    OrganizationCategory Category,
    int SortOrder,
    int Depth,
    bool IsActive,
    string? SecretaryName,
    string? SecretaryTitle);
