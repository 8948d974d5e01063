using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Admin.Users;

/// <summary>The account fields an administrator sets when creating and editing a user.</summary>
public sealed class UserFields
{
    [Required]
    [Display(Name = "姓名")]
    [StringLength(AppUser.DisplayNameMaxLength)]
    public string DisplayName { get; set; } = "";

    [Display(Name = "部门及职务")]
    [StringLength(AppUser.DepartmentMaxLength)]
    public string? Department { get; set; }

    [Display(Name = "手机号码")]
    [StringLength(20)]
    [RegularExpression(@"^[0-9+\- ]{5,20}$", ErrorMessage = "手机号码只能包含数字、空格和“+-”。")]
    public string? PhoneNumber { get; set; }

    [Required(ErrorMessage = "请选择角色。")]
    [Display(Name = "角色")]
    public Role? Role { get; set; }

    [Required(ErrorMessage = "请选择所属单位。")]
    [Display(Name = "所属单位")]
    public Guid? OrganizationId { get; set; }

    public static IEnumerable<SelectListItem> Roles() =>
        Enum.GetValues<Role>().Select(r => new SelectListItem(r.ChineseName(), r.ToString()));

    public void ApplyTo(AppUser user)
    {
        user.DisplayName = DisplayName.Trim();
        user.Department = string.IsNullOrWhiteSpace(Department) ? null : Department.Trim();
        user.PhoneNumber = string.IsNullOrWhiteSpace(PhoneNumber) ? null : PhoneNumber.Trim();
        user.OrganizationId = OrganizationId!.Value;
    }
}

internal static class UserRoles
{
    public static async Task<Dictionary<Guid, Role>> ForAsync(AppDbContext db, IQueryable<AppUser> users, CancellationToken cancellationToken)
    {
        var rows = await db.UserRoles.Where(ur => users.Any(u => u.Id == ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return rows.Where(r => Enum.TryParse<Role>(r.Name, out _))
            .GroupBy(r => r.UserId)
            .ToDictionary(g => g.Key, g => Enum.Parse<Role>(g.First().Name!));
    }
}
