namespace ReviewMeetings.Domain.Organizations;

public enum OrganizationType
{
    PartyCommittee,
    WorkingCommittee,
    LeadingGroup,
    OrganWorkingCommittee,
    GeneralBranch,
    Branch,
}

public enum OrganizationCategory
{
    Local,
    Street,
    Town,
    DistrictOrgan,
    DevelopmentZone,
    NewOrganizations,
    Retirees,
    Education,
    Health,
    StateEnterprise,
    Community,
    Other,
}

public static class OrganizationNames
{
    public static string ChineseName(this OrganizationType type) => type switch
    {
        OrganizationType.PartyCommittee => "党委",
        OrganizationType.WorkingCommittee => "党工委",
        OrganizationType.LeadingGroup => "党组",
        OrganizationType.OrganWorkingCommittee => "机关工委",
        OrganizationType.GeneralBranch => "党总支",
        OrganizationType.Branch => "党支部",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string ChineseName(this OrganizationCategory category) => category switch
    {
        OrganizationCategory.Local => "地方党委",
        OrganizationCategory.Street => "街道",
        OrganizationCategory.Town => "镇",
        OrganizationCategory.DistrictOrgan => "区直机关",
        OrganizationCategory.DevelopmentZone => "开发区",
        OrganizationCategory.NewOrganizations => "两新组织",
        OrganizationCategory.Retirees => "离退休",
        OrganizationCategory.Education => "教育",
        OrganizationCategory.Health => "卫健",
        OrganizationCategory.StateEnterprise => "国企",
        OrganizationCategory.Community => "村（社区）",
        OrganizationCategory.Other => "其他",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };
}
