using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Account;

/// <summary>Guessing passwords, probing user names and locking people out, attacked over HTTP as an outsider would.</summary>
public sealed class SignInThrottleTests : AppTest
{
    private const string Failed = "用户名或密码错误。";
    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 7);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private static string Throttled(int minutes) => $"登录尝试过于频繁，请{minutes}分钟后再试。";

    private Session From(string address)
    {
        var session = Anonymous();
        ClientAddress.Use(session, address);
        return session;
    }

    /// <summary>What the login form says after one attempt (empty when it signed in).</summary>
    private static async Task<string> TryAsync(Session session, string userName, string password)
    {
        using var response = await session.SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect ? "" : (await Session.ParseAsync(response)).Summary();
    }

    [Fact]
    public async Task Forty_failures_on_forty_names_from_one_address_are_cut_off_after_twenty_until_the_window_passes()
    {
        using var attacker = From("198.51.100.7");
        var names = Enumerable.Range(1, 40).Select(i => i % 8 == 0 ? "organizer" : $"guess{i}").ToList();

        var answers = new List<string>();
        foreach (var name in names)
        {
            answers.Add(await TryAsync(attacker, name, "Guess#2026abc"));
        }

        Assert.Equal(Enumerable.Repeat(Failed, 20), answers.Take(20));
        Assert.Equal(Enumerable.Repeat(Throttled(15), 20), answers.Skip(20));
        // A throttled address learns nothing: not even the right password is checked.
        Assert.Equal(Throttled(15), await TryAsync(attacker, "observer", DemoPassword));
        // Other addresses are not affected.
        using var colleague = From("192.0.2.20");
        Assert.Equal("", await TryAsync(colleague, "observer", DemoPassword));

        _clock.Now += TimeSpan.FromMinutes(15);
        Assert.Equal("", await TryAsync(attacker, "observer", DemoPassword));
    }

    [Fact]
    public async Task Parallel_attempts_from_one_address_cannot_slip_past_the_limit()
    {
        var sessions = Enumerable.Range(1, 40).Select(_ => From("198.51.100.8")).ToList();
        var pages = await Task.WhenAll(sessions.Select(s => s.GetAsync("/Account/Login")));

        var answers = await Task.WhenAll(sessions.Select(async (session, i) =>
        {
            using var response = await session.SubmitAsync(pages[i], "form", new() { ["Input.UserName"] = $"parallel{i}", ["Input.Password"] = "Guess#2026abc" });
            return (await Session.ParseAsync(response)).Summary();
        }));

        Assert.Equal(20, answers.Count(a => a == Failed));
        Assert.Equal(20, answers.Count(a => a == Throttled(15)));
        sessions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Unknown_name_wrong_password_locked_and_disabled_accounts_get_one_answer()
    {
        await DbAsync(async db =>
        {
            // Locked for good (Identity compares lockouts with the system clock, not the test clock).
            (await db.Users.SingleAsync(u => u.UserName == "leader")).LockoutEnd = DateTimeOffset.MaxValue;
            (await db.Users.SingleAsync(u => u.UserName == "observer")).IsDisabled = true;
            return await db.SaveChangesAsync();
        });
        using var stranger = From("198.51.100.9");

        var unknown = await TryAsync(stranger, "no.such.user", "Guess#2026abc");
        var wrong = await TryAsync(stranger, "organizer", "Guess#2026abc");
        var locked = await TryAsync(stranger, "leader", DemoPassword);
        var disabled = await TryAsync(stranger, "observer", "Guess#2026abc");

        Assert.Equal([Failed, Failed, Failed, Failed], [unknown, wrong, locked, disabled]);
        // Only someone who knows the password hears that the account is disabled.
        Assert.Equal("该账号已停用，无法登录。如有疑问请联系系统管理员。", await TryAsync(stranger, "observer", DemoPassword));
    }

    [Fact]
    public async Task A_known_and_an_unknown_name_are_slowed_down_alike()
    {
        var answers = new Dictionary<string, List<string>> { ["secretary"] = [], ["no.such.user"] = [] };
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            foreach (var (name, seen) in answers)
            {
                // A fresh address every time: only the per-name back-off is at work.
                using var session = From($"203.0.113.{attempt}");
                seen.Add(await TryAsync(session, name, "Guess#2026abc"));
            }
        }

        Assert.Equal([Failed, Failed, Failed, Failed, Failed, Throttled(1)], answers["secretary"]);
        Assert.Equal(answers["secretary"], answers["no.such.user"]);
    }

    [Fact]
    public async Task Hammering_an_account_delays_it_with_back_off_but_never_locks_its_owner_out()
    {
        // The owner signed in on their own browser before: it is remembered as theirs.
        using var owner = From("192.0.2.10");
        Assert.Equal("", await TryAsync(owner, "secretary", DemoPassword));
        using (await owner.SubmitAsync(await owner.GetAsync("/"), "form[action='/Account/Logout']", []))
        {
        }

        // The attacker spreads the guesses over many addresses; each pause doubles, up to 15 minutes.
        var waits = new List<string>();
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            using var attacker = From($"203.0.113.{attempt}");
            var answer = await TryAsync(attacker, "secretary", $"Guess#{attempt}abc");
            if (answer != Failed)
            {
                waits.Add(answer);
                _clock.Now += TimeSpan.FromMinutes(int.Parse(answer.Split('请', '分')[1], System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(Failed, await TryAsync(attacker, "secretary", $"Guess#{attempt}xyz"));
            }
        }

        Assert.Equal([Throttled(1), Throttled(1), Throttled(2), Throttled(4), Throttled(8), Throttled(15), Throttled(15)], waits);
        Assert.Null(await DbAsync(db => db.Users.Where(u => u.UserName == "secretary").Select(u => u.LockoutEnd).SingleAsync()));

        // A new browser has to wait for the pause like everyone else, then gets in: delayed, not locked.
        using var newBrowser = From("192.0.2.11");
        Assert.Equal(Throttled(15), await TryAsync(newBrowser, "secretary", DemoPassword));
        // The owner's own browser has its own allowance and signs in at once.
        Assert.Equal("", await TryAsync(owner, "secretary", DemoPassword));
        Assert.Equal("您好，王晓东", (await owner.GetAsync("/")).Heading());
    }

    [Fact]
    public async Task Account_pause_ends_and_the_owner_signs_in_from_a_new_browser()
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var attacker = From($"203.0.113.{attempt}");
            Assert.Equal(Failed, await TryAsync(attacker, "leader", "Guess#2026abc"));
        }

        using var leader = From("192.0.2.30");
        Assert.Equal(Throttled(1), await TryAsync(leader, "leader", DemoPassword));

        _clock.Now += TimeSpan.FromSeconds(31);
        Assert.Equal("", await TryAsync(leader, "leader", DemoPassword));
    }
}
