using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

internal static class IdentitySetup
{
    public static WebApplicationBuilder AddAppIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<AppUser, IdentityRole<Guid>>(options =>
            {
                // Failed sign-ins are slowed by SignInThrottle rather than locking the account (anyone could keep it locked);
                // a lock set by hand is still honoured.
                options.Lockout.AllowedForNewUsers = true;
                // Identity checks the length; PasswordRules checks the rest (three kinds of character, common, user name, history).
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@";
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<AppUserManager>()
            .AddSignInManager<AppSignInManager>()
            .AddPasswordValidator<PasswordRules>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddDefaultTokenProviders();

        // A disabled account or a new password takes effect on other devices within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/Login";
            options.Cookie.Name = "ReviewMeetings.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                // Answer 403 in place; the status-code page then explains it in Chinese.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddScoped<OrganizationScope>();
        builder.Services.AddScoped<UnitTree>();
        builder.Services.AddSingleton<CommonPasswords>();
        builder.Services.AddSingleton(PasswordExpiryOptions.From(builder.Configuration));
        builder.Services.AddSingleton(SignInThrottleOptions.From(builder.Configuration));
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<TrustedBrowsers>();
        return builder;
    }
}
