using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Account;

/// <summary>
/// Signs in. A wrong password, an unknown name and a locked account get the same answer, so names cannot be
/// probed; SignInThrottle slows repeated failures per address and per name.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(AppSignInManager signInManager, UserManager<AppUser> users, SignInThrottle throttle, TrustedBrowsers browsers) : PageModel
{
    public const string Failed = "用户名或密码错误。";

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

        var userName = Input.UserName.Trim();
        var attempt = throttle.Begin(HttpContext.Connection.RemoteIpAddress, userName, browsers.Read(Request, userName));
        if (attempt.RefusalMessage is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            return Page();
        }

        var result = await signInManager.SignInWithPasswordAsync(userName, Input.Password, Input.RememberMe);
        if (result.Succeeded || result.IsNotAllowed)
        {
            // The password was right: this was no guess.
            throttle.Succeeded(attempt);
        }

        if (result.Succeeded)
        {
            browsers.Remember(Response, userName);
            return LocalRedirect(SafeReturnUrl);
        }

        ModelState.AddModelError("", result.IsNotAllowed ? await DescribeRefusalAsync(userName) : Failed);
        return Page();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    /// <summary>Only said to someone who knew the password.</summary>
    private async Task<string> DescribeRefusalAsync(string userName)
    {
        var refused = await users.FindByNameAsync(userName);
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
