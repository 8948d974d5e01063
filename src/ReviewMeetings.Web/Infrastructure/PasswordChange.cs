using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>Passwords:ExpiryDays: how long a staff member's password lasts (0: no expiry).</summary>
public sealed record PasswordExpiryOptions(int ExpiryDays)
{
    public const int DefaultExpiryDays = 90;

    public static PasswordExpiryOptions From(IConfiguration configuration)
    {
        var days = configuration.GetValue("Passwords:ExpiryDays", DefaultExpiryDays);
        return days >= 0 ? new(days) : throw new InvalidOperationException("Passwords:ExpiryDays must be 0 (no expiry) or more.");
    }
}

/// <summary>
/// Why a signed-in user must change their password before doing anything else: an administrator chose it
/// (new account, reset, first administrator), or a staff password (Administrator, Organizer) has expired.
/// The reason travels as a claim, refreshed with the security stamp every minute, so no request needs a query.
/// </summary>
internal static class PasswordChange
{
    public const string ClaimType = "password_change";
    public const string SetByAdministrator = "set_by_administrator";
    public const string Expired = "expired";
    public const string PagePath = "/Account/ChangePassword";

    /// <summary>Staff in the sense of docs/domain.md §5: the people who run meetings and the system.</summary>
    private static readonly string[] StaffRoles = [RoleNames.Administrator, RoleNames.Organizer];

    public static string? Reason(AppUser user, ClaimsIdentity identity, string roleClaimType, PasswordExpiryOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(options);
        if (user.MustChangePassword)
        {
            return SetByAdministrator;
        }

        // Demo accounts keep their published password (they only work where demo data is enabled, never in Production).
        var isStaff = StaffRoles.Any(role => identity.HasClaim(roleClaimType, role));
        return isStaff && !user.IsDemo && options.ExpiryDays > 0 && user.PasswordChangedAt.AddDays(options.ExpiryDays) <= now
            ? Expired
            : null;
    }

    /// <summary>Sends a user who must change their password to the change page from everywhere but that page, sign-out and error pages.</summary>
    public static WebApplication UsePasswordChangeGate(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.User.HasClaim(c => c.Type == ClaimType)
                && !path.StartsWithSegments(PagePath, StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments("/Account/Logout", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments("/Error", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Redirect(PagePath);
                return;
            }

            await next();
        });
        return app;
    }
}

/// <summary>
/// Records every password change: the replaced hash goes into the password history (the last few are kept for
/// PasswordRules) and the change time is stamped from the TimeProvider, in the same save as the new hash.
/// </summary>
internal sealed class AppUserManager(
    IUserStore<AppUser> store,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    AppDbContext db,
    TimeProvider clock)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override Task<IdentityResult> CreateAsync(AppUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.PasswordChangedAt = clock.GetUtcNow();
        return base.CreateAsync(user, password);
    }

    /// <summary>The user's own change: it also ends a forced change.</summary>
    public override Task<IdentityResult> ChangePasswordAsync(AppUser user, string currentPassword, string newPassword) =>
        ReplaceAsync(user, mustChangeAfter: false, () => base.ChangePasswordAsync(user, currentPassword, newPassword));

    /// <summary>Only administrators reset passwords here; the caller decides whether the user must change it (they should).</summary>
    public override Task<IdentityResult> ResetPasswordAsync(AppUser user, string token, string newPassword) =>
        ReplaceAsync(user, mustChangeAfter: null, () => base.ResetPasswordAsync(user, token, newPassword));

    private async Task<IdentityResult> ReplaceAsync(AppUser user, bool? mustChangeAfter, Func<Task<IdentityResult>> replace)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (oldHash, oldChangedAt, oldMustChange) = (user.PasswordHash, user.PasswordChangedAt, user.MustChangePassword);
        var now = clock.GetUtcNow();
        // Saved by the user update inside Identity, together with the new hash, or not at all.
        var entry = oldHash is null ? null : db.PasswordHistory.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = oldHash, ReplacedAt = now });
        user.PasswordChangedAt = now;
        user.MustChangePassword = mustChangeAfter ?? user.MustChangePassword;

        var result = await replace();
        if (!result.Succeeded)
        {
            if (entry is not null)
            {
                entry.State = EntityState.Detached;
            }

            (user.PasswordChangedAt, user.MustChangePassword) = (oldChangedAt, oldMustChange);
            return result;
        }

        var stale = await db.PasswordHistory.Where(e => e.UserId == user.Id)
            .OrderByDescending(e => e.ReplacedAt).ThenByDescending(e => e.Id)
            .Skip(PasswordRules.RememberedPasswords - 1)
            .Select(e => e.Id)
            .ToListAsync();
        if (stale.Count > 0)
        {
            await db.PasswordHistory.Where(e => stale.Contains(e.Id)).ExecuteDeleteAsync();
        }

        return result;
    }
}
