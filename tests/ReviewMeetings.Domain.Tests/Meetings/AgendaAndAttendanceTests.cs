using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class AgendaAndAttendanceTests
{
    private readonly QingheDistrict _district = new();

    [Fact]
    public void New_meeting_has_the_usual_agenda_of_reports_evaluation_and_speech()
    {
        var meeting = _district.Meeting().Build();

        Assert.Equal(
            [
                (1, AgendaItemKind.ReportsAndComments, "述职与点评", (int?)null),
                (2, AgendaItemKind.Evaluation, "民主测评", 15),
                (3, AgendaItemKind.Speech, "领导讲话", 20),
            ],
            meeting.Agenda.Select(i => (i.Order, i.Kind, i.Title, i.PlannedMinutes)));
    }

    [Fact]
    public void New_meeting_has_four_attendance_groups_with_nobody_expected_yet()
    {
        var meeting = _district.Meeting().Build();

        Assert.Equal(
            [
                (1, "区级领导", 0, (int?)null),
                (2, "部门负责人", 0, null),
                (3, "党代表、人大代表、政协委员", 0, null),
                (4, "基层党员群众代表", 0, null),
            ],
            meeting.Attendance.Select(g => (g.Order, g.Name, g.Expected, g.Actual)));
    }

    [Fact]
    public void Agenda_is_replaced_and_numbered_in_the_order_given()
    {
        var meeting = _district.Meeting().Build();

        meeting.SetAgenda(
        [
            new AgendaDraft(AgendaItemKind.ReportsAndComments, null, 60),
            new AgendaDraft(AgendaItemKind.WrittenReports, "  书面述职情况通报 ", 10),
            new AgendaDraft(AgendaItemKind.Other, " 签订党建工作责任书 ", 10),
            new AgendaDraft(AgendaItemKind.Evaluation, null, null),
        ]);

        Assert.Equal(
            [
                (1, AgendaItemKind.ReportsAndComments, "述职与点评", (int?)60),
                (2, AgendaItemKind.WrittenReports, "书面述职情况通报", 10),
                (3, AgendaItemKind.Other, "签订党建工作责任书", 10),
                (4, AgendaItemKind.Evaluation, "民主测评", null),
            ],
            meeting.Agenda.Select(i => (i.Order, i.Kind, i.Title, i.PlannedMinutes)));
    }

    [Fact]
    public void Agenda_needs_at_least_one_item()
    {
        var meeting = _district.Meeting().Build();

        var error = Assert.Throws<DomainException>(() => meeting.SetAgenda([]));

        Assert.Equal("议程至少需要一项。", error.Message);
        Assert.Equal(3, meeting.Agenda.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Other_agenda_item_needs_a_title(string? title)
    {
        var meeting = _district.Meeting().Build();

        var error = Assert.Throws<DomainException>(() => meeting.SetAgenda([new AgendaDraft(AgendaItemKind.Other, title, 10)]));

        Assert.Equal("请填写议程名称。", error.Message);
        Assert.Equal("Title", error.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(601)]
    public void Planned_minutes_outside_1_to_600_are_refused(int minutes)
    {
        var meeting = _district.Meeting().Build();

        var error = Assert.Throws<DomainException>(() => meeting.SetAgenda([new AgendaDraft(AgendaItemKind.Speech, null, minutes)]));

        Assert.Equal("计划时长应在1到600分钟之间。", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(600)]
    public void Planned_minutes_from_1_to_600_are_accepted(int minutes)
    {
        var meeting = _district.Meeting().Build();

        meeting.SetAgenda([new AgendaDraft(AgendaItemKind.Speech, null, minutes)]);

        Assert.Equal(minutes, Assert.Single(meeting.Agenda).PlannedMinutes);
    }

    [Fact]
    public void Refused_agenda_leaves_the_previous_agenda_in_place()
    {
        var meeting = _district.Meeting().Build();
        var before = meeting.Agenda.Select(i => (i.Kind, i.Title, i.PlannedMinutes)).ToList();

        Assert.Throws<DomainException>(() => meeting.SetAgenda(
        [
            new AgendaDraft(AgendaItemKind.ReportsAndComments, null, 60),
            new AgendaDraft(AgendaItemKind.Other, null, 10),
        ]));

        Assert.Equal(before, meeting.Agenda.Select(i => (i.Kind, i.Title, i.PlannedMinutes)));
    }

    [Fact]
    public void Agenda_can_change_while_published_but_not_once_the_session_starts()
    {
        var published = _district.Meeting().In(MeetingStatus.Published).Build();
        published.SetAgenda([new AgendaDraft(AgendaItemKind.ReportsAndComments, null, 90)]);
        Assert.Single(published.Agenda);

        var started = _district.Meeting().In(MeetingStatus.InSession).Build();
        var error = Assert.Throws<DomainException>(() => started.SetAgenda([new AgendaDraft(AgendaItemKind.ReportsAndComments, null, 90)]));
        Assert.Equal("会议已开始，不能再修改议程。", error.Message);
        Assert.Equal(3, started.Agenda.Count);
    }

    [Fact]
    public void Planned_end_is_unknown_without_a_start_time()
    {
        var meeting = _district.Meeting().Undated().OnSite(_district.Dongcheng).Build();

        Assert.Null(meeting.PlannedEnd());
    }

    [Fact]
    public void Planned_end_counts_each_on_site_report_at_the_time_limit_plus_three_minutes_for_the_comment()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng, _district.Xicheng, _district.Nanhu).Written(_district.OrganCommittee).Build();
        meeting.UpdateDetails(Details.Of(meeting) with { StartTime = new TimeOnly(9, 0), TimeLimitMinutes = 8 });

        // 3 × (8 + 3) for reports and comments, 15 for the evaluation, 20 for the speech.
        Assert.Equal(new TimeOnly(10, 8), meeting.PlannedEnd());
    }

    [Fact]
    public void Planned_end_uses_the_planned_minutes_of_reports_when_they_are_given()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng, _district.Xicheng).Build();
        meeting.UpdateDetails(Details.Of(meeting) with { StartTime = new TimeOnly(14, 30) });

        meeting.SetAgenda(
        [
            new AgendaDraft(AgendaItemKind.ReportsAndComments, null, 90),
            new AgendaDraft(AgendaItemKind.WrittenReports, null, null),
            new AgendaDraft(AgendaItemKind.Other, "颁发优秀书记证书", 10),
        ]);

        Assert.Equal(new TimeOnly(16, 10), meeting.PlannedEnd());
    }

    [Fact]
    public void Planned_end_follows_the_number_of_on_site_reporters()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng).Build();
        meeting.SetAgenda([new AgendaDraft(AgendaItemKind.ReportsAndComments, null, null)]);
        Assert.Equal(new TimeOnly(9, 9), meeting.PlannedEnd());

        meeting.AddReporter(_district.Xicheng, ReportMode.OnSite);
        meeting.AddReporter(_district.OrganCommittee, ReportMode.Written);

        Assert.Equal(new TimeOnly(9, 18), meeting.PlannedEnd());
    }

    [Fact]
    public void Attendance_groups_keep_their_identity_when_passed_back_by_id()
    {
        var meeting = _district.Meeting().Build();
        var leaders = meeting.Attendance.Single(g => g.Name == "区级领导");
        var grassroots = meeting.Attendance.Single(g => g.Name == "基层党员群众代表");
        meeting.RecordActualAttendance(leaders.Id, 11);

        meeting.SetAttendance(
        [
            new AttendanceDraft(grassroots.Id, "基层党员群众代表", 40),
            new AttendanceDraft(leaders.Id, " 区级领导同志 ", 12),
            new AttendanceDraft(null, "新闻媒体", 3),
        ]);

        Assert.Equal(
            [
                (grassroots.Id, 1, "基层党员群众代表", 40, (int?)null),
                (leaders.Id, 2, "区级领导同志", 12, 11),
            ],
            meeting.Attendance.Take(2).Select(g => (g.Id, g.Order, g.Name, g.Expected, g.Actual)));
        var press = meeting.Attendance.Last();
        Assert.Equal((3, "新闻媒体", 3), (press.Order, press.Name, press.Expected));
        Assert.DoesNotContain(press.Id, new[] { leaders.Id, grassroots.Id });
        Assert.Equal(3, meeting.Attendance.Count);
    }

    [Fact]
    public void Attendance_group_names_must_differ()
    {
        var meeting = _district.Meeting().Build();

        var error = Assert.Throws<DomainException>(() => meeting.SetAttendance(
        [
            new AttendanceDraft(null, "区级领导", 10),
            new AttendanceDraft(null, " 区级领导 ", 5),
        ]));

        Assert.Equal("参会人员类别不能重名。", error.Message);
        Assert.Equal(4, meeting.Attendance.Count);
    }

    [Fact]
    public void Negative_expected_attendance_is_refused()
    {
        var meeting = _district.Meeting().Build();

        var error = Assert.Throws<DomainException>(() => meeting.SetAttendance([new AttendanceDraft(null, "区级领导", -1)]));

        Assert.Equal("应到人数应在0到10000之间。", error.Message);
        Assert.Equal(4, meeting.Attendance.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Attendance_group_needs_a_name(string? name)
    {
        var meeting = _district.Meeting().Build();

        var error = Assert.Throws<DomainException>(() => meeting.SetAttendance([new AttendanceDraft(null, name, 10)]));

        Assert.Equal("请填写参会人员类别。", error.Message);
    }

    [Fact]
    public void Refused_attendance_leaves_the_groups_unchanged()
    {
        var meeting = _district.Meeting().Build();
        var leaders = meeting.Attendance.First();

        Assert.Throws<DomainException>(() => meeting.SetAttendance(
        [
            new AttendanceDraft(leaders.Id, "区级领导同志", 12),
            new AttendanceDraft(null, "新闻媒体", -1),
        ]));

        Assert.Equal(("区级领导", 0), (leaders.Name, leaders.Expected));
        Assert.Equal(4, meeting.Attendance.Count);
    }

    [Fact]
    public void Same_attendance_group_passed_twice_is_refused()
    {
        var meeting = _district.Meeting().Build();
        var leaders = meeting.Attendance.First();

        Assert.Throws<DomainException>(() => meeting.SetAttendance(
        [
            new AttendanceDraft(leaders.Id, "区级领导", 12),
            new AttendanceDraft(leaders.Id, "区级领导（列席）", 3),
        ]));

        Assert.Equal(4, meeting.Attendance.Select(g => g.Id).Distinct().Count());
    }

    [Fact]
    public void Actual_attendance_is_recorded_per_group_and_can_be_cleared()
    {
        var meeting = _district.Meeting().In(MeetingStatus.InSession).Build();
        var deputies = meeting.Attendance.Single(g => g.Name == "党代表、人大代表、政协委员");

        meeting.RecordActualAttendance(deputies.Id, 28);
        Assert.Equal(28, deputies.Actual);

        meeting.RecordActualAttendance(deputies.Id, null);
        Assert.Null(deputies.Actual);
    }

    [Fact]
    public void Negative_actual_attendance_is_refused()
    {
        var meeting = _district.Meeting().Build();
        var group = meeting.Attendance.First();

        var error = Assert.Throws<DomainException>(() => meeting.RecordActualAttendance(group.Id, -1));

        Assert.Equal("实到人数应在0到10000之间。", error.Message);
        Assert.Null(group.Actual);
    }

    [Fact]
    public void Actual_attendance_for_an_unknown_group_is_refused()
    {
        var meeting = _district.Meeting().Build();

        var error = Assert.Throws<DomainException>(() => meeting.RecordActualAttendance(Guid.NewGuid(), 5));

        Assert.Equal("参会人员类别不存在。", error.Message);
    }

    [Fact]
    public void Actual_attendance_can_be_corrected_after_closing_but_not_once_results_are_published()
    {
        var closed = _district.Meeting().In(MeetingStatus.Closed).Build();
        closed.RecordActualAttendance(closed.Attendance.First().Id, 9);
        Assert.Equal(9, closed.Attendance.First().Actual);

        var published = _district.Meeting().In(MeetingStatus.ResultsPublished).Build();
        var error = Assert.Throws<DomainException>(() => published.RecordActualAttendance(published.Attendance.First().Id, 9));
        Assert.Equal("结果已公布，不能再修改实到人数。", error.Message);
        Assert.Null(published.Attendance.First().Actual);
    }

    [Fact]
    public void Attendance_groups_cannot_change_after_the_meeting_closes()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Closed).Build();

        var error = Assert.Throws<DomainException>(() => meeting.SetAttendance([new AttendanceDraft(null, "区级领导", 10)]));

        Assert.Equal("会议已结束，不能再修改参会人员。", error.Message);
        Assert.Equal(4, meeting.Attendance.Count);
    }
}
