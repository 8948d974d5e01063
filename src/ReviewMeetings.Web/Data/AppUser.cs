using Microsoft.AspNetCore.Identity;

namespace ReviewMeetings.Web.Data;

/// <summary>A signed-in person. The domain refers to users by id only; this type stays in the web project.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public const int UserNameMaxLength = 50;
    public const int DisplayNameMaxLength = 50;
    public const int DepartmentMaxLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>Where the person works, e.g. 清河区委组织部; shown next to the name.</summary>
    public string? Department { get; set; }

    /// <summary>The unit whose subtree the person may see.</summary>
    public Guid OrganizationId { get; set; }

    public bool IsDisabled { get; set; }

    /// <summary>Seeded demo account; refused at sign-in unless demo data is enabled (never in Production).</summary>
    public bool IsDemo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when an administrator chose the password (new account, reset, first administrator); cleared when the user changes it.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the current password was set; staff passwords expire from here (Passwords:ExpiryDays).</summary>
    public DateTimeOffset PasswordChangedAt { get; set; }
}
