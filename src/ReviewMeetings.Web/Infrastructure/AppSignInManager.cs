using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// Refuses disabled accounts, and demo accounts wherever demo data is not enabled. Checks the password before
/// anything that would tell a stranger the account exists.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    DemoDataOptions demoData)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A hash of a random password, verified against when the name is unknown.</summary>
    private static string? _unknownUserHash;

    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsDisabled || (user.IsDemo && !demoData.Enabled))
        {
            return false;
        }

        return await base.CanSignInAsync(user);
    }

    /// <summary>
    /// Signs in when the password is right and the account may sign in. Unlike PasswordSignInAsync it says nothing
    /// about a disabled, demo or locked account until the password has proved right, and it spends the same hashing
    /// time on a name that does not exist, so neither the answer nor its timing reveals which names exist.
    /// Repeated failures are slowed by SignInThrottle, never by Identity's lockout.
    /// </summary>
    public async Task<SignInResult> SignInWithPasswordAsync(string userName, string password, bool isPersistent)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            var stranger = new AppUser();
            _unknownUserHash ??= UserManager.PasswordHasher.HashPassword(stranger, Guid.NewGuid().ToString());
            UserManager.PasswordHasher.VerifyHashedPassword(stranger, _unknownUserHash, password);
            return SignInResult.Failed;
        }

        if (!await UserManager.CheckPasswordAsync(user, password))
        {
            return SignInResult.Failed;
        }

        if (await PreSignInCheck(user) is { } refused)
        {
            return refused;
        }

        await SignInAsync(user, isPersistent);
        return SignInResult.Success;
    }
}
