using System.ComponentModel.DataAnnotations;
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

/// <summary>Sets a new password for someone who forgot theirs, and lifts a lockout at the same time.</summary>
[Authorize(Roles = AccountRights.Managers)]
public sealed class ResetPasswordModel(OrganizationScope scope, AppDbContext db, UserManager<AppUser> users, SignInThrottle throttle, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ResetInput Input { get; set; } = new();

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

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var (user, refusal) = await this.FindManageableAsync(scope, users, id, cancellationToken);
        if (user is null)
        {
            return refusal!;
        }

        Account = user;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The administrator or organizer knows this password, so the user must replace it at their next sign-in.
        user.MustChangePassword = true;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, Input.NewPassword);
        if (result.Succeeded)
        {
            result = await users.SetLockoutEndDateAsync(user, null);
        }

        if (result.Succeeded)
        {
            result = await users.ResetAccessFailedCountAsync(user);
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.NewPassword", error.Description);
            }

            return Page();
        }

        db.RecordUnitChange(User, clock, user.OrganizationId, OrganizationChangeKind.PasswordReset, $"重置账号“{user.UserName}”（{user.DisplayName}）的密码，本人下次登录须修改密码。");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        throttle.Forget(user.UserName!);
        TempData["Message"] = $"已重置“{user.DisplayName}（{user.UserName}）”的密码，请将新密码告知本人；本人登录后须先修改密码。";
        return RedirectToPage("Edit", new { id });
    }

    public sealed class ResetInput
    {
        [Required]
        [Display(Name = "新密码")]
        [DataType(DataType.Password)]
        [StringLength(100, MinimumLength = PasswordRules.MinimumLength)]
        public string NewPassword { get; set; } = "";

        [Required]
        [Display(Name = "确认新密码")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "两次输入的密码不一致。")]
        public string ConfirmPassword { get; set; } = "";
    }
}
