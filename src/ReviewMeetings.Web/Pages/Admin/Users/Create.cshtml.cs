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

[Authorize(Roles = AccountRights.Managers)]
public sealed class CreateModel(OrganizationScope scope, AppDbContext db, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    [BindProperty]
    public UserFields Input { get; set; } = new();

    [BindProperty]
    public AccountInput Account { get; set; } = new();

    /// <summary>True when the page shows a search of the unit picker made without script: the form comes back as typed.</summary>
    public bool Searched { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadUnitsAsync(search: null, cancellationToken);

    public async Task<IActionResult> OnGetUnitsAsync(string? q, CancellationToken cancellationToken) =>
        await UnitPicker.JsonAsync(await scope.UnitsAsync(cancellationToken), q, excludedSubtree: null, cancellationToken);

    public async Task OnPostFindUnitAsync([FromForm(Name = UnitPicker.SearchField)] string? search, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Searched = true;
        await LoadUnitsAsync(search ?? "", cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && await scope.FindUnitAsync(Input.OrganizationId!.Value, cancellationToken) is null)
        {
            ModelState.AddModelError("Input.OrganizationId", "请选择您管理范围内的单位。");
        }

        if (ModelState.IsValid && !User.MayGrant(Input.Role!.Value))
        {
            ModelState.AddModelError("Input.Role", AccountRights.RoleRefused);
        }

        if (ModelState.IsValid && await TryCreateAsync(cancellationToken) is { } user)
        {
            TempData["Message"] = $"已创建用户“{user.DisplayName}（{user.UserName}）”。";
            return RedirectToPage("Index");
        }

        await LoadUnitsAsync(search: null, cancellationToken);
        return Page();
    }

    private async Task<AppUser?> TryCreateAsync(CancellationToken cancellationToken)
    {
        // The administrator knows the initial password, so the user must replace it at their first sign-in.
        var user = new AppUser { UserName = Account.UserName.Trim(), CreatedAt = clock.GetUtcNow(), MustChangePassword = true };
        Input.ApplyTo(user);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.CreateAsync(user, Account.Password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, Input.Role!.Value.ToString());
        }

        if (result.Succeeded)
        {
            db.RecordUnitChange(User, clock, user.OrganizationId, OrganizationChangeKind.AccountCreated,
                $"新建账号“{user.UserName}”（{user.DisplayName}，{Input.Role!.Value.ChineseName()}）。");
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Account.Password" : "Account.UserName", error.Description);
            }

            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    private async Task LoadUnitsAsync(string? search, CancellationToken cancellationToken) =>
        ViewData["Units"] = await UnitPicker.LoadAsync(await scope.UnitsAsync(cancellationToken), Input.OrganizationId, search, cancellationToken: cancellationToken);

    public sealed class AccountInput
    {
        [Required]
        [Display(Name = "用户名")]
        [StringLength(AppUser.UserNameMaxLength, MinimumLength = 2)]
        [RegularExpression("^[A-Za-z0-9._@-]+$", ErrorMessage = "用户名只能包含英文字母、数字和“._-@”。")]
        public string UserName { get; set; } = "";

        [Required]
        [Display(Name = "初始密码")]
        [DataType(DataType.Password)]
        [StringLength(100, MinimumLength = PasswordRules.MinimumLength)]
        public string Password { get; set; } = "";

        [Required]
        [Display(Name = "确认初始密码")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致。")]
        public string ConfirmPassword { get; set; } = "";
    }
}
