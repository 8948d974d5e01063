using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Tests.Organizations;

public sealed class OrganizationCodeTests
{
    private static Organization Unit() => Organization.CreateRoot("中共江州市委员会", OrganizationType.PartyCommittee, OrganizationCategory.Local);

    [Theory]
    [InlineData("  QH-001 ", "QH-001")]
    [InlineData("0133.2_a", "0133.2_A")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Code_is_trimmed_kept_in_upper_case_and_blank_clears_it(string? given, string? stored)
    {
        var unit = Unit();
        unit.SetCode("OLD");

        unit.SetCode(given);

        Assert.Equal(stored, unit.Code);
    }

    [Theory]
    [InlineData("清河 001")]
    [InlineData("=1+1")]
    [InlineData("a/b")]
    public void Code_with_other_characters_is_refused_and_the_old_one_stays(string given)
    {
        var unit = Unit();
        unit.SetCode("QH-001");

        var error = Assert.Throws<DomainException>(() => unit.SetCode(given));

        Assert.Equal("党组织代码只能包含字母、数字和“-_.”。", error.Message);
        Assert.Equal("QH-001", unit.Code);
    }

    [Fact]
    public void Code_longer_than_the_limit_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => Unit().SetCode(new string('A', Organization.CodeMaxLength + 1)));

        Assert.Equal($"党组织代码不能超过{Organization.CodeMaxLength}个字。", error.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(Organization.MaxSortOrder + 1)]
    public void Sort_order_out_of_range_is_refused(int sortOrder)
    {
        var unit = Unit();

        Assert.Throws<DomainException>(() => unit.SetSortOrder(sortOrder));
        Assert.Equal(0, unit.SortOrder);
    }

    [Fact]
    public void Change_record_keeps_the_actor_name_of_the_time_and_names_the_system_when_there_is_none()
    {
        var at = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

        var byUser = OrganizationChange.Record(Guid.NewGuid(), OrganizationChangeKind.Renamed, " 名称由甲改为乙 ", Guid.NewGuid(), "王组织", at);
        var bySystem = OrganizationChange.Record(Guid.NewGuid(), OrganizationChangeKind.Created, "新建单位", null, null, at);

        Assert.Equal("名称由甲改为乙", byUser.Description);
        Assert.Equal("王组织", byUser.ActorName);
        Assert.Equal("系统", bySystem.ActorName);
        Assert.Throws<DomainException>(() => OrganizationChange.Record(Guid.NewGuid(), OrganizationChangeKind.Created, " ", null, null, at));
    }
}
