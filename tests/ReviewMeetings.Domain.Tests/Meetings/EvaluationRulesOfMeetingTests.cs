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

        var host = InSession();
        host.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);

        var frozen = Assert.Throws<DomainException>(() => host.SetEvaluationRules(EvaluationRules.Default));
        Assert.Equal("民主测评已开始，测评规则已锁定，不能再修改。", frozen.Message);
    }

    [Fact]
    public void Starting_the_evaluation_without_saved_rules_freezes_the_defaults_over_the_attendance()
    {
        var meeting = InSession();
        Assert.Null(meeting.EvaluationRules);

        meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);

        var frozen = meeting.EvaluationRules;
        Assert.NotNull(frozen);
        Assert.Equal(meeting.Attendance.OrderBy(g => g.Order).Select(g => (g.Id.ToString(), g.Name, 0m)), frozen.Groups.Select(g => (g.Key, g.Name, g.Weight)));
        Assert.Equal(EvaluationRules.Default.Grades, frozen.Grades);
        Assert.Equal(EvaluationRules.Default.Bands, frozen.Bands);
        Assert.Same(frozen, meeting.EffectiveEvaluationRules);
    }

    [Fact]
    public void Starting_the_evaluation_keeps_the_saved_rules_and_they_stay_after_going_back()
    {
        var meeting = InSession();
        var saved = EvaluationRules.Create(GradeScales.Competence, groups: meeting.Attendance.Select(g => new RaterGroupRule(g.Id.ToString(), g.Name, 0.25m)).ToList(),
            bands: GradeScales.Bands(GradeScales.Competence, 90m, 80m, 60m));
        meeting.SetEvaluationRules(saved);

        meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
        meeting.Revert(MeetingStatus.InSession, "测评人员未到齐", byAdministrator: false, Guid.NewGuid(), DateTimeOffset.UtcNow);

        Assert.Same(saved, meeting.EvaluationRules);
    }

    [Fact]
    public void Before_voting_a_meeting_without_saved_rules_is_counted_with_the_defaults_over_its_attendance()
    {
        var meeting = NewMeeting();

        var rules = meeting.EffectiveEvaluationRules;

        Assert.Null(meeting.EvaluationRules);
        Assert.Equal(meeting.Attendance.OrderBy(g => g.Order).Select(g => g.Id.ToString()), rules.Groups.Select(g => g.Key));
        Assert.All(rules.Groups, g => Assert.Equal(RaterGroupRule.DefaultMinDisclosure, g.MinDisclosure));
    }

    [Fact]
    public void A_meeting_closed_without_an_evaluation_and_taken_back_to_it_by_an_administrator_gets_its_rules_frozen()
    {
        var meeting = InSession();
        meeting.Close(Guid.NewGuid(), DateTimeOffset.UtcNow);
        Assert.Null(meeting.EvaluationRules);

        meeting.Revert(MeetingStatus.Evaluating, "补充民主测评", byAdministrator: true, Guid.NewGuid(), DateTimeOffset.UtcNow);

        Assert.Equal(MeetingStatus.Evaluating, meeting.Status);
        Assert.Equivalent(EvaluationRules.DefaultFor(meeting.Attendance), meeting.EvaluationRules);
        Assert.Throws<DomainException>(() => meeting.SetEvaluationRules(EvaluationRules.Default));
    }

    private static Meeting InSession()
    {
        var unit = Organization.CreateRoot("中共清河区委员会", OrganizationType.PartyCommittee, OrganizationCategory.Local);
        var host = Meeting.Create(unit.Id, "会议", 2026, Guid.NewGuid(), DateTimeOffset.UtcNow);
        host.UpdateDetails(new MeetingDetails("会议", 2026, new DateOnly(2026, 12, 28), null, null, [], null, 6, null));
        host.AddReporter(Organization.CreateChild(unit, "东城街道党工委", OrganizationType.WorkingCommittee, OrganizationCategory.Street), ReportMode.OnSite);
        host.Publish([], Guid.NewGuid(), DateTimeOffset.UtcNow);
        host.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
        return host;
    }

    private static List<AttendanceDraft> Drafts(Meeting meeting) =>
        meeting.Attendance.OrderBy(g => g.Order).Select(g => new AttendanceDraft(g.Id, g.Name, g.Expected)).ToList();

    [Fact]
    public void Voting_does_not_start_when_a_group_was_added_to_the_attendance_after_the_rules_were_saved()
    {
        var meeting = InSession();
        meeting.SetEvaluationRules(EvaluationRules.Create(groups: meeting.Attendance.Select(g => new RaterGroupRule(g.Id.ToString(), g.Name, 0.25m)).ToList()));
        meeting.SetAttendance([.. Drafts(meeting), new AttendanceDraft(null, "离退休干部代表", 10)]);

        var error = Assert.Throws<DomainException>(() => meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow));

        Assert.Equal("测评规则中的测评人类别与参会人员类别不一致，请先重新保存测评规则。", error.Message);
        Assert.Equal(MeetingStatus.InSession, meeting.Status);
    }

    [Fact]
    public void During_voting_attendance_groups_can_be_renamed_and_counted_but_not_added_or_removed()
    {
        var meeting = InSession();
        meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
        var drafts = Drafts(meeting);

        meeting.SetAttendance(drafts.Select(d => d with { Name = d.Name + "（含列席）", Expected = d.Expected + 1 }));
        var added = Assert.Throws<DomainException>(() => meeting.SetAttendance([.. drafts, new AttendanceDraft(null, "离退休干部代表", 10)]));
        var removed = Assert.Throws<DomainException>(() => meeting.SetAttendance(drafts.Skip(1)));

        Assert.All(meeting.Attendance, g => Assert.EndsWith("（含列席）", g.Name, StringComparison.Ordinal));
        Assert.Equal("民主测评已开始，参会人员类别只能修改名称和人数，不能增加或删除。", added.Message);
        Assert.Equal(added.Message, removed.Message);
        Assert.Equal(drafts.Count, meeting.Attendance.Count);
    }
}
