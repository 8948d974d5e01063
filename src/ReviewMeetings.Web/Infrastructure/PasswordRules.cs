using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// The password policy beyond Identity's minimum length: three kinds of character, not a common or leaked password
/// (nor one with only digits or symbols around it), not containing the user name, none of the last five passwords.
/// </summary>
internal sealed class PasswordRules(AppDbContext db, IPasswordHasher<AppUser> hasher, CommonPasswords common) : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 10;

    /// <summary>The current password and the ones before it that a new password may not repeat.</summary>
    public const int RememberedPasswords = 5;

    /// <summary>Shown under every field where a new password is chosen.</summary>
    public const string Hint = "至少10个字符，须包含大写字母、小写字母、数字和符号中的至少三类；不能使用常见密码，不能包含用户名，不能与最近5次使用过的密码相同。";

    public async Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (password is null)
        {
            return IdentityResult.Success;
        }

        var errors = new List<IdentityError>();
        if (KindsOfCharacter(password) < 3)
        {
            errors.Add(new() { Code = "PasswordRequiresThreeKinds", Description = "密码须包含大写字母、小写字母、数字和符号中的至少三类。" });
        }

        if (common.Contains(password))
        {
            errors.Add(new() { Code = "PasswordTooCommon", Description = "该密码过于常见或曾在泄露的密码中出现，很容易被猜中，请换一个。" });
        }

        if (ContainsUserName(password, user.UserName))
        {
            errors.Add(new() { Code = "PasswordContainsUserName", Description = "密码不能包含用户名。" });
        }

        if (errors.Count == 0 && await WasUsedRecentlyAsync(user, password))
        {
            errors.Add(new() { Code = "PasswordReused", Description = $"新密码不能与最近{RememberedPasswords}次使用过的密码相同。" });
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private static int KindsOfCharacter(string password) =>
        (password.Any(char.IsUpper) ? 1 : 0)
        + (password.Any(char.IsLower) ? 1 : 0)
        + (password.Any(char.IsDigit) ? 1 : 0)
        + (password.Any(c => !char.IsUpper(c) && !char.IsLower(c) && !char.IsDigit(c)) ? 1 : 0);

    /// <summary>The whole user name, or any part of it of four or more characters (xicheng.li: "xicheng").</summary>
    private static bool ContainsUserName(string password, string? userName)
    {
        if (string.IsNullOrEmpty(userName))
        {
            return false;
        }

        var parts = userName.Split(['.', '_', '-', '@'], StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 4);
        return (userName.Length >= 3 && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            || parts.Any(p => password.Contains(p, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<bool> WasUsedRecentlyAsync(AppUser user, string password)
    {
        if (user.PasswordHash is null)
        {
            return false;
        }

        var earlier = await db.PasswordHistory.Where(e => e.UserId == user.Id)
            .OrderByDescending(e => e.ReplacedAt).ThenByDescending(e => e.Id)
            .Take(RememberedPasswords - 1)
            .Select(e => e.PasswordHash)
            .ToListAsync();
        return earlier.Prepend(user.PasswordHash).Any(hash => hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed);
    }
}

/// <summary>The list of common and leaked passwords shipped inside the assembly (Infrastructure/Resources/common-passwords.txt).</summary>
internal sealed class CommonPasswords
{
    private readonly HashSet<string> _passwords;

    public CommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ReviewMeetings.Web.CommonPasswords")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        _passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                _passwords.Add(line);
            }
        }
    }

    public int Count => _passwords.Count;

    /// <summary>The password itself, or its core once digits and symbols are cut from both ends (Summer2026! → summer).</summary>
    public bool Contains(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (_passwords.Contains(password))
        {
            return true;
        }

        var core = password.Trim([.. password.Where(c => !char.IsLetter(c)).Distinct()]);
        return core.Length >= 4 && _passwords.Contains(core);
    }
}
