using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Admin.Users;

internal static class UserLookup
{
    /// <summary>The user with this id, or null when absent or outside the administrator's organization subtree.</summary>
    public static async Task<AppUser?> FindInScopeAsync(this OrganizationScope scope, Guid id, CancellationToken cancellationToken) =>
        await (await scope.UsersAsync(cancellationToken)).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
}
