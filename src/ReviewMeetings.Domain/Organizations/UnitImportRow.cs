namespace ReviewMeetings.Domain.Organizations;

/// <summary>The columns of the unit import template (批量导入模板), by their Chinese header.</summary>
public static class UnitImportColumns
{
    public const string Code = "党组织代码";
    public const string Name = "党组织名称";
    public const string Parent = "上级党组织";
    public const string Type = "组织类型";
    public const string Category = "所属领域";
    public const string SortOrder = "排序号";
    public const string SecretaryName = "书记姓名";
    public const string SecretaryTitle = "书记职务";
    public const string SecretaryPhone = "书记手机号";
    public const string Account = "登录账号";

    /// <summary>Every column, in the template's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Code, Name, Parent, Type, Category, SortOrder, SecretaryName, SecretaryTitle, SecretaryPhone, Account];

    /// <summary>Columns a file must have in its header row.</summary>
    public static IReadOnlyList<string> Required { get; } = [Name, Parent, Type, Category];
}

/// <summary>
/// One data row of an import file as text, exactly as read (trimmed), with the cell problems the reader found
/// (merged cells, formulas). <see cref="RowNumber"/> is the spreadsheet's row number (the header is row 1).
/// </summary>
public sealed record UnitImportRow(int RowNumber, IReadOnlyDictionary<string, string> Cells)
{
    public IReadOnlyList<UnitImportProblem> CellProblems { get; init; } = [];

    public string this[string column] => Cells.TryGetValue(column, out var value) ? value.Trim() : "";
}

/// <summary>What is wrong with one cell of an import file: row, column and a Chinese reason.</summary>
public sealed record UnitImportProblem(int RowNumber, string Column, string Reason);

/// <summary>A unit as stored, as the planner sees it.</summary>
public sealed record ExistingUnit(
    Guid Id,
    Guid? ParentId,
    string Name,
    string? Code,
    OrganizationType Type,
    OrganizationCategory Category,
    int SortOrder,
    bool IsActive,
    ExistingSecretary? Secretary);

/// <summary>A unit's stored secretary, with the user name of the linked account (if any).</summary>
public sealed record ExistingSecretary(string Name, string? Title, string? Phone, string? UserName);

/// <summary>
/// What the planner needs to know about the stored tree: the user's subtree (<see cref="Units"/>, its top
/// <see cref="ScopeRootId"/>), the names above it (from the tree's root down to the scope root's parent), codes used
/// outside the subtree and the existing accounts the file names (user name to the unit of the account).
/// <see cref="MayRestructureRoot"/>: whether the user may change the scope root's own name, type, field, code and order
/// (an administrator); an organizer's own unit belongs to the level above, so only its secretary may change.
/// </summary>
public sealed record UnitImportContext(
    IReadOnlyList<ExistingUnit> Units,
    Guid ScopeRootId,
    IReadOnlyList<string> AncestorNames,
    IReadOnlySet<string> CodesOutsideScope,
    IReadOnlyDictionary<string, Guid> Accounts,
    bool MayRestructureRoot = false);
