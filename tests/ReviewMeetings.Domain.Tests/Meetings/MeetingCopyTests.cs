using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class MeetingCopyTests
{
    private static readonly Guid Leader = Guid.Parse("0c0c0c0c-0000-0000-0000-000000000001");
    private static readonly Guid FormerLeader = Guid.Parse("0c0c0c0c-0000-0000-0000-000000000002");
    private static readonly DateTimeOffset CopiedAt = new(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private const string NextTitle = "清河区2026年度党组织书记抓基层党建工作述职评议会议";

    private readonly QingheDistrict _district = new();

    /// <summary>Last year's meeting, arranged in every part and then held and archived.</summary>
    private Meeting HeldMeeting()
    {
        var meeting = _district.Meeting()
            .OnSite(_district.Dongcheng, _district.Nanhu, _district.Beishan)
            .Written(_district.OrganCommittee, _district.EducationBureau, _district.Xicheng)
            .Build();
        meeting.UpdateDetails(Details.Of(meeting) with
        {
            Host = "区委书记 陈立群",
            SubVenues = ["东城街道分会场"],
            TimeLimitMinutes = 8,
            WrittenReportDeadline = new DateOnly(2026, 1, 8),
        });
        meeting.DrawLots(7, QingheDistrict.Organizer, QingheDistrict.Now);
        var onSite = meeting.OnSite().Select(r => r.Id).Reverse().ToList();
        meeting.Reorder(onSite);
        meeting.ReorderWritten(meeting.Written().Select(r => r.Id).Reverse().ToList());
        meeting.SetAgenda(
        [
            new AgendaDraft(AgendaItemKind.ReportsAndComments, null, 90),
            new AgendaDraft(AgendaItemKind.Other, "签订党建工作责任书", 10),
            new AgendaDraft(AgendaItemKind.Evaluation, null, 20),
        ]);
        meeting.SetAttendance([new AttendanceDraft(null, "区级领导", 12), new AttendanceDraft(null, "基层党员群众代表", 30)]);
        var groups = meeting.Attendance.OrderBy(g => g.Order).ToList();
        meeting.SetEvaluationRules(EvaluationRules.Create(
            grades: GradeScales.Competence,
            groups: [new RaterGroupRule(groups[0].Id.ToString(), "区级领导", 0.6m), new RaterGroupRule(groups[1].Id.ToString(), "基层党员群众代表", 0.4m, 5)],
            quorum: 0.6m,
            quotas: [new GradeQuota("优秀", 2)]));
        meeting.ShowRectificationOnBallot(true);
        meeting.SetLeaders([Leader, FormerLeader], [GuidanceAttendee.Create("刘振宇", "市委组织部组织二处处长")]);
        meeting.Exclude(_district.Unit("区卫健局党委", OrganizationType.PartyCommittee, OrganizationCategory.Health), "新组建，明年述职");
        MeetingBuilder.Advance(meeting, MeetingStatus.Evaluating);
        meeting.RecordActualAttendance(groups[0].Id, 11);
        meeting.CloseVoting(QingheDistrict.Organizer, QingheDistrict.Now);
        meeting.Close(QingheDistrict.Organizer, QingheDistrict.Now);
        meeting.PublishResults(QingheDistrict.Organizer, QingheDistrict.Now);
        meeting.Archive(QingheDistrict.Organizer, QingheDistrict.Now);
        return meeting;
    }

    private IReadOnlyCollection<Organization> Units => [
        _district.Dongcheng, _district.Xicheng, _district.Nanhu, _district.Beishan, _district.OrganCommittee, _district.EducationBureau];

    private MeetingCopy Copy(Meeting source, IReadOnlyCollection<Organization>? units = null, IReadOnlyCollection<Guid>? leaders = null) =>
        source.CopyForNextYear(Guid.CreateVersion7(), NextTitle, units ?? Units, leaders ?? [Leader, FormerLeader], QingheDistrict.Administrator, CopiedAt, 2026);

    [Fact]
    public void Copy_is_a_draft_of_the_next_year_with_the_reporters_in_their_modes_and_order()
    {
        var source = HeldMeeting();

        var copy = Copy(source).Meeting;

        Assert.Equal(MeetingStatus.Draft, copy.Status);
        Assert.Equal(2026, copy.ReviewYear);
        Assert.Equal(NextTitle, copy.Title);
        Assert.Equal(source.OrganizationId, copy.OrganizationId);
        Assert.NotEqual(source.Id, copy.Id);
        Assert.Equal(QingheDistrict.Administrator, copy.CreatedBy);
        Assert.Equal(source.OnSite().Select(r => r.OrganizationId), copy.OnSite().Select(r => r.OrganizationId));
        Assert.Equal(source.Written().Select(r => r.OrganizationId), copy.Written().Select(r => r.OrganizationId));
        Assert.Equal([1, 2, 3], copy.OnSite().Select(r => r.Order!.Value));
        Assert.Equal([1, 2, 3], copy.Written().Select(r => r.WrittenOrder!.Value));
        Assert.All(copy.Reporters, r => Assert.Equal(copy.Id, r.MeetingId));
    }

    [Fact]
    public void Each_reporter_takes_the_units_current_name_and_secretary()
    {
        var source = HeldMeeting();
        _district.Dongcheng.Rename("东城街道党工委（新）");
        _district.Dongcheng.AssignSecretary(Secretary.Create("陈新民", "东城街道党工委书记", phone: null, userId: null));

        var reporter = Copy(source).Meeting.Reporters.Single(r => r.OrganizationId == _district.Dongcheng.Id);

        Assert.Equal("东城街道党工委（新）", reporter.UnitName);
        Assert.Equal("陈新民", reporter.SecretaryName);
        Assert.Equal("王建国", source.Reporters.Single(r => r.OrganizationId == _district.Dongcheng.Id).SecretaryName);
    }

    [Fact]
    public void Deactivated_or_removed_units_are_skipped_and_named_and_the_rest_keep_their_order()
    {
        var source = HeldMeeting();
        _district.Nanhu.Deactivate([]);

        var copy = Copy(source, Units.Where(u => u != _district.EducationBureau).ToList());

        Assert.Equal(
            [new SkippedReporter("南湖镇党委", "“南湖镇党委”已停用，不能作为述职对象。"), new SkippedReporter("区教育局党委", "“区教育局党委”已不存在。")],
            copy.Skipped.OrderBy(s => s.UnitName == "区教育局党委"));
        var expectedOnSite = source.OnSite().Select(r => r.OrganizationId).Where(id => id != _district.Nanhu.Id);
        Assert.Equal(expectedOnSite, copy.Meeting.OnSite().Select(r => r.OrganizationId));
        Assert.Equal([1, 2], copy.Meeting.OnSite().Select(r => r.Order!.Value));
        Assert.Equal(2, copy.Meeting.Written().Count());
    }

    [Fact]
    public void A_unit_without_a_secretary_is_copied_as_adding_it_by_hand_would_and_named()
    {
        var source = HeldMeeting();
        _district.Xicheng.ClearSecretary();

        var copy = Copy(source);

        Assert.Equal(["西城街道党工委"], copy.WithoutSecretary);
        Assert.Empty(copy.Skipped);
        Assert.Equal("", copy.Meeting.Reporters.Single(r => r.OrganizationId == _district.Xicheng.Id).SecretaryName);
    }

    [Fact]
    public void Agenda_attendance_groups_leaders_and_settings_are_copied_as_configured()
    {
        var source = HeldMeeting();

        var copy = Copy(source).Meeting;

        Assert.Equal(
            [(AgendaItemKind.ReportsAndComments, "述职与点评", (int?)90), (AgendaItemKind.Other, "签订党建工作责任书", 10), (AgendaItemKind.Evaluation, "民主测评", 20)],
            copy.Agenda.OrderBy(a => a.Order).Select(a => (a.Kind, a.Title, a.PlannedMinutes)));
        Assert.Equal([("区级领导", 12, (int?)null), ("基层党员群众代表", 30, null)], copy.Attendance.OrderBy(g => g.Order).Select(g => (g.Name, g.Expected, g.Actual)));
        Assert.Empty(copy.Attendance.Select(g => g.Id).Intersect(source.Attendance.Select(g => g.Id)));
        Assert.Equal([Leader, FormerLeader], copy.LeaderIds);
        Assert.Equal(source.Guidance, copy.Guidance);
        Assert.True(copy.ShowsRectificationOnBallot);
        Assert.Equal(("区委书记 陈立群", 8, "区委党校报告厅", new TimeOnly(9, 0)), (copy.Host, copy.TimeLimitMinutes, copy.MainVenue, copy.StartTime));
        Assert.Equal(["东城街道分会场"], copy.SubVenues);
        Assert.Equal(source.CoverageCategories, copy.CoverageCategories);
    }

    [Fact]
    public void Rules_are_copied_onto_the_copys_own_attendance_groups_and_stay_editable()
    {
        var source = HeldMeeting();

        var copy = Copy(source).Meeting;

        var rules = copy.EvaluationRules!;
        var groups = copy.Attendance.OrderBy(g => g.Order).ToList();
        Assert.Equal(
            [(groups[0].Id.ToString(), "区级领导", 0.6m, 3), (groups[1].Id.ToString(), "基层党员群众代表", 0.4m, 5)],
            rules.Groups.Select(g => (g.Key, g.Name, g.Weight, g.MinDisclosure)));
        Assert.Equal(GradeScales.Competence, rules.Grades);
        Assert.Equal(0.6m, rules.Quorum);
        Assert.Equal([new GradeQuota("优秀", 2)], rules.Quotas);
        copy.SetEvaluationRules(EvaluationRules.Default);
        Assert.Same(EvaluationRules.Default, copy.EvaluationRules);
    }

    [Fact]
    public void A_meeting_without_saved_rules_copies_to_one_with_the_defaults()
    {
        var source = _district.Meeting().OnSite(_district.Dongcheng).Build();

        var copy = Copy(source).Meeting;

        Assert.Null(copy.EvaluationRules);
    }

    [Fact]
    public void Nothing_of_the_earlier_meetings_run_is_copied()
    {
        var source = HeldMeeting();

        var copy = Copy(source).Meeting;

        Assert.Null(copy.Date);
        Assert.Null(copy.WrittenReportDeadline);
        Assert.Null(copy.Lottery);
        Assert.Empty(copy.LotteryHistory);
        Assert.Empty(copy.StatusChanges);
        Assert.Empty(copy.Exclusions);
        Assert.Null(copy.VotingClosedAt);
        Assert.Null(copy.FeedbackReleasedAt);
        Assert.Null(copy.CommentsReopenedAt);
        Assert.Null(copy.LeaderRequirements);
        Assert.Equal(CopiedAt, copy.CreatedAt);
    }

    [Fact]
    public void Leaders_who_may_no_longer_comment_are_left_out_and_counted()
    {
        var source = HeldMeeting();

        var copy = Copy(source, leaders: [Leader]);

        Assert.Equal([Leader], copy.Meeting.LeaderIds);
        Assert.Equal(1, copy.LeadersLeftOut);
    }

    [Fact]
    public void The_new_year_is_bounded_like_a_new_meeting()
    {
        var source = HeldMeeting();

        var error = Assert.Throws<DomainException>(() =>
            source.CopyForNextYear(Guid.CreateVersion7(), NextTitle, Units, [], QingheDistrict.Organizer, CopiedAt, currentYear: 2030));

        Assert.Equal("述职年度应在2029到2031之间。", error.Message);
    }

    [Fact]
    public void The_earlier_meeting_is_left_as_it_was()
    {
        var source = HeldMeeting();
        var reporters = source.Reporters.Select(r => (r.Id, r.Order, r.WrittenOrder)).ToList();
        var groups = source.Attendance.Select(g => (g.Id, g.Actual)).ToList();

        Copy(source);

        Assert.Equal(MeetingStatus.Archived, source.Status);
        Assert.Equal(reporters, source.Reporters.Select(r => (r.Id, r.Order, r.WrittenOrder)));
        Assert.Equal(groups, source.Attendance.Select(g => (g.Id, g.Actual)));
        Assert.Single(source.Exclusions);
    }

    [Theory]
    [InlineData("清河区2026年度党组织书记抓基层党建工作述职评议会议", true)]
    [InlineData("  清河区2026年度党组织书记抓基层党建工作述职评议会议 ", true)]
    [InlineData("清河区2026年度党组织书记抓基层党建工作述职评议会议（第二批）", false)]
    public void A_second_meeting_of_the_year_needs_a_title_of_its_own(string title, bool refused)
    {
        var error = Meeting.SameYearTitleError(title, [NextTitle]);

        Assert.Equal(refused, error is not null);
        if (error is not null)
        {
            Assert.Equal("Title", error.Field);
            Assert.Contains("请使用不同的会议名称", error.Message, StringComparison.Ordinal);
        }
    }
}
