using System.Net;
using System.Text;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Organizations.Import;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Organizations;

/// <summary>
/// The initial passwords of imported accounts, with the app's own password hashing (not the tests' cheaper one): stored
/// with <see cref="UnitImports.InitialPasswordIterations"/> PBKDF2 iterations so 5,000 accounts import in seconds, upgraded to
/// Identity's full work factor at the first sign-in, and replaced by the forced change.
/// </summary>
public sealed class ImportedAccountPasswordTests : AppTest
{
    internal override AppFactory CreateFactory(string connectionString) => new(connectionString) { ProductionPasswordHashing = true };

    [Fact]
    public async Task Initial_passwords_are_stored_cheaply_upgraded_at_first_sign_in_and_replaced_by_the_forced_change()
    {
        using var admin = await SignInAsync("admin");
        var csv = Encoding.UTF8.GetBytes(
            "党组织代码,党组织名称,上级党组织,组织类型,所属领域,排序号,书记姓名,书记职务,书记手机号,登录账号\n" +
            ",口令甲党支部,中共江州市委员会/中共清河区委员会,党支部,村（社区）,1,张甲,党支部书记,13800000001,kouling.jia\n" +
            ",口令乙党支部,中共江州市委员会/中共清河区委员会,党支部,村（社区）,2,李乙,党支部书记,13800000002,kouling.yi\n");
        var upload = await admin.GetAsync("/Organizations/Import");
        using var uploaded = await admin.UploadAsync(upload, "main form", [], new UploadFile("file", "导入.csv", csv));
        var preview = await admin.FollowAsync(uploaded);
        Assert.True(preview.QuerySelector("[data-count=create]")?.TextContent == "2", preview.MainText());
        using var applied = await admin.SubmitAsync(preview, "main form", []);
        var result = await admin.FollowAsync(applied);
        using var excel = await admin.SubmitAsync(result, "form[action*=Excel]", []);
        var rows = ExcelWorkbook.Read(await excel.Content.ReadAsByteArrayAsync()).Sheet("初始密码");
        var password = rows.Single(r => r[2] == "kouling.jia")[3];

        Assert.Equal((KeyDerivationPrf.HMACSHA512, UnitImports.InitialPasswordIterations), PasswordHashFormat.Of(await StoredHashAsync("kouling.jia")));
        Assert.Equal((KeyDerivationPrf.HMACSHA512, UnitImports.InitialPasswordIterations), PasswordHashFormat.Of(await StoredHashAsync("kouling.yi")));

        using var secretary = await SignInAsync("kouling.jia", password);
        Assert.Equal((KeyDerivationPrf.HMACSHA512, PasswordHashFormat.IdentityDefaultIterations), PasswordHashFormat.Of(await StoredHashAsync("kouling.jia")));
        using var home = await secretary.Client.GetAsync("/");
        Assert.StartsWith("/Account/ChangePassword", home.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var changed = await secretary.SubmitAsync("/Account/ChangePassword", "main form", new()
        {
            ["Input.CurrentPassword"] = password,
            ["Input.NewPassword"] = "Evergreen#Pine2027",
            ["Input.ConfirmPassword"] = "Evergreen#Pine2027",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await secretary.StatusOfAsync("/"));
        Assert.False(await DbAsync(db => db.Users.Where(u => u.UserName == "kouling.jia").Select(u => u.MustChangePassword).SingleAsync()));
        Assert.Equal((KeyDerivationPrf.HMACSHA512, PasswordHashFormat.IdentityDefaultIterations), PasswordHashFormat.Of(await StoredHashAsync("kouling.jia")));
    }

    [Fact]
    public async Task Generated_initial_passwords_pass_every_password_rule_of_the_app()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var passwords = Enumerable.Range(0, 200).Select(_ => UnitImports.InitialPassword()).ToList();

        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
        foreach (var password in passwords)
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, new AppUser { UserName = "kouling.bing" }, password);
                Assert.True(result.Succeeded, $"{password}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }
    }

    private Task<string> StoredHashAsync(string userName) =>
        DbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.PasswordHash!).SingleAsync());
}
