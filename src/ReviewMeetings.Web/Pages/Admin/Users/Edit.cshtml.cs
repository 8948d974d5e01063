using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Organizations;

namespace ReviewMeetings.Web.Pages.Admin.Users;

[Authorize(Roles = AccountRights.Managers)]
public sealed class EditModel(OrganizationScope scope, AppDbContext db, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    [BindProperty]
    public UserFields Input { get; set; } = new();

    /// <summary>Identity's concurrency stamp as the form was read; a save against a newer account is refused.</summary>
    [BindProperty]
    public string ConcurrencyStamp { get; set; } = "";

    public AppUser Account { get; private set; } = null!;

    public bool IsSelf => Account.Id == User.UserId();

    public bool IsLockedOut => Account.LockoutEnd > clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var user = Account;
        Input = new UserFields
        {
            DisplayName = user.DisplayName,
            Department = user.Department,
            PhoneNumber = user.PhoneNumber,
            OrganizationId = user.OrganizationId,
            Role = await CurrentRoleAsync(user),
        };
        ConcurrencyStamp = user.ConcurrencyStamp ?? "";
        await LoadUnitsAsync(search: null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetUnitsAsync(string? q, CancellationToken cancellationToken) =>
        await UnitPicker.JsonAsync(await scope.UnitsAsync(cancellationToken), q, excludedSubtree: null, cancellationToken);

    /// <summary>The unit picker's search without script: the form comes back as typed, with the matching units to choose from.</summary>
    public async Task<IActionResult> OnPostFindUnitAsync(Guid id, [FromForm(Name = UnitPicker.SearchField)] string? search, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        ModelState.Clear();
        await LoadUnitsAsync(search ?? "", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var user = Account;
        if (ModelState.IsValid && !User.MayGrant(Input.Role!.Value))
        {
            ModelState.AddModelError("Input.Role", AccountRights.RoleRefused);
        }

        if (ModelState.IsValid && await scope.FindUnitAsync(Input.OrganizationId!.Value, cancellationToken) is null)
        {
            ModelState.AddModelError("Input.OrganizationId", "请选择您管理范围内的单位。");
        }

        var currentRole = await CurrentRoleAsync(user);
        if (ModelState.IsValid && IsSelf && Input.Role != currentRole)
        {
            ModelState.AddModelError("Input.Role", "不能修改自己的角色，请由其他系统管理员操作。");
        }

        if (ModelState.IsValid && await TrySaveAsync(user, currentRole, cancellationToken))
        {
            TempData["Message"] = "用户信息已保存。";
            return RedirectToPage("Index");
        }

        await LoadUnitsAsync(search: null, cancellationToken);
        return Page();
    }

    private async Task<bool> TrySaveAsync(AppUser user, Role? currentRole, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = user.ConcurrencyStamp == ConcurrencyStamp
            ? IdentityResult.Success
            : IdentityResult.Failed(users.ErrorDescriber.ConcurrencyFailure());
        var before = (user.DisplayName, user.Department, user.PhoneNumber, user.OrganizationId);
        if (result.Succeeded)
        {
            db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            Input.ApplyTo(user);
            result = await users.UpdateAsync(user);
        }

        if (result.Succeeded && currentRole != Input.Role)
        {
            if (currentRole is { } old)
            {
                result = await users.RemoveFromRoleAsync(user, old.ToString());
            }

            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, Input.Role!.Value.ToString());
            }

            if (result.Succeeded)
            {
                // The role lives in the cookie; a new stamp makes other sessions pick up the change.
                result = await users.UpdateSecurityStampAsync(user);
            }
        }

        if (result.Succeeded)
        {
            await RecordAsync(user, before, currentRole, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        await transaction.RollbackAsync(cancellationToken);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            await db.Entry(user).ReloadAsync(cancellationToken);
            Account = user;
            ConcurrencyStamp = user.ConcurrencyStamp ?? "";
            ModelState.Remove(nameof(ConcurrencyStamp));
            ModelState.AddModelError("",
                $"保存失败：该账号已被他人修改（当前姓名“{user.DisplayName}”，部门“{user.Department}”）。下方仍是您填写的内容，确认无误后请再次保存。");
        }
        else
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Description);
            }
        }

        return false;
    }

    /// <summary>Writes what changed to the history of the account's unit (and of the unit it left, when moved).</summary>
    private async Task RecordAsync(AppUser user, (string DisplayName, string? Department, string? PhoneNumber, Guid OrganizationId) before, Role? oldRole, CancellationToken cancellationToken)
    {
        var changes = new List<string>();
        if (before.DisplayName != user.DisplayName)
        {
            changes.Add($"姓名由“{before.DisplayName}”变更为“{user.DisplayName}”");
        }

        if (before.Department != user.Department)
        {
            changes.Add($"部门及职务由“{before.Department}”变更为“{user.Department}”");
        }

        if (before.PhoneNumber != user.PhoneNumber)
        {
            changes.Add("手机号码已修改");
        }

        if (oldRole != Input.Role)
        {
            changes.Add($"角色由“{oldRole?.ChineseName() ?? "未分配"}”变更为“{Input.Role!.Value.ChineseName()}”");
        }

        if (before.OrganizationId != user.OrganizationId)
        {
            var names = await db.Organizations.Where(o => o.Id == before.OrganizationId || o.Id == user.OrganizationId)
                .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            changes.Add($"所属单位由“{names[before.OrganizationId]}”变更为“{names[user.OrganizationId]}”");
            db.RecordUnitChange(User, clock, before.OrganizationId, OrganizationChangeKind.AccountChanged,
                $"账号“{user.UserName}”（{user.DisplayName}）调至“{names[user.OrganizationId]}”。");
        }

        if (changes.Count > 0)
        {
            db.RecordUnitChange(User, clock, user.OrganizationId, OrganizationChangeKind.AccountChanged,
                $"编辑账号“{user.UserName}”（{user.DisplayName}）：{string.Join("；", changes)}。");
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<Role?> CurrentRoleAsync(AppUser user) =>
        (await users.GetRolesAsync(user)).Select(r => Enum.TryParse<Role>(r, out var role) ? role : (Role?)null).FirstOrDefault(r => r is not null);

    private async Task LoadUnitsAsync(string? search, CancellationToken cancellationToken) =>
        ViewData["Units"] = await UnitPicker.LoadAsync(await scope.UnitsAsync(cancellationToken), Input.OrganizationId, search, cancellationToken: cancellationToken);

    /// <summary>Loads <see cref="Account"/>; null when the user may manage it, else 404 outside the scope and 403 for an account out of reach.</summary>
    private async Task<IActionResult?> RefusalAsync(Guid id, CancellationToken cancellationToken)
    {
        var (user, refusal) = await this.FindManageableAsync(scope, users, id, cancellationToken);
        Account = user ?? Account;
        return refusal;
    }
}
