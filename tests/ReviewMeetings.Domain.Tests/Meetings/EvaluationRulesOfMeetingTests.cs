using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class EvaluationRulesOfMeetingTests
{
    private static Meeting NewMeeting() => Meeting.Create(Guid.NewGuid(), "清河区2026年度党组织书记抓基层党建工作述职评议会议", 2026, Guid.NewGuid(), DateTimeOffset.UtcNow);

    [Fact]
    public void Rater_groups_must_be_the_meetings_attendance_groups()
    {
        var meeting = NewMeeting();
        var stranger = EvaluationRules.Create(groups: [new RaterGroupRule("not-an-attendance-group", "其他人员", 1)]);

        var error = Assert.Throws<DomainException>(() => meeting.SetEvaluationRules(stranger));

        Assert.Equal("测评人类别必须与参会人员类别一致，请先保存参会人员。", error.Message);
        Assert.Null(meeting.EvaluationRules);
    }

    [Fact]
    public void Rules_can_change_until_voting_starts_and_are_frozen_after()
    {
        var meeting = NewMeeting();
        var groups = meeting.Attendance.Select(g => new RaterGroupRule(g.Id.ToString(), g.Name, 0.25m)).ToList();
        var rules = EvaluationRules.Create(groups: groups);

        meeting.SetEvaluationRules(EvaluationRules.Default);
        meeting.SetEvaluationRules(rules);
        Assert.Same(rules, meeting.EvaluationRules);

        var unit = Organization.CreateRoot("中共清河区委员会", OrganizationType.PartyCommittee, OrganizationCategory.Local);
        var host = Meeting.Create(unit.Id, "会议", 2026, Guid.NewGuid(), DateTimeOffset.UtcNow);
        host.UpdateDetails(new MeetingDetails("会议", 2026, new DateOnly(2026, 12, 28), null, null, [], null, 6, null));
        host.AddReporter(Organization.CreateChild(unit, "东城街道党工委", OrganizationType.WorkingCommittee, OrganizationCategory.Street), ReportMode.OnSite);
        host.Publish([], Guid.NewGuid(), DateTimeOffset.UtcNow);
        host.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
        host.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);

        var frozen = Assert.Throws<DomainException>(() => host.SetEvaluationRules(EvaluationRules.Default));
        Assert.Equal("民主测评已开始，测评规则已锁定，不能再修改。", frozen.Message);
    }
}
