using System.ComponentModel.DataAnnotations;
using ReviewMeetings.Domain.Organizations;

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
}
