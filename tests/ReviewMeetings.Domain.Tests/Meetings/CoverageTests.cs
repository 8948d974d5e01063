using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class CoverageTests
{
    private readonly QingheDistrict _district = new();

    private Guid[] Scope =>
        [_district.Dongcheng.Id, _district.Xicheng.Id, _district.Nanhu.Id, _district.Beishan.Id, _district.OrganCommittee.Id];

    public static TheoryData<OrganizationCategory, OrganizationType> EveryCategoryAndType()
    {
        var data = new TheoryData<OrganizationCategory, OrganizationType>();
        foreach (var category in Enum.GetValues<OrganizationCategory>())
        {
            foreach (var type in Enum.GetValues<OrganizationType>())
            {
                data.Add(category, type);
            }
        }

        return data;
    }

    [Fact]
    public void Units_in_scope_with_neither_a_reporter_nor_an_exclusion_are_uncovered_in_scope_order()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng).Written(_district.OrganCommittee).Build();
        meeting.Exclude(_district.Nanhu, "书记岗位空缺");

        Assert.Equal([_district.Xicheng.Id, _district.Beishan.Id], Coverage.Uncovered(Scope, meeting));
    }

    [Fact]
    public void Unit_listed_twice_in_scope_is_uncovered_once()
    {
        var meeting = _district.Meeting().Build();

        Assert.Equal([_district.Xicheng.Id], Coverage.Uncovered([_district.Xicheng.Id, _district.Xicheng.Id], meeting));
    }

    [Fact]
    public void Meeting_with_every_unit_reporting_or_excluded_is_fully_covered()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng, _district.Xicheng).Written(_district.Nanhu, _district.OrganCommittee).Build();
        meeting.Exclude(_district.Beishan, "已于今年撤并");

        Assert.Empty(Coverage.Uncovered(Scope, meeting));
    }

    [Fact]
    public void Removing_a_reporter_leaves_its_unit_uncovered()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng, _district.Xicheng).Build();

        meeting.RemoveReporter(ReporterTests.Of(meeting, _district.Xicheng).Id);

        Assert.Equal([_district.Xicheng.Id], Coverage.Uncovered([_district.Dongcheng.Id, _district.Xicheng.Id], meeting));
    }

    [Fact]
    public void Exclusion_keeps_the_trimmed_reason()
    {
        var meeting = _district.Meeting().Build();

        meeting.Exclude(_district.Nanhu, "  书记岗位空缺，由副书记在明年述职  ");

        var exclusion = Assert.Single(meeting.Exclusions);
        Assert.Equal(new CoverageExclusion(_district.Nanhu.Id, "书记岗位空缺，由副书记在明年述职"), exclusion);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Exclusion_without_a_reason_is_refused(string? reason)
    {
        var meeting = _district.Meeting().Build();

        var error = Assert.Throws<DomainException>(() => meeting.Exclude(_district.Nanhu, reason));

        Assert.Equal("请填写排除原因。", error.Message);
        Assert.Equal("Reason", error.Field);
        Assert.Empty(meeting.Exclusions);
    }

    [Fact]
    public void Exclusion_reason_is_limited_to_200_characters()
    {
        var meeting = _district.Meeting().Build();

        var error = Assert.Throws<DomainException>(() => meeting.Exclude(_district.Nanhu, new string('空', CoverageExclusion.ReasonMaxLength + 1)));

        Assert.Equal("排除原因不能超过200个字。", error.Message);
        Assert.Empty(meeting.Exclusions);
    }

    [Fact]
    public void Reporting_unit_cannot_be_excluded()
    {
        var meeting = _district.Meeting().Written(_district.OrganCommittee).Build();

        var error = Assert.Throws<DomainException>(() => meeting.Exclude(_district.OrganCommittee, "合并述职"));

        Assert.Equal("“区直机关工委”已是述职对象，无需排除。", error.Message);
        Assert.Empty(meeting.Exclusions);
        Assert.Single(meeting.Reporters);
    }

    [Fact]
    public void Excluding_a_unit_again_replaces_the_reason()
    {
        var meeting = _district.Meeting().Build();
        meeting.Exclude(_district.Nanhu, "书记岗位空缺");

        meeting.Exclude(_district.Nanhu, "已于今年撤并");

        Assert.Equal("已于今年撤并", Assert.Single(meeting.Exclusions).Reason);
    }

    [Fact]
    public void Including_an_excluded_unit_makes_it_uncovered_again()
    {
        var meeting = _district.Meeting().Build();
        meeting.Exclude(_district.Nanhu, "书记岗位空缺");
        meeting.Exclude(_district.Beishan, "已于今年撤并");

        meeting.Include(_district.Nanhu.Id);

        Assert.Equal([_district.Beishan.Id], meeting.Exclusions.Select(e => e.OrganizationId));
        Assert.Equal([_district.Nanhu.Id], Coverage.Uncovered([_district.Nanhu.Id, _district.Beishan.Id], meeting));
    }

    [Fact]
    public void Including_a_unit_that_was_never_excluded_changes_nothing()
    {
        var meeting = _district.Meeting().Build();
        meeting.Exclude(_district.Beishan, "已于今年撤并");

        meeting.Include(_district.Nanhu.Id);

        Assert.Single(meeting.Exclusions);
    }

    [Fact]
    public void Exclusions_can_still_change_after_publishing()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Published).Build();

        meeting.Exclude(_district.Nanhu, "书记岗位空缺");

        Assert.Single(meeting.Exclusions);
    }

    [Theory]
    [MemberData(nameof(EveryCategoryAndType))]
    public void By_default_the_scope_leaves_out_grassroots_categories_and_branch_types(OrganizationCategory category, OrganizationType type)
    {
        var meeting = _district.Meeting().Build();
        var expected = category is not (OrganizationCategory.Community or OrganizationCategory.Local)
            && type is not (OrganizationType.GeneralBranch or OrganizationType.Branch);

        Assert.Equal(expected, meeting.IsInCoverageScope(category, type));
    }

    [Fact]
    public void Default_scope_lists_every_other_category_and_type()
    {
        var meeting = _district.Meeting().Build();

        Assert.DoesNotContain(OrganizationCategory.Community, meeting.CoverageCategories);
        Assert.DoesNotContain(OrganizationCategory.Local, meeting.CoverageCategories);
        Assert.Equal(Enum.GetValues<OrganizationCategory>().Length - 2, meeting.CoverageCategories.Count);
        Assert.Equal(
            [OrganizationType.PartyCommittee, OrganizationType.WorkingCommittee, OrganizationType.LeadingGroup, OrganizationType.OrganWorkingCommittee],
            meeting.CoverageTypes);
    }

    [Fact]
    public void Scope_can_be_narrowed_and_widened()
    {
        var meeting = _district.Meeting().Build();

        meeting.SetCoverageScope(
            [OrganizationCategory.Town, OrganizationCategory.Street, OrganizationCategory.Community, OrganizationCategory.Street],
            [OrganizationType.PartyCommittee, OrganizationType.GeneralBranch]);

        Assert.Equal([OrganizationCategory.Street, OrganizationCategory.Town, OrganizationCategory.Community], meeting.CoverageCategories);
        Assert.Equal([OrganizationType.PartyCommittee, OrganizationType.GeneralBranch], meeting.CoverageTypes);
        Assert.True(meeting.IsInCoverageScope(OrganizationCategory.Community, OrganizationType.GeneralBranch));
        Assert.True(meeting.IsInCoverageScope(OrganizationCategory.Town, OrganizationType.PartyCommittee));
        Assert.False(meeting.IsInCoverageScope(OrganizationCategory.Street, OrganizationType.WorkingCommittee));
        Assert.False(meeting.IsInCoverageScope(OrganizationCategory.Education, OrganizationType.PartyCommittee));
    }

    [Fact]
    public void Empty_scope_covers_nothing()
    {
        var meeting = _district.Meeting().Build();

        meeting.SetCoverageScope([], []);

        Assert.False(meeting.IsInCoverageScope(OrganizationCategory.Street, OrganizationType.WorkingCommittee));
    }
}
