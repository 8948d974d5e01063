using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.DataProtection;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>The SignIn:* settings (README, configuration table).</summary>
public sealed record SignInThrottleOptions(
    int AddressFailureLimit,
    TimeSpan AddressWindow,
    int AccountFreeFailures,
    TimeSpan AccountDelay,
    TimeSpan AccountMaxDelay,
    TimeSpan TrustedBrowserLifetime)
{
    public static SignInThrottleOptions From(IConfiguration configuration)
    {
        int Positive(string name, int fallback)
        {
            var value = configuration.GetValue($"SignIn:{name}", fallback);
            return value > 0 ? value : throw new InvalidOperationException($"SignIn:{name} must be greater than 0.");
        }

        return new(
            Positive("AddressFailureLimit", 20),
            TimeSpan.FromMinutes(Positive("AddressWindowMinutes", 15)),
            Positive("AccountFreeFailures", 5),
            TimeSpan.FromSeconds(Positive("AccountDelaySeconds", 30)),
            TimeSpan.FromMinutes(Positive("AccountMaxDelayMinutes", 15)),
            TimeSpan.FromDays(Positive("TrustedBrowserDays", 180)));
    }
}

/// <summary>One sign-in attempt let through by <see cref="SignInThrottle"/>, or refused with how long to wait.</summary>
public sealed record SignInAttempt(string AddressKey, string AccountKey, string NameKey, DateTimeOffset At, TimeSpan? RetryAfter)
{
    public static SignInAttempt Refused(TimeSpan wait) => new("", "", "", default, wait);

    /// <summary>The message on the login form, the same whether or not the account exists.</summary>
    public string? RefusalMessage => RetryAfter is { } wait
        ? $"登录尝试过于频繁，请{Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))}分钟后再试。"
        : null;
}

/// <summary>
/// Slows down password guessing in memory, without ever locking an account hard:
/// <list type="bullet">
/// <item>an address (an IPv6 /64) may fail <c>AddressFailureLimit</c> times per <c>AddressWindowMinutes</c>, over all names, then waits;</item>
/// <item>a user name, existing or not, may fail <c>AccountFreeFailures</c> times in a row; then each failure pauses it for
/// <c>AccountDelaySeconds</c>, doubling up to <c>AccountMaxDelayMinutes</c> (forgotten a day after the last failure or at a success);</item>
/// <item>a browser where the account signed in before (<see cref="TrustedBrowsers"/>) has its own pause for that name,
/// so someone hammering an account from elsewhere does not keep its owner out.</item>
/// </list>
/// An attempt counts as failed from the start and is taken back when the password proves right, so parallel requests
/// cannot all slip through before the first one fails. Refused attempts check no password and count nowhere.
/// </summary>
public sealed class SignInThrottle(SignInThrottleOptions options, TimeProvider clock)
{
    private static readonly TimeSpan ForgetAccountAfter = TimeSpan.FromDays(1);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private const int SweepAbove = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep;

    public SignInAttempt Begin(IPAddress? address, string userName, string? trustedBrowser)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var now = clock.GetUtcNow();
        var addressKey = AddressKey(address);
        var nameKey = "n:" + userName.Trim().ToUpperInvariant();
        var accountKey = trustedBrowser is null ? nameKey : $"{nameKey}\n{trustedBrowser}";
        lock (_gate)
        {
            Sweep(now);
            var failures = _addresses.GetValueOrDefault(addressKey);
            failures?.RemoveAll(at => at <= now - options.AddressWindow);
            if (failures is not null && failures.Count >= options.AddressFailureLimit)
            {
                return SignInAttempt.Refused(failures[failures.Count - options.AddressFailureLimit] + options.AddressWindow - now);
            }

            var account = _accounts.GetValueOrDefault(accountKey);
            if (account is not null && now - account.LastFailure > ForgetAccountAfter)
            {
                account = null;
            }

            if (account is not null && account.PausedUntil > now)
            {
                return SignInAttempt.Refused(account.PausedUntil - now);
            }

            if (failures is null)
            {
                _addresses[addressKey] = failures = [];
            }

            failures.Add(now);
            account ??= _accounts[accountKey] = new AccountState();
            account.Failures++;
            account.LastFailure = now;
            if (account.Failures >= options.AccountFreeFailures)
            {
                account.PausedUntil = now + Delay(account.Failures - options.AccountFreeFailures);
            }

            return new SignInAttempt(addressKey, accountKey, nameKey, now, null);
        }
    }

    /// <summary>The password was right: the attempt was no failure, and the name starts afresh.</summary>
    public void Succeeded(SignInAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        lock (_gate)
        {
            _addresses.GetValueOrDefault(attempt.AddressKey)?.Remove(attempt.At);
            _accounts.Remove(attempt.AccountKey);
            _accounts.Remove(attempt.NameKey);
        }
    }

    /// <summary>An administrator reset the password: whatever pause the name had is lifted.</summary>
    public void Forget(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var nameKey = "n:" + userName.Trim().ToUpperInvariant();
        lock (_gate)
        {
            foreach (var key in _accounts.Keys.Where(k => k == nameKey || k.StartsWith(nameKey + "\n", StringComparison.Ordinal)).ToList())
            {
                _accounts.Remove(key);
            }
        }
    }

    private TimeSpan Delay(int step)
    {
        var delay = options.AccountDelay * Math.Pow(2, Math.Min(step, 20));
        return delay < options.AccountMaxDelay ? delay : options.AccountMaxDelay;
    }

    /// <summary>IPv6 clients usually hold a whole /64, so that is one address here.</summary>
    private static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }

    /// <summary>Keeps memory bounded when someone tries a flood of names or addresses.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (_addresses.Count + _accounts.Count < SweepAbove || now - _lastSweep < SweepInterval)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (key, failures) in _addresses.ToList())
        {
            failures.RemoveAll(at => at <= now - options.AddressWindow);
            if (failures.Count == 0)
            {
                _addresses.Remove(key);
            }
        }

        foreach (var (key, account) in _accounts.ToList())
        {
            if (account.PausedUntil <= now && now - account.LastFailure > options.AccountMaxDelay)
            {
                _accounts.Remove(key);
            }
        }
    }

    private sealed class AccountState
    {
        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset PausedUntil { get; set; }
    }
}

/// <summary>
/// Remembers, in a protected cookie, that an account signed in on this browser (OWASP's "device cookie"), so the
/// browser gets its own sign-in pause for that account instead of sharing the one an attacker may be causing.
/// </summary>
public sealed class TrustedBrowsers(IDataProtectionProvider protection, TimeProvider clock, SignInThrottleOptions options)
{
    public const string CookieName = "ReviewMeetings.Browser";

    private readonly IDataProtector _protector = protection.CreateProtector("ReviewMeetings.SignIn.TrustedBrowser");

    /// <summary>The browser's id when it holds a valid cookie for this user name, else null.</summary>
    public string? Read(HttpRequest request, string userName)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(userName);
        if (request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = _protector.Unprotect(cookie).Split('\n');
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        return parts is [var name, var browser, var issued]
            && string.Equals(name, userName.Trim(), StringComparison.OrdinalIgnoreCase)
            && long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && DateTimeOffset.FromUnixTimeSeconds(seconds) + options.TrustedBrowserLifetime > clock.GetUtcNow()
            ? browser
            : null;
    }

    public void Remember(HttpResponse response, string userName)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(userName);
        var now = clock.GetUtcNow();
        var payload = string.Join('\n', userName.Trim().ToUpperInvariant(), Guid.NewGuid().ToString("N"), now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        response.Cookies.Append(CookieName, _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = response.HttpContext.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/Account",
            Expires = now + options.TrustedBrowserLifetime,
            IsEssential = true,
        });
    }
}
