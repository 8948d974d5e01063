using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Account;

/// <summary>Changes one's own password; also where PasswordChange sends whoever must change it before anything else.</summary>
[Authorize]
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signInManager, PasswordExpiryOptions expiry) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    /// <summary>Why the user was sent here, or null when they came of their own accord.</summary>
    public string? ForcedReason => User.FindFirst(PasswordChange.ClaimType)?.Value switch
    {
        PasswordChange.SetByAdministrator => "您的密码是由系统管理员设置的，请先修改为只有您本人知道的新密码，然后才能继续使用系统。",
        PasswordChange.Expired => $"您的密码已使用超过{expiry.ExpiryDays}天，请先修改密码，然后才能继续使用系统。",
        _ => null,
    };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "CurrentPassword" : "NewPassword";
                ModelState.AddModelError($"{nameof(Input)}.{field}", error.Description);
            }

            return Page();
        }

        await signInManager.RefreshSignInAsync(user);
        TempData["Message"] = "密码已修改。";
        return RedirectToPage("/Index");
    }

    public sealed class ChangePasswordInput
    {
        [Required]
        [Display(Name = "当前密码")]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = "";

        [Required]
        [Display(Name = "新密码")]
        [DataType(DataType.Password)]
        [StringLength(100, MinimumLength = PasswordRules.MinimumLength)]
        public string NewPassword { get; set; } = "";

        [Required]
        [Display(Name = "确认新密码")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "两次输入的新密码不一致。")]
        public string ConfirmPassword { get; set; } = "";
    }
}
