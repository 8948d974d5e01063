namespace ReviewMeetings.Web.Data;

/// <summary>The hash of a password the user had before, so a new password cannot repeat a recent one.</summary>
public sealed class PasswordHistoryEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    public string PasswordHash { get; init; } = "";

    /// <summary>When this password stopped being the current one.</summary>
    public DateTimeOffset ReplacedAt { get; init; }
}
