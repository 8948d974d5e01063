using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Rendering;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Admin.Users;

/// <summary>
/// Which accounts a user may manage (delegated administration): administrators every account in their subtree;
/// organizers only the accounts of secretaries, leaders and observers in theirs, and they can give no other role.
/// Accounts of organizers and administrators stay with administrators. The unit side is <see cref="Organizations.UnitRights"/>.
/// </summary>
public static class AccountRights
{
    public const string Managers = RoleNames.MeetingStaff;

    public const string RoleRefused = "您不能授予该角色，组织部工作人员和系统管理员账号由系统管理员管理。";

    private static readonly Role[] DelegatedRoles = [Role.Leader, Role.Secretary, Role.Observer];

    public static bool MayGrant(this ClaimsPrincipal user, Role role)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(RoleNames.Administrator) || (user.IsInRole(RoleNames.Organizer) && DelegatedRoles.Contains(role));
    }

    /// <summary>An account holding <paramref name="accountRoles"/>; one without a role is the administrator's to sort out.</summary>
    public static bool MayManage(this ClaimsPrincipal user, IReadOnlyCollection<Role> accountRoles)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(accountRoles);
        return user.IsInRole(RoleNames.Administrator) || (accountRoles.Count > 0 && accountRoles.All(user.MayGrant));
    }

    /// <summary>Whether <paramref name="user"/> may manage <paramref name="account"/>, judged by every role it holds.</summary>
    public static async Task<bool> MayManageAsync(this ClaimsPrincipal user, UserManager<AppUser> users, AppUser account)
    {
        ArgumentNullException.ThrowIfNull(users);
        var names = await users.GetRolesAsync(account);
        // A role name the app does not know counts as one the organizer may not touch.
        var roles = names.Select(n => Enum.TryParse<Role>(n, out var r) ? r : Role.Administrator).ToList();
        return user.MayManage(roles);
    }

    public static IEnumerable<SelectListItem> GrantableRoles(this ClaimsPrincipal user) =>
        Enum.GetValues<Role>().Where(user.MayGrant).Select(r => new SelectListItem(r.ChineseName(), r.ToString()));
}
