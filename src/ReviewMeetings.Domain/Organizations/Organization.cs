using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Organizations;

/// <summary>
/// A Party organization (党组织/单位) in the tree. <see cref="Path"/> lists the ids from the root down to this unit,
/// so "is in the subtree of" is a prefix test that the database can answer with an index.
/// </summary>
public sealed class Organization
{
    public const int NameMaxLength = 100;
    public const int PathMaxLength = 33 * MaxDepth;
    public const int MaxDepth = 12;
    public const int CodeMaxLength = 50;
    public const int MaxSortOrder = 999_999;

    // For EF Core materialization.
    private Organization()
    {
        Name = null!;
        Path = null!;
    }

    private Organization(Guid id, string name, OrganizationType type, OrganizationCategory category, Organization? parent)
    {
        Id = id;
        Name = name;
        Type = type;
        Category = category;
        ParentId = parent?.Id;
        Path = (parent?.Path ?? "") + Segment(id);
        Depth = parent is null ? 0 : parent.Depth + 1;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public OrganizationType Type { get; private set; }

    public OrganizationCategory Category { get; private set; }

    public Guid? ParentId { get; private set; }

    public string Path { get; private set; }

    public int Depth { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>
    /// 党组织代码: an optional stable key from the department's own register (e.g. the 全国党员管理信息系统 code), unique
    /// when set. A re-import matches units by it; without it the full path of names is the key.
    /// </summary>
    public string? Code { get; private set; }

    /// <summary>排序号: where the unit stands among its siblings (smaller first; equal numbers fall back to category and name).</summary>
    public int SortOrder { get; private set; }

    public Secretary? Secretary { get; private set; }

    /// <summary>PostgreSQL xmin; lets a save notice that someone else changed the unit since it was read.</summary>
    public uint Version { get; private set; }

    public static Organization CreateRoot(string? name, OrganizationType type, OrganizationCategory category) =>
        new(Guid.CreateVersion7(), CheckName(name), type, category, parent: null);

    public static Organization CreateChild(Organization parent, string? name, OrganizationType type, OrganizationCategory category)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (!parent.IsActive)
        {
            throw new DomainException("上级党组织已停用，不能在其下新建单位。", nameof(ParentId));
        }

        if (parent.Depth + 1 >= MaxDepth)
        {
            throw new DomainException($"组织层级不能超过{MaxDepth}级。", nameof(ParentId));
        }

        return new Organization(Guid.CreateVersion7(), CheckName(name), type, category, parent);
    }

    public bool Contains(Organization other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Path.StartsWith(Path, StringComparison.Ordinal);
    }

    public void Rename(string? name) => Name = CheckName(name);

    public void Classify(OrganizationType type, OrganizationCategory category)
    {
        Type = type;
        Category = category;
    }

    /// <summary>
    /// Moves this unit and its whole subtree under <paramref name="newParent"/>.
    /// <paramref name="descendants"/> must be every unit below this one, since their paths change too.
    /// </summary>
    public void MoveUnder(Organization newParent, IReadOnlyCollection<Organization> descendants)
    {
        ArgumentNullException.ThrowIfNull(newParent);
        ArgumentNullException.ThrowIfNull(descendants);
        if (ParentId is null)
        {
            throw new DomainException("根组织不能移动。", nameof(ParentId));
        }

        if (Contains(newParent))
        {
            throw new DomainException("不能把单位移动到它自己或它的下级单位之下。", nameof(ParentId));
        }

        if (!newParent.IsActive)
        {
            throw new DomainException("目标上级党组织已停用。", nameof(ParentId));
        }

        if (descendants.Any(d => !Contains(d) || d.Id == Id))
        {
            throw new ArgumentException("Only units below this one may be passed as descendants.", nameof(descendants));
        }

        var deepest = descendants.Count == 0 ? Depth : descendants.Max(d => d.Depth);
        var shift = newParent.Depth + 1 - Depth;
        if (deepest + shift >= MaxDepth)
        {
            throw new DomainException($"移动后组织层级将超过{MaxDepth}级。", nameof(ParentId));
        }

        var oldPath = Path;
        var newPath = newParent.Path + Segment(Id);
        foreach (var unit in descendants)
        {
            unit.Path = newPath + unit.Path[oldPath.Length..];
            unit.Depth += shift;
        }

        ParentId = newParent.Id;
        Path = newPath;
        Depth = newParent.Depth + 1;
    }

    /// <summary>Stops using the unit. Units below it must be deactivated first so nothing active hangs off an inactive parent.</summary>
    public void Deactivate(IEnumerable<Organization> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        if (ParentId is null)
        {
            throw new DomainException("根组织不能停用。");
        }

        if (children.Any(c => c.IsActive))
        {
            throw new DomainException("该单位还有启用中的下级单位，请先停用或移走下级单位。");
        }

        IsActive = false;
    }

    public void Reactivate(Organization? parent)
    {
        if (parent is { IsActive: false })
        {
            throw new DomainException("上级党组织已停用，请先启用上级党组织。");
        }

        IsActive = true;
    }

    /// <summary>
    /// Sets or clears the 党组织代码: letters, digits and "-", "_", "." only, so it survives spreadsheets and URLs. Codes do
    /// not depend on case (a spreadsheet may change it): stored in upper case, so "ab12" and "AB12" are one code.
    /// </summary>
    public void SetCode(string? code)
    {
        var trimmed = Text.Optional(code, CodeMaxLength, "党组织代码", nameof(Code));
        if (trimmed is not null && !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new DomainException("党组织代码只能包含字母、数字和“-_.”。", nameof(Code));
        }

        Code = trimmed?.ToUpperInvariant();
    }

    public void SetSortOrder(int sortOrder) =>
        SortOrder = sortOrder is >= 0 and <= MaxSortOrder
            ? sortOrder
            : throw new DomainException($"排序号应为0到{MaxSortOrder}之间的整数。", nameof(SortOrder));

    public void AssignSecretary(Secretary secretary) => Secretary = secretary ?? throw new ArgumentNullException(nameof(secretary));

    public void ClearSecretary() => Secretary = null;

    private static string CheckName(string? name) => Text.Required(name, NameMaxLength, "单位名称", nameof(Name));

    private static string Segment(Guid id) => id.ToString("N") + "/";
}
