using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Organizations;

/// <summary>What kind of change an <see cref="OrganizationChange"/> records.</summary>
public enum OrganizationChangeKind
{
    Created,
    Renamed,
    Classified,
    Moved,
    Deactivated,
    Reactivated,
    SecretaryChanged,
    SecretaryCleared,
    CodeChanged,
    SortOrderChanged,
    AccountCreated,
    AccountChanged,
    AccountDisabled,
    AccountEnabled,
    PasswordReset,
    RectificationReminded,
}

/// <summary>
/// One line of a unit's history (单位变更记录): who changed what about the unit, its secretary or its accounts, and when.
/// Written in the same transaction as the change; never edited or deleted. The text is for people (zh-CN) and names
/// no password.
/// </summary>
public sealed class OrganizationChange
{
    public const int DescriptionMaxLength = 500;
    public const int ActorNameMaxLength = 100;

    // For EF Core materialization.
    private OrganizationChange()
    {
        Description = null!;
        ActorName = null!;
    }

    private OrganizationChange(Guid organizationId, OrganizationChangeKind kind, string description, Guid? actorId, string actorName, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        OrganizationId = organizationId;
        Kind = kind;
        Description = description;
        ActorId = actorId;
        ActorName = actorName;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public OrganizationChangeKind Kind { get; private set; }

    public string Description { get; private set; }

    /// <summary>The user who made the change; null for the system (demo data, the first administrator).</summary>
    public Guid? ActorId { get; private set; }

    /// <summary>The actor's name as it was at the time, so the history still reads right after the account is renamed.</summary>
    public string ActorName { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static OrganizationChange Record(Guid organizationId, OrganizationChangeKind kind, string? description, Guid? actorId, string? actorName, DateTimeOffset at)
    {
        var text = Text.Required(description, DescriptionMaxLength, "变更内容", nameof(Description));
        var name = (actorName?.Trim() is { Length: > 0 } n ? n : "系统");
        return new OrganizationChange(organizationId, kind, text, actorId, name.Length > ActorNameMaxLength ? name[..ActorNameMaxLength] : name, at);
    }
}
