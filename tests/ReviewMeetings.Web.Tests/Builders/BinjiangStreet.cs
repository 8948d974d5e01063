using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Tests.Builders;

/// <summary>
/// A street committee 中共清河区滨江街道工作委员会 added under 清河区 with <c>count</c> branches 滨江第001党支部 …, for lists
/// longer than a page (city scale, issue 18).
/// </summary>
internal static class BinjiangStreet
{
    public const string Name = "中共清河区滨江街道工作委员会";

    public static string Branch(int number) => $"滨江第{number:D3}党支部";

    /// <returns>The branches, in number order, saved.</returns>
    public static async Task<List<Organization>> AddAsync(AppDbContext db, int count)
    {
        var qinghe = await db.Organizations.SingleAsync(o => o.Name == "中共清河区委员会");
        var street = Organization.CreateChild(qinghe, Name, OrganizationType.WorkingCommittee, OrganizationCategory.Street);
        var branches = Enumerable.Range(1, count)
            .Select(i => Organization.CreateChild(street, Branch(i), OrganizationType.Branch, OrganizationCategory.Community)).ToList();
        db.Organizations.Add(street);
        db.Organizations.AddRange(branches);
        await db.SaveChangesAsync();
        return branches;
    }
}
