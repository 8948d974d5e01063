using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<AppUser> signInManager, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl);
        }

        ModelState.AddModelError("", await DescribeFailureAsync(result));
        return Page();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    private async Task<string> DescribeFailureAsync(Microsoft.AspNetCore.Identity.SignInResult result)
    {
        if (result.IsLockedOut)
        {
            var user = await users.FindByNameAsync(Input.UserName.Trim());
            var remaining = (user?.LockoutEnd ?? clock.GetUtcNow()) - clock.GetUtcNow();
            var minutes = Math.Max(1, (int)Math.Ceiling(remaining.TotalMinutes));
            return $"登录失败次数过多，账号已被锁定，请{minutes}分钟后再试。";
        }

        if (!result.IsNotAllowed)
        {
            return "用户名或密码错误。";
        }

        var refused = await users.FindByNameAsync(Input.UserName.Trim());
        return refused is { IsDemo: true, IsDisabled: false }
            ? "演示账号只能在开发和测试环境中使用。"
            : "该账号已停用，无法登录。如有疑问请联系系统管理员。";
    }

    public sealed class LoginInput
    {
        [Required]
        [Display(Name = "用户名")]
        [StringLength(AppUser.UserNameMaxLength)]
        public string UserName { get; set; } = "";

        [Required]
        [Display(Name = "密码")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "在此设备上保持登录")]
        public bool RememberMe { get; set; }
    }
}
