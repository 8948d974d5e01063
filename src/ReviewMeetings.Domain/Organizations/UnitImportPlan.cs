using System.Security.Cryptography;
using System.Text;

namespace ReviewMeetings.Domain.Organizations;

public enum UnitImportAction
{
    Error,
    Create,
    Move,
    Update,
    Unchanged,
}

public enum UnitImportAccount
{
    None,
    Create,
    Link,
}

/// <summary>One change a row makes to a unit: its kind and the Chinese line for the unit's history.</summary>
public sealed record PlannedChange(OrganizationChangeKind Kind, string Description);

/// <summary>The secretary a row sets (the row's 书记姓名 was filled in).</summary>
public sealed record PlannedSecretary(string Name, string? Title, string? Phone);

/// <summary>What the import does with one row of the file.</summary>
public sealed record PlannedUnit
{
    public required int RowNumber { get; init; }

    public required UnitImportAction Action { get; init; }

    public required string Name { get; init; }

    /// <summary>The row's place in the tree as names, e.g. 中共江州市委员会/中共清河区委员会/某党委.</summary>
    public required string FullPath { get; init; }

    /// <summary>The stored unit the row stands for; null when the row creates one.</summary>
    public Guid? ExistingId { get; init; }

    /// <summary>The parent when it is a stored unit (null for a parent created by the file or the scope root's own parent).</summary>
    public Guid? ParentId { get; init; }

    /// <summary>The row number of the parent when the file creates the parent.</summary>
    public int? ParentRow { get; init; }

    public string? Code { get; init; }

    public OrganizationType Type { get; init; }

    public OrganizationCategory Category { get; init; }

    public int SortOrder { get; init; }

    /// <summary>The secretary to record; null keeps what is stored.</summary>
    public PlannedSecretary? Secretary { get; init; }

    /// <summary>True when the stored secretary (or its account) changes.</summary>
    public bool SecretaryChanged { get; init; }

    /// <summary>The account to link as the secretary's (登录账号); null keeps or, for a new secretary, clears the link.</summary>
    public string? AccountUserName { get; init; }

    public UnitImportAccount AccountAction { get; init; }

    /// <summary>What changes, one Chinese sentence each (the unit history's lines).</summary>
    public IReadOnlyList<PlannedChange> Changes { get; init; } = [];

    public IReadOnlyList<UnitImportProblem> Problems { get; init; } = [];
}

/// <summary>
/// The outcome of planning an import: every row with its action, in an order that can be applied (a parent before
/// its children), and a fingerprint that changes whenever anything the plan would do changes.
/// </summary>
public sealed class UnitImportPlan
{
    public UnitImportPlan(IReadOnlyList<PlannedUnit> rows)
    {
        Rows = rows ?? throw new ArgumentNullException(nameof(rows));
        Fingerprint = Digest(rows);
    }

    public IReadOnlyList<PlannedUnit> Rows { get; }

    public string Fingerprint { get; }

    public bool HasErrors => Rows.Any(r => r.Action == UnitImportAction.Error);

    public int Count(UnitImportAction action) => Rows.Count(r => r.Action == action);

    public IEnumerable<UnitImportProblem> Problems => Rows.SelectMany(r => r.Problems).OrderBy(p => p.RowNumber);

    private static string Digest(IEnumerable<PlannedUnit> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows.OrderBy(r => r.RowNumber))
        {
            text.Append(row.RowNumber).Append('|').Append(row.Action).Append('|').Append(row.ExistingId).Append('|')
                .Append(row.ParentId).Append('|').Append(row.ParentRow).Append('|').Append(row.FullPath).Append('|')
                .Append(row.AccountAction).Append('|').Append(string.Join("；", row.Changes.Select(c => c.Description))).Append('|')
                .Append(string.Join("；", row.Problems.Select(p => p.Column + p.Reason))).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
