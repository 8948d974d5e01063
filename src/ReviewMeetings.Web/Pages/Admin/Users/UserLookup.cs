using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Admin.Users;

internal static class UserLookup
{
    /// <summary>The user with this id, or null when absent or outside the administrator's organization subtree.</summary>
    public static async Task<AppUser?> FindInScopeAsync(this OrganizationScope scope, Guid id, CancellationToken cancellationToken) =>
        await (await scope.UsersAsync(cancellationToken)).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);

    /// <summary>
    /// The account with this id when the signed-in user may manage it; otherwise the page's answer in <c>Refusal</c>:
    /// 404 for an account outside the scope, 403 for one the user may not manage (AccountRights).
    /// </summary>
    public static async Task<(AppUser? Account, IActionResult? Refusal)> FindManageableAsync(
        this PageModel page, OrganizationScope scope, UserManager<AppUser> users, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var account = await scope.FindInScopeAsync(id, cancellationToken);
        if (account is null)
        {
            return (null, page.NotFound());
        }

        return await page.User.MayManageAsync(users, account) ? (account, null) : (null, page.Forbid());
    }
}
