using System.Linq.Expressions;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations;

/// <summary>The fields a unit is created and edited with.</summary>
public sealed class UnitFields
{
    [Required]
    [Display(Name = "单位名称")]
    [StringLength(Organization.NameMaxLength)]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "请选择组织类型。")]
    [Display(Name = "组织类型")]
    public OrganizationType? Type { get; set; }

    [Required(ErrorMessage = "请选择类别。")]
    [Display(Name = "类别")]
    public OrganizationCategory? Category { get; set; }

    [Display(Name = "党组织代码")]
    [StringLength(Organization.CodeMaxLength)]
    public string? Code { get; set; }

    [Display(Name = "排序号")]
    [Range(0, Organization.MaxSortOrder, ErrorMessage = "排序号应为0到999999之间的整数。")]
    public int? SortOrder { get; set; }

    public static string DuplicateCode(string code) => $"党组织代码“{code}”已被其他单位使用。";

    /// <summary>Sets code and 排序号 on <paramref name="unit"/>; a code another unit already has is refused next to the field.</summary>
    public async Task ApplyCodeAndSortOrderAsync(AppDbContext db, Organization unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(unit);
        unit.SetCode(Code);
        unit.SetSortOrder(SortOrder ?? 0);
        if (unit.Code is { } code && await db.Organizations.AnyAsync(OtherUnitWithCode(code, unit.Id), cancellationToken))
        {
            throw new DomainException(DuplicateCode(code), nameof(Code));
        }
    }

    /// <summary>
    /// A unique index refused the save: someone took the name under this parent or the code at the same moment. When it
    /// was the code, the message goes next to the code field instead of where <paramref name="messages"/> put it.
    /// </summary>
    public async Task<SaveMessages> DuplicateMessagesAsync(AppDbContext db, Guid unitId, SaveMessages messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(messages);
        var code = Code?.Trim().ToUpperInvariant();
        return !string.IsNullOrEmpty(code) && await db.Organizations.AnyAsync(OtherUnitWithCode(code, unitId), cancellationToken)
            ? messages with { Duplicate = DuplicateCode(code), DuplicateKey = "Input.Code" }
            : messages;
    }

    /// <summary>Another unit with this code in any case (<see cref="Organization.SetCode"/>); <paramref name="code"/> is in upper case. SQL: <c>upper(code) = @code</c>.</summary>
#pragma warning disable CA1304, CA1311, CA1862 // Npgsql translates ToUpper() only, not ToUpperInvariant() or string.Equals with a comparison
    private static Expression<Func<Organization, bool>> OtherUnitWithCode(string code, Guid unitId) =>
        o => o.Code!.ToUpper() == code && o.Id != unitId;
#pragma warning restore CA1304, CA1311, CA1862
}
