using Microsoft.AspNetCore.Mvc.Rendering;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Web.Pages.Organizations;

/// <summary>The choices of a unit's 组织类型 and 所属领域 for select lists.</summary>
public static class UnitOptions
{
    public static IEnumerable<SelectListItem> Types() =>
        Enum.GetValues<OrganizationType>().Select(t => new SelectListItem(t.ChineseName(), t.ToString()));

    public static IEnumerable<SelectListItem> Categories() =>
        Enum.GetValues<OrganizationCategory>().Select(c => new SelectListItem(c.ChineseName(), c.ToString()));
}
