using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// Creates the root unit and the first administrator of an empty Production database from configuration
/// (Bootstrap:AdminUserName, Bootstrap:AdminPassword, Bootstrap:RootOrganizationName).
/// </summary>
internal static class AdminBootstrap
{
    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var userName = configuration["Bootstrap:AdminUserName"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        var db = services.GetRequiredService<AppDbContext>();
        if (await db.Users.AnyAsync())
        {
            return;
        }

        var root = await db.Organizations.SingleOrDefaultAsync(o => o.ParentId == null);
        if (root is null)
        {
            root = Organization.CreateRoot(
                configuration["Bootstrap:RootOrganizationName"] ?? "根组织",
                OrganizationType.PartyCommittee,
                OrganizationCategory.Local);
            db.Organizations.Add(root);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var admin = new AppUser
        {
            UserName = userName,
            DisplayName = "系统管理员",
            OrganizationId = root.Id,
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            // The password sits in configuration (an environment variable, a compose file): replace it at the first sign-in.
            MustChangePassword = true,
        };
        var result = await users.CreateAsync(admin, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(admin, RoleNames.Administrator);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "Bootstrap administrator could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await transaction.CommitAsync();
        logger.LogWarning("Created the first administrator {UserName} for {Root}; the password must be changed at the first sign-in", userName, root.Name);
    }
}
