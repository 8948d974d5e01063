using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Account;

public sealed class PasswordPolicyTests : AppTest
{
    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 7);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private static async Task<HttpResponseMessage> ChangeAsync(Session session, string current, string next) =>
        await session.SubmitAsync("/Account/ChangePassword", "main form", new()
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        });

    private static async Task<string> RefusalAsync(Session session, string current, string next)
    {
        using var response = await ChangeAsync(session, current, next);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Session.ParseAsync(response)).ErrorFor("Input.NewPassword");
    }

    [Theory]
    [InlineData("password1", "新密码的长度应为10到100个字符。")]
    [InlineData("aaaaaaaaa1", "密码须包含大写字母、小写字母、数字和符号中的至少三类。")]
    [InlineData("qinghedistrict", "密码须包含大写字母、小写字母、数字和符号中的至少三类。")]
    [InlineData("Password123", "该密码过于常见或曾在泄露的密码中出现，很容易被猜中，请换一个。")]
    [InlineData("Qwerty123456", "该密码过于常见或曾在泄露的密码中出现，很容易被猜中，请换一个。")]
    [InlineData("Aa12345678", "该密码过于常见或曾在泄露的密码中出现，很容易被猜中，请换一个。")]
    [InlineData("WoAiNi1314!", "该密码过于常见或曾在泄露的密码中出现，很容易被猜中，请换一个。")]
    [InlineData("P@ssw0rd2026", "该密码过于常见或曾在泄露的密码中出现，很容易被猜中，请换一个。")]
    [InlineData("Sunshine2026!!", "该密码过于常见或曾在泄露的密码中出现，很容易被猜中，请换一个。")]
    [InlineData("Leader#2026x", "密码不能包含用户名。")]
    public async Task Weak_common_and_personal_passwords_are_refused_next_to_the_field_in_Chinese(string password, string message)
    {
        using var leader = await SignInAsync("leader");

        Assert.Equal(message, await RefusalAsync(leader, DemoPassword, password));

        using var again = await SignInAsync("leader");
    }

    [Fact]
    public async Task The_last_five_passwords_cannot_be_used_again_but_the_sixth_can()
    {
        using var leader = await SignInAsync("leader");
        string[] chosen = ["Lantern#2031", "Harbour#2032", "Granite#2033", "Meadow#2034"];
        var current = DemoPassword;
        foreach (var next in chosen)
        {
            using var changed = await ChangeAsync(leader, current, next);
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
            current = next;
        }

        Assert.Equal("新密码不能与最近5次使用过的密码相同。", await RefusalAsync(leader, current, DemoPassword));
        Assert.Equal("新密码不能与最近5次使用过的密码相同。", await RefusalAsync(leader, current, current));
        Assert.Equal("新密码不能与最近5次使用过的密码相同。", await RefusalAsync(leader, current, "Harbour#2032"));

        using (var fifth = await ChangeAsync(leader, current, "Orchard#2035"))
        {
            Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        }

        // Now the demo password is the sixth-last one and may come back.
        using var back = await ChangeAsync(leader, "Orchard#2035", DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var leaderId = await DbAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).SingleAsync());
        Assert.Equal(4, await DbAsync(db => db.PasswordHistory.CountAsync(e => e.UserId == leaderId)));
        using var signedIn = await SignInAsync("leader");
    }

    [Fact]
    public async Task Administrator_reset_sends_the_user_to_change_the_password_before_anything_else()
    {
        var secretaryId = await DbAsync(db => db.Users.Where(u => u.UserName == "secretary").Select(u => u.Id).SingleAsync());
        using var admin = await SignInAsync("admin");
        using (var reset = await admin.SubmitAsync($"/Admin/Users/ResetPassword/{secretaryId}", "main form", new()
        {
            ["Input.NewPassword"] = "Dongcheng#2026",
            ["Input.ConfirmPassword"] = "Dongcheng#2026",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }

        using var secretary = await SignInAsync("secretary", "Dongcheng#2026");
        foreach (var url in new[] { "/", "/Reports", "/Rectification", "/Feedback" })
        {
            using var response = await secretary.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/ChangePassword", response.Headers.Location!.OriginalString);
        }

        var page = await secretary.GetAsync("/Account/ChangePassword");
        Assert.Equal("您的密码是由系统管理员设置的，请先修改为只有您本人知道的新密码，然后才能继续使用系统。", page.QuerySelector("main .alert-warning")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("main a[href='/']"));
        Assert.Equal("新密码不能与最近5次使用过的密码相同。", await RefusalAsync(secretary, "Dongcheng#2026", "Dongcheng#2026"));

        var home = await secretary.FollowAsync(await ChangeAsync(secretary, "Dongcheng#2026", "Riverside#2027"));
        Assert.Contains("密码已修改。", home.MainText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await secretary.StatusOfAsync("/Reports"));
        Assert.False(await DbAsync(db => db.Users.Where(u => u.Id == secretaryId).Select(u => u.MustChangePassword).SingleAsync()));
    }

    [Fact]
    public async Task Staff_passwords_expire_after_ninety_days_but_others_and_demo_accounts_do_not()
    {
        await CreateUserAsync("zhou.ming", "Organizer");
        await CreateUserAsync("li.hua", "Secretary");

        _clock.Now += TimeSpan.FromDays(89);
        using (var early = await SignInAsync("zhou.ming", "Beacon#2026x"))
        {
            Assert.Equal(HttpStatusCode.OK, await early.StatusOfAsync("/"));
        }

        _clock.Now += TimeSpan.FromDays(1);
        using var organizer = await SignInAsync("zhou.ming", "Beacon#2026x");
        using var response = await organizer.Client.GetAsync("/Meetings");
        Assert.Equal("/Account/ChangePassword", response.Headers.Location!.OriginalString);
        var page = await organizer.GetAsync("/Account/ChangePassword");
        Assert.Equal("您的密码已使用超过90天，请先修改密码，然后才能继续使用系统。", page.QuerySelector("main .alert-warning")!.TextContent.Trim());

        using var secretary = await SignInAsync("li.hua", "Beacon#2026x");
        Assert.Equal(HttpStatusCode.OK, await secretary.StatusOfAsync("/"));
        using var demoOrganizer = await SignInAsync("organizer");
        Assert.Equal(HttpStatusCode.OK, await demoOrganizer.StatusOfAsync("/Meetings"));

        using (await ChangeAsync(organizer, "Beacon#2026x", "Lighthouse#2027"))
        {
        }

        Assert.Equal(HttpStatusCode.OK, await organizer.StatusOfAsync("/Meetings"));
    }

    private async Task CreateUserAsync(string userName, string role)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = await db.Organizations.SingleAsync(o => o.Name == "中共清河区委员会");
        var user = new AppUser { UserName = userName, DisplayName = "周明", OrganizationId = unit.Id, CreatedAt = _clock.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, "Beacon#2026x")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }
}
