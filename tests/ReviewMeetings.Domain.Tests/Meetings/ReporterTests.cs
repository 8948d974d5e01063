using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class ReporterTests
{
    private readonly QingheDistrict _district = new();

    [Fact]
    public void Reporter_copies_the_unit_and_its_secretary_as_they_are_when_added()
    {
        var meeting = _district.Meeting().Build();
        var userId = Guid.Parse("5ec5ec00-0000-0000-0000-000000000001");
        _district.Dongcheng.AssignSecretary(Secretary.Create("王建国", "东城街道党工委书记", "0571-88886666", userId));

        var reporter = meeting.AddReporter(_district.Dongcheng, ReportMode.OnSite);

        Assert.Equal(meeting.Id, reporter.MeetingId);
        Assert.Equal(_district.Dongcheng.Id, reporter.OrganizationId);
        Assert.Equal("东城街道党工委", reporter.UnitName);
        Assert.Equal(OrganizationCategory.Street, reporter.UnitCategory);
        Assert.Equal(OrganizationType.WorkingCommittee, reporter.UnitType);
        Assert.Equal("王建国", reporter.SecretaryName);
        Assert.Equal("东城街道党工委书记", reporter.SecretaryTitle);
        Assert.Equal(userId, reporter.SecretaryUserId);
        Assert.Equal(ReportMode.OnSite, reporter.Mode);
        Assert.Same(reporter, Assert.Single(meeting.Reporters));
    }

    [Fact]
    public void Later_changes_to_the_unit_do_not_rewrite_the_reporter()
    {
        var meeting = _district.Meeting().Build();
        var reporter = meeting.AddReporter(_district.Dongcheng, ReportMode.OnSite);

        _district.Dongcheng.AssignSecretary(Secretary.Create("钱新民", "东城街道党工委副书记", null, Guid.NewGuid()));
        _district.Dongcheng.Rename("东城街道党工委（新）");
        _district.Dongcheng.Classify(OrganizationType.PartyCommittee, OrganizationCategory.Town);

        Assert.Equal("东城街道党工委", reporter.UnitName);
        Assert.Equal("王建国", reporter.SecretaryName);
        Assert.Equal("东城街道党工委书记", reporter.SecretaryTitle);
        Assert.Null(reporter.SecretaryUserId);
        Assert.Equal(OrganizationCategory.Street, reporter.UnitCategory);
        Assert.Equal(OrganizationType.WorkingCommittee, reporter.UnitType);
    }

    [Fact]
    public void Same_unit_cannot_report_twice()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng).Build();

        var error = Assert.Throws<DomainException>(() => meeting.AddReporter(_district.Dongcheng, ReportMode.Written));

        Assert.Equal("“东城街道党工委”已是本次会议的述职对象。", error.Message);
        Assert.Equal(ReportMode.OnSite, Assert.Single(meeting.Reporters).Mode);
    }

    [Fact]
    public void Inactive_unit_cannot_report()
    {
        var meeting = _district.Meeting().Build();
        _district.Xicheng.Deactivate([]);

        var error = Assert.Throws<DomainException>(() => meeting.AddReporter(_district.Xicheng, ReportMode.OnSite));

        Assert.Equal("“西城街道党工委”已停用，不能作为述职对象。", error.Message);
        Assert.Empty(meeting.Reporters);
    }

    [Fact]
    public void Host_unit_cannot_report_at_its_own_meeting()
    {
        var meeting = _district.Meeting().Build();

        var error = Assert.Throws<DomainException>(() => meeting.AddReporter(_district.Host, ReportMode.OnSite));

        Assert.Equal("主办单位本身不能作为述职对象。", error.Message);
        Assert.Empty(meeting.Reporters);
    }

    [Fact]
    public void Unit_outside_the_host_subtree_cannot_report()
    {
        var meeting = _district.Meeting().Build();
        var otherDistrict = Organization.CreateRoot("中共柳林区委员会", OrganizationType.PartyCommittee, OrganizationCategory.Local);
        var otherStreet = Organization.CreateChild(otherDistrict, "柳林街道党工委", OrganizationType.WorkingCommittee, OrganizationCategory.Street);

        Assert.Throws<DomainException>(() => meeting.AddReporter(otherStreet, ReportMode.OnSite));
        Assert.Empty(meeting.Reporters);
    }

    [Fact]
    public void Adding_an_excluded_unit_as_reporter_drops_its_exclusion()
    {
        var meeting = _district.Meeting().Build();
        meeting.Exclude(_district.Nanhu, "书记岗位空缺");
        meeting.Exclude(_district.Beishan, "已于今年撤并");

        meeting.AddReporter(_district.Nanhu, ReportMode.Written);

        Assert.Equal([_district.Beishan.Id], meeting.Exclusions.Select(e => e.OrganizationId));
    }

    [Fact]
    public void On_site_reporters_are_numbered_in_the_order_they_were_added()
    {
        var meeting = _district.Meeting().Build();

        // Added in an order that differs from the name order, so the numbering cannot come from sorting names.
        meeting.AddReporter(_district.Xicheng, ReportMode.OnSite);
        meeting.AddReporter(_district.Nanhu, ReportMode.OnSite);
        meeting.AddReporter(_district.OrganCommittee, ReportMode.Written);
        meeting.AddReporter(_district.Beishan, ReportMode.OnSite);
        meeting.AddReporter(_district.Dongcheng, ReportMode.OnSite);

        Assert.Equal(
            [("西城街道党工委", 1), ("南湖镇党委", 2), ("北山镇党委", 3), ("东城街道党工委", 4)],
            meeting.OnSite().Select(r => (r.UnitName, r.Order!.Value)));
        Assert.Equal(4, meeting.OnSiteCount);
    }

    [Fact]
    public void Written_reporters_have_no_speaking_order_and_are_listed_in_the_order_added()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng).Written(_district.OrganCommittee, _district.EducationBureau).Build();

        Assert.All(meeting.Written(), r => Assert.Null(r.Order));
        Assert.Equal(["区直机关工委", "区教育局党委"], meeting.Written().Select(r => r.UnitName));
        Assert.Equal(1, meeting.OnSiteCount);
    }

    [Fact]
    public void Switching_an_on_site_reporter_to_written_closes_the_gap_in_the_order()
    {
        var meeting = _district.Meeting().OnSite(_district.Xicheng, _district.Nanhu, _district.Beishan).Build();
        var nanhu = Of(meeting, _district.Nanhu);

        meeting.SetMode(nanhu.Id, ReportMode.Written);

        Assert.Equal(ReportMode.Written, nanhu.Mode);
        Assert.Null(nanhu.Order);
        Assert.Equal([("西城街道党工委", 1), ("北山镇党委", 2)], OrderOf(meeting));
    }

    [Fact]
    public void Switching_a_written_reporter_to_on_site_puts_it_last()
    {
        var meeting = _district.Meeting().OnSite(_district.Xicheng, _district.Nanhu).Written(_district.Dongcheng).Build();

        meeting.SetMode(Of(meeting, _district.Dongcheng).Id, ReportMode.OnSite);

        Assert.Equal([("西城街道党工委", 1), ("南湖镇党委", 2), ("东城街道党工委", 3)], OrderOf(meeting));
        Assert.Empty(meeting.Written());
    }

    [Fact]
    public void Setting_the_mode_a_reporter_already_has_keeps_the_order()
    {
        var meeting = _district.Meeting().OnSite(_district.Xicheng, _district.Nanhu).Build();
        meeting.Reorder([Of(meeting, _district.Nanhu).Id, Of(meeting, _district.Xicheng).Id]);
        meeting.DrawLots(7, QingheDistrict.Organizer, QingheDistrict.Now);
        var drawn = OrderOf(meeting);

        meeting.SetMode(Of(meeting, _district.Nanhu).Id, ReportMode.OnSite);

        Assert.Equal(drawn, OrderOf(meeting));
        Assert.NotNull(meeting.Lottery);
    }

    [Fact]
    public void Setting_the_mode_of_an_unknown_reporter_is_refused()
    {
        var meeting = _district.Meeting().OnSite(_district.Xicheng).Build();

        var error = Assert.Throws<DomainException>(() => meeting.SetMode(Guid.NewGuid(), ReportMode.Written));

        Assert.Equal("述职对象不存在，可能已被他人删除，请刷新页面。", error.Message);
    }

    [Fact]
    public void Setting_the_mode_for_a_category_changes_only_that_category_and_counts_the_changes()
    {
        var meeting = _district.Meeting()
            .OnSite(_district.Xicheng, _district.Nanhu, _district.Dongcheng, _district.Beishan)
            .Written(_district.OrganCommittee)
            .Build();

        var changed = meeting.SetModeForCategory(OrganizationCategory.Town, ReportMode.Written);

        Assert.Equal(2, changed);
        Assert.Equal([("西城街道党工委", 1), ("东城街道党工委", 2)], OrderOf(meeting));
        Assert.Equal(3, meeting.Written().Count());
        Assert.All(meeting.Written(), r => Assert.Null(r.Order));
    }

    [Fact]
    public void Setting_the_mode_for_a_category_again_changes_nothing()
    {
        var meeting = _district.Meeting().OnSite(_district.Nanhu).Written(_district.Beishan).Build();

        Assert.Equal(1, meeting.SetModeForCategory(OrganizationCategory.Town, ReportMode.OnSite));
        Assert.Equal(0, meeting.SetModeForCategory(OrganizationCategory.Town, ReportMode.OnSite));
        Assert.Equal(0, meeting.SetModeForCategory(OrganizationCategory.Health, ReportMode.OnSite));
        Assert.Equal(2, meeting.OnSiteCount);
    }

    [Fact]
    public void Units_switched_to_on_site_together_keep_their_written_order()
    {
        var meeting = _district.Meeting().OnSite(_district.Xicheng).Written(_district.Nanhu, _district.Beishan).Build();

        meeting.SetModeForCategory(OrganizationCategory.Town, ReportMode.OnSite);

        Assert.Equal([1, 2, 3], meeting.OnSite().Select(r => r.Order!.Value));
        Assert.Equal("西城街道党工委", meeting.OnSite().First().UnitName);
        Assert.Equal(["南湖镇党委", "北山镇党委"], meeting.OnSite().Skip(1).Select(r => r.UnitName));
    }

    [Fact]
    public void Removing_a_reporter_renumbers_the_rest()
    {
        var meeting = _district.Meeting().OnSite(_district.Xicheng, _district.Nanhu, _district.Beishan).Written(_district.OrganCommittee).Build();

        meeting.RemoveReporter(Of(meeting, _district.Xicheng).Id);

        Assert.Equal([("南湖镇党委", 1), ("北山镇党委", 2)], OrderOf(meeting));
        Assert.Equal(3, meeting.Reporters.Count);
    }

    [Fact]
    public void Removing_a_reporter_that_is_gone_is_refused()
    {
        var meeting = _district.Meeting().OnSite(_district.Xicheng).Build();
        var xicheng = Of(meeting, _district.Xicheng).Id;
        meeting.RemoveReporter(xicheng);

        var error = Assert.Throws<DomainException>(() => meeting.RemoveReporter(xicheng));

        Assert.Equal("述职对象不存在，可能已被他人删除，请刷新页面。", error.Message);
        Assert.Empty(meeting.Reporters);
    }

    [Fact]
    public void Removed_unit_can_be_added_again()
    {
        var meeting = _district.Meeting().OnSite(_district.Xicheng, _district.Nanhu).Build();
        meeting.RemoveReporter(Of(meeting, _district.Xicheng).Id);

        meeting.AddReporter(_district.Xicheng, ReportMode.OnSite);

        Assert.Equal([("南湖镇党委", 1), ("西城街道党工委", 2)], OrderOf(meeting));
    }

    internal static Reporter Of(Meeting meeting, Organization unit) => meeting.Reporters.Single(r => r.OrganizationId == unit.Id);

    internal static List<(string Unit, int Order)> OrderOf(Meeting meeting) =>
        meeting.OnSite().Select(r => (r.UnitName, r.Order!.Value)).ToList();
}
