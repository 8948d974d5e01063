using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Organizations;

namespace ReviewMeetings.Web.Pages.Admin.Users;

/// <summary>Disables or re-enables an account. Accounts are kept, not deleted, so history still names who did what.</summary>
[Authorize(Roles = AccountRights.Managers)]
public sealed class StatusModel(OrganizationScope scope, AppDbContext db, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    public AppUser Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var (user, refusal) = await this.FindManageableAsync(scope, users, id, cancellationToken);
        if (user is null)
        {
            return refusal!;
        }

        Account = user;
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken cancellationToken) =>
        await SetDisabledAsync(id, disabled: true, cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken) =>
        await SetDisabledAsync(id, disabled: false, cancellationToken);

    private async Task<IActionResult> SetDisabledAsync(Guid id, bool disabled, CancellationToken cancellationToken)
    {
        var (user, refusal) = await this.FindManageableAsync(scope, users, id, cancellationToken);
        if (user is null)
        {
            return refusal!;
        }

        Account = user;
        if (user.Id == User.UserId())
        {
            ModelState.AddModelError("", "不能停用自己的账号。");
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.IsDisabled = disabled;
        if (!disabled)
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }

        // A new security stamp signs the account out everywhere at the next cookie check.
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", string.Join(" ", result.Errors.Select(e => e.Description)));
            return Page();
        }

        db.RecordUnitChange(User, clock, user.OrganizationId, disabled ? OrganizationChangeKind.AccountDisabled : OrganizationChangeKind.AccountEnabled,
            $"{(disabled ? "停用" : "启用")}账号“{user.UserName}”（{user.DisplayName}）。");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Message"] = disabled ? $"已停用账号“{user.UserName}”。" : $"已启用账号“{user.UserName}”。";
        return RedirectToPage("Edit", new { id });
    }
}
