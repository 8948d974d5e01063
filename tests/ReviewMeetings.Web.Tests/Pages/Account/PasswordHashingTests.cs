using Microsoft.AspNetCore.Cryptography.KeyDerivation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Account;

/// <summary>
/// The test apps hash passwords with fewer PBKDF2 iterations (<see cref="AppFactory.TestPasswordIterations"/>) to keep the
/// suite fast; this checks that the app as deployed stores Identity's full work factor, and that a demo account whose
/// stored hash has fewer iterations is re-hashed with the full count when its owner signs in.
/// </summary>
public sealed class PasswordHashingTests : AppTest
{
    internal override AppFactory CreateFactory(string connectionString) => new(connectionString) { ProductionPasswordHashing = true };

    [Fact]
    public async Task The_app_hashes_with_pbkdf2_sha512_at_identitys_full_work_factor_and_upgrades_weaker_hashes_at_sign_in()
    {
        var hasher = Factory.Services.GetRequiredService<IPasswordHasher<AppUser>>();
        var fresh = PasswordHashFormat.Of(hasher.HashPassword(new AppUser(), "Qinghe@2026!x"));
        var before = PasswordHashFormat.Of(await StoredHashAsync("organizer"));

        using var session = await SignInAsync("organizer");

        Assert.Equal((KeyDerivationPrf.HMACSHA512, PasswordHashFormat.IdentityDefaultIterations), fresh);
        Assert.Equal((KeyDerivationPrf.HMACSHA512, AppFactory.TestPasswordIterations), before);
        Assert.Equal((KeyDerivationPrf.HMACSHA512, PasswordHashFormat.IdentityDefaultIterations), PasswordHashFormat.Of(await StoredHashAsync("organizer")));
    }

    private Task<string> StoredHashAsync(string userName) =>
        DbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.PasswordHash!).SingleAsync());
}
