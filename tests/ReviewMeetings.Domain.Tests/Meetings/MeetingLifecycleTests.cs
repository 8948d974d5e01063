using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class MeetingLifecycleTests
{
    private static readonly Guid Organizer = QingheDistrict.Organizer;
    private static readonly Guid Administrator = QingheDistrict.Administrator;
    private static readonly DateTimeOffset Later = QingheDistrict.Now.AddDays(7);

    private readonly QingheDistrict _district = new();

    public static TheoryData<MeetingStatus, string> IllegalTransitions()
    {
        var data = new TheoryData<MeetingStatus, string>();
        foreach (var status in Enum.GetValues<MeetingStatus>())
        {
            foreach (var (transition, allowedFrom) in Transitions)
            {
                if (!allowedFrom.Contains(status))
                {
                    data.Add(status, transition);
                }
            }
        }

        return data;
    }

    private static readonly (string Name, MeetingStatus[] AllowedFrom)[] Transitions =
    [
        ("Publish", [MeetingStatus.Draft]),
        ("StartSession", [MeetingStatus.Published]),
        ("StartEvaluation", [MeetingStatus.InSession]),
        ("Close", [MeetingStatus.InSession, MeetingStatus.Evaluating]),
        ("PublishResults", [MeetingStatus.Closed]),
        ("Archive", [MeetingStatus.Closed, MeetingStatus.ResultsPublished]),
    ];

    [Fact]
    public void New_meeting_is_a_draft_with_the_default_time_limit()
    {
        var meeting = _district.Meeting().Undated().Build();

        Assert.Equal(MeetingStatus.Draft, meeting.Status);
        Assert.Equal(_district.Host.Id, meeting.OrganizationId);
        Assert.Equal(2025, meeting.ReviewYear);
        Assert.Equal(6, meeting.TimeLimitMinutes);
        Assert.Null(meeting.Date);
        Assert.Null(meeting.Lottery);
        Assert.Empty(meeting.Reporters);
        Assert.Empty(meeting.StatusChanges);
        Assert.Equal(Organizer, meeting.CreatedBy);
        Assert.Equal(QingheDistrict.Now, meeting.CreatedAt);
        Assert.Equal(QingheDistrict.Now, meeting.UpdatedAt);
    }

    [Fact]
    public void Publishing_a_dated_fully_covered_meeting_records_who_and_when()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng).Written(_district.OrganCommittee).Build();

        meeting.Publish([_district.Dongcheng.Id, _district.OrganCommittee.Id], Organizer, Later);

        Assert.Equal(MeetingStatus.Published, meeting.Status);
        var change = Assert.Single(meeting.StatusChanges);
        Assert.Equal(MeetingStatus.Draft, change.From);
        Assert.Equal(MeetingStatus.Published, change.To);
        Assert.Equal(Organizer, change.ChangedBy);
        Assert.Equal(Later, change.ChangedAt);
        Assert.Null(change.Reason);
        Assert.Equal(Later, meeting.UpdatedAt);
    }

    [Fact]
    public void Publishing_without_a_date_is_refused()
    {
        var meeting = _district.Meeting().Undated().OnSite(_district.Dongcheng).Build();

        var error = Assert.Throws<DomainException>(() => meeting.Publish([_district.Dongcheng.Id], Organizer, Later));

        Assert.Equal("请先填写会议日期再发布。", error.Message);
        Assert.Equal(MeetingStatus.Draft, meeting.Status);
        Assert.Empty(meeting.StatusChanges);
    }

    [Fact]
    public void Publishing_without_reporters_is_refused()
    {
        var meeting = _district.Meeting().Build();

        var error = Assert.Throws<DomainException>(() => meeting.Publish([], Organizer, Later));

        Assert.Equal("至少需要一个述职对象才能发布。", error.Message);
        Assert.Equal(MeetingStatus.Draft, meeting.Status);
    }

    [Fact]
    public void Publishing_with_units_neither_reporting_nor_excluded_is_refused_with_the_count()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng).Build();
        Guid[] scope = [_district.Dongcheng.Id, _district.Xicheng.Id, _district.Nanhu.Id];

        var error = Assert.Throws<DomainException>(() => meeting.Publish(scope, Organizer, Later));

        Assert.Equal("还有2个单位既未安排述职也未说明排除原因，请在“覆盖情况”中处理后再发布。", error.Message);
        Assert.Equal(MeetingStatus.Draft, meeting.Status);
    }

    [Fact]
    public void Publishing_succeeds_once_every_unit_in_scope_reports_or_is_excluded_with_a_reason()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng).Written(_district.Xicheng).Build();
        meeting.Exclude(_district.Nanhu, "书记岗位空缺，明年补述");

        meeting.Publish([_district.Dongcheng.Id, _district.Xicheng.Id, _district.Nanhu.Id], Organizer, Later);

        Assert.Equal(MeetingStatus.Published, meeting.Status);
    }

    [Fact]
    public void Meeting_runs_from_draft_to_archived_and_keeps_every_step()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng).Build();
        var at = QingheDistrict.Now;

        meeting.Publish([_district.Dongcheng.Id], Organizer, at.AddHours(1));
        meeting.StartSession(Organizer, at.AddHours(2));
        meeting.StartEvaluation(Organizer, at.AddHours(3));
        meeting.Close(Organizer, at.AddHours(4));
        meeting.PublishResults(Organizer, at.AddHours(5));
        meeting.Archive(Administrator, at.AddHours(6));

        Assert.Equal(MeetingStatus.Archived, meeting.Status);
        Assert.Equal(
            [
                (MeetingStatus.Draft, MeetingStatus.Published, Organizer, at.AddHours(1)),
                (MeetingStatus.Published, MeetingStatus.InSession, Organizer, at.AddHours(2)),
                (MeetingStatus.InSession, MeetingStatus.Evaluating, Organizer, at.AddHours(3)),
                (MeetingStatus.Evaluating, MeetingStatus.Closed, Organizer, at.AddHours(4)),
                (MeetingStatus.Closed, MeetingStatus.ResultsPublished, Organizer, at.AddHours(5)),
                (MeetingStatus.ResultsPublished, MeetingStatus.Archived, Administrator, at.AddHours(6)),
            ],
            meeting.StatusChanges.Select(c => (c.From, c.To, c.ChangedBy, c.ChangedAt)));
        Assert.Equal(at.AddHours(6), meeting.UpdatedAt);
    }

    [Fact]
    public void Meeting_without_an_evaluation_can_close_straight_from_the_session()
    {
        var meeting = _district.Meeting().In(MeetingStatus.InSession).Build();

        meeting.Close(Organizer, Later);

        Assert.Equal(MeetingStatus.Closed, meeting.Status);
        Assert.Equal(MeetingStatus.InSession, meeting.StatusChanges.Last().From);
    }

    [Theory]
    [InlineData(MeetingStatus.Closed)]
    [InlineData(MeetingStatus.ResultsPublished)]
    public void Feedback_is_released_once_after_the_meeting(MeetingStatus status)
    {
        var meeting = _district.Meeting().In(status).Build();

        meeting.ReleaseFeedback(Later);

        Assert.Equal(Later, meeting.FeedbackReleasedAt);
        Assert.Throws<DomainException>(() => meeting.ReleaseFeedback(Later.AddDays(1)));
        Assert.Equal(Later, meeting.FeedbackReleasedAt);
    }

    [Theory]
    [InlineData(MeetingStatus.Published)]
    [InlineData(MeetingStatus.InSession)]
    [InlineData(MeetingStatus.Evaluating)]
    public void Feedback_cannot_be_released_before_the_meeting_ends(MeetingStatus status)
    {
        var meeting = _district.Meeting().In(status).Build();

        var error = Assert.Throws<DomainException>(() => meeting.ReleaseFeedback(Later));

        Assert.Equal("会议结束后才能向述职书记反馈点评意见。", error.Message);
        Assert.Null(meeting.FeedbackReleasedAt);
    }

    [Fact]
    public void Leader_requirements_are_kept_trimmed_and_frozen_once_archived()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Closed).Build();

        meeting.SetLeaderRequirements("  一要提高站位。\n二要压实责任。 ", Later);
        Assert.Equal("一要提高站位。\n二要压实责任。", meeting.LeaderRequirements);
        meeting.SetLeaderRequirements(" ", Later);
        Assert.Null(meeting.LeaderRequirements);

        meeting.Archive(Organizer, Later);
        Assert.Throws<DomainException>(() => meeting.SetLeaderRequirements("改", Later));
    }

    [Fact]
    public void Closed_meeting_can_be_archived_without_publishing_results()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Closed).Build();

        meeting.Archive(Organizer, Later);

        Assert.Equal(MeetingStatus.Archived, meeting.Status);
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Illegal_transition_is_refused_in_Chinese_and_changes_nothing(MeetingStatus from, string transition)
    {
        var meeting = _district.Meeting().In(from).Build();
        var changes = meeting.StatusChanges.Count;

        var error = Assert.Throws<DomainException>(() => Apply(meeting, transition));

        Assert.Equal($"会议当前状态为“{from.ChineseName()}”，不能执行此操作。", error.Message);
        Assert.Equal(from, meeting.Status);
        Assert.Equal(changes, meeting.StatusChanges.Count);
    }

    [Theory]
    [InlineData(MeetingStatus.Published, MeetingStatus.Draft)]
    [InlineData(MeetingStatus.InSession, MeetingStatus.Published)]
    [InlineData(MeetingStatus.Evaluating, MeetingStatus.InSession)]
    [InlineData(MeetingStatus.Evaluating, MeetingStatus.Draft)]
    public void Organizer_can_revert_an_open_meeting_with_a_reason(MeetingStatus from, MeetingStatus to)
    {
        var meeting = _district.Meeting().In(from).Build();

        meeting.Revert(to, "  测评票印制有误，需重新安排  ", byAdministrator: false, Organizer, Later);

        Assert.Equal(to, meeting.Status);
        var change = meeting.StatusChanges.Last();
        Assert.Equal((from, to, Organizer, Later), (change.From, change.To, change.ChangedBy, change.ChangedAt));
        Assert.Equal("测评票印制有误，需重新安排", change.Reason);
        Assert.Equal(Later, meeting.UpdatedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Revert_without_a_reason_is_refused(string? reason)
    {
        var meeting = _district.Meeting().In(MeetingStatus.InSession).Build();

        var error = Assert.Throws<DomainException>(() => meeting.Revert(MeetingStatus.Published, reason, byAdministrator: false, Organizer, Later));

        Assert.Equal("请填写退回原因。", error.Message);
        Assert.Equal(MeetingStatus.InSession, meeting.Status);
    }

    [Fact]
    public void Revert_reason_is_limited_to_200_characters()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Published).Build();

        var error = Assert.Throws<DomainException>(() =>
            meeting.Revert(MeetingStatus.Draft, new string('因', 201), byAdministrator: false, Organizer, Later));

        Assert.Equal("退回原因不能超过200个字。", error.Message);
        Assert.Equal(MeetingStatus.Published, meeting.Status);
    }

    [Theory]
    [InlineData(MeetingStatus.Draft, MeetingStatus.Draft)]
    [InlineData(MeetingStatus.Published, MeetingStatus.Published)]
    [InlineData(MeetingStatus.Published, MeetingStatus.InSession)]
    [InlineData(MeetingStatus.InSession, MeetingStatus.Closed)]
    public void Revert_only_goes_to_an_earlier_status(MeetingStatus from, MeetingStatus to)
    {
        var meeting = _district.Meeting().In(from).Build();
        var changes = meeting.StatusChanges.Count;

        var error = Assert.Throws<DomainException>(() => meeting.Revert(to, "误操作", byAdministrator: true, Administrator, Later));

        Assert.Equal("只能退回到之前的状态。", error.Message);
        Assert.Equal(from, meeting.Status);
        Assert.Equal(changes, meeting.StatusChanges.Count);
    }

    [Theory]
    [InlineData(MeetingStatus.Closed, MeetingStatus.Evaluating)]
    [InlineData(MeetingStatus.ResultsPublished, MeetingStatus.Closed)]
    [InlineData(MeetingStatus.Archived, MeetingStatus.ResultsPublished)]
    public void After_closing_only_an_administrator_may_revert(MeetingStatus from, MeetingStatus to)
    {
        var meeting = _district.Meeting().In(from).Build();

        var error = Assert.Throws<DomainException>(() => meeting.Revert(to, "计票有误", byAdministrator: false, Organizer, Later));
        Assert.Equal("会议已结束，只有系统管理员可以退回。", error.Message);
        Assert.Equal(from, meeting.Status);

        meeting.Revert(to, "计票有误", byAdministrator: true, Administrator, Later);
        Assert.Equal(to, meeting.Status);
        Assert.Equal(Administrator, meeting.StatusChanges.Last().ChangedBy);
        Assert.Equal("计票有误", meeting.StatusChanges.Last().Reason);
    }

    [Fact]
    public void Reverted_meeting_can_move_forward_again_and_the_history_keeps_both_directions()
    {
        var meeting = _district.Meeting().In(MeetingStatus.InSession).Build();

        meeting.Revert(MeetingStatus.Published, "会场临时调整", byAdministrator: false, Organizer, Later);
        meeting.StartSession(Organizer, Later.AddHours(1));

        Assert.Equal(MeetingStatus.InSession, meeting.Status);
        Assert.Equal(
            [MeetingStatus.Published, MeetingStatus.InSession, MeetingStatus.Published, MeetingStatus.InSession],
            meeting.StatusChanges.Select(c => c.To));
    }

    [Theory]
    [InlineData(MeetingStatus.Draft, true)]
    [InlineData(MeetingStatus.Published, true)]
    [InlineData(MeetingStatus.InSession, false)]
    [InlineData(MeetingStatus.Evaluating, false)]
    [InlineData(MeetingStatus.Closed, false)]
    [InlineData(MeetingStatus.ResultsPublished, false)]
    [InlineData(MeetingStatus.Archived, false)]
    public void Reporters_are_editable_only_until_the_session_starts(MeetingStatus status, bool editable)
    {
        var meeting = _district.Meeting().In(status).Build();

        Assert.Equal(editable, meeting.ReportersEditable);
    }

    [Fact]
    public void Published_meeting_still_accepts_reporter_changes()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng, _district.Xicheng).In(MeetingStatus.Published).Build();
        var dongcheng = meeting.Reporters.Single(r => r.OrganizationId == _district.Dongcheng.Id);
        var xicheng = meeting.Reporters.Single(r => r.OrganizationId == _district.Xicheng.Id);

        meeting.AddReporter(_district.Nanhu, ReportMode.OnSite);
        meeting.Reorder([xicheng.Id, meeting.Reporters.Single(r => r.OrganizationId == _district.Nanhu.Id).Id, dongcheng.Id]);
        meeting.RemoveReporter(dongcheng.Id);

        Assert.Equal(["西城街道党工委", "南湖镇党委"], meeting.OnSite().Select(r => r.UnitName));
    }

    public static TheoryData<string> ReporterEdits() =>
        ["AddReporter", "RemoveReporter", "SetMode", "SetModeForCategory", "Reorder", "Move", "DrawLots", "Exclude", "Include", "SetCoverageScope"];

    [Theory]
    [MemberData(nameof(ReporterEdits))]
    public void Reporters_and_order_are_frozen_once_the_session_starts(string edit)
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng, _district.Xicheng).In(MeetingStatus.InSession).Build();
        var before = meeting.OnSite().Select(r => (r.Id, r.Order)).ToList();

        var error = Assert.Throws<DomainException>(() => ApplyReporterEdit(meeting, edit));

        Assert.Equal("会议已开始，不能再调整述职对象和顺序。", error.Message);
        Assert.Equal(before, meeting.OnSite().Select(r => (r.Id, r.Order)));
        Assert.Empty(meeting.Exclusions);
    }

    [Fact]
    public void Reverting_a_started_meeting_to_published_makes_reporters_editable_again()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng).In(MeetingStatus.InSession).Build();

        meeting.Revert(MeetingStatus.Published, "需增加述职对象", byAdministrator: false, Organizer, Later);
        meeting.AddReporter(_district.Xicheng, ReportMode.OnSite);

        Assert.Equal(2, meeting.OnSiteCount);
    }

    [Fact]
    public void The_forward_steps_offered_are_exactly_the_moves_the_meeting_accepts()
    {
        var moves = new Dictionary<MeetingStatus, string>
        {
            [MeetingStatus.Published] = "Publish",
            [MeetingStatus.InSession] = "StartSession",
            [MeetingStatus.Evaluating] = "StartEvaluation",
            [MeetingStatus.Closed] = "Close",
            [MeetingStatus.ResultsPublished] = "PublishResults",
            [MeetingStatus.Archived] = "Archive",
        };
        foreach (var from in Enum.GetValues<MeetingStatus>())
        {
            foreach (var (to, transition) in moves)
            {
                var meeting = _district.Meeting().OnSite(_district.Dongcheng).In(from).Build();
                var offered = meeting.NextStatuses.Contains(to);

                var accepted = Record.Exception(() => Apply(meeting, transition)) is null;

                Assert.True(offered == accepted, $"{from} → {to}: offered {offered}, accepted {accepted}");
            }
        }
    }

    [Theory]
    [InlineData(MeetingStatus.Draft, false, false, false, false)]
    [InlineData(MeetingStatus.Published, false, false, false, false)]
    [InlineData(MeetingStatus.InSession, true, false, false, false)]
    [InlineData(MeetingStatus.Evaluating, true, true, false, false)]
    [InlineData(MeetingStatus.Closed, false, true, true, false)]
    [InlineData(MeetingStatus.ResultsPublished, false, true, true, true)]
    [InlineData(MeetingStatus.Archived, false, true, true, true)]
    public void Status_predicates_follow_the_lifecycle(MeetingStatus status, bool underWay, bool evaluationStarted, bool ended, bool resultsPublic)
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng).In(status).Build();

        Assert.Equal(
            (underWay, evaluationStarted, ended, resultsPublic, !ended),
            (meeting.UnderWay, meeting.EvaluationStarted, meeting.Ended, meeting.ResultsPublic, meeting.CodesIssuable));
    }

    [Theory]
    [InlineData(MeetingStatus.Draft)]
    [InlineData(MeetingStatus.Published)]
    [InlineData(MeetingStatus.InSession)]
    [InlineData(MeetingStatus.Evaluating)]
    [InlineData(MeetingStatus.Closed)]
    [InlineData(MeetingStatus.ResultsPublished)]
    [InlineData(MeetingStatus.Archived)]
    public void Pages_offer_the_console_the_voting_switch_and_comment_reopening_exactly_where_the_meeting_accepts_them(MeetingStatus status)
    {
        Meeting Build() => _district.Meeting().OnSite(_district.Dongcheng).In(status).Build();
        static bool Accepts(Action action) => Record.Exception(action) is null;
        var meeting = Build();

        Assert.Equal(Accepts(() => Build().StartSession(Organizer, Later)) || Accepts(meeting.EnsureUnderWay), meeting.ConsoleOpen);
        Assert.Equal(meeting.ConsoleOpen, Meeting.IsConsoleOpen(status));
        Assert.Equal(Accepts(() => Build().CloseVoting(Organizer, Later)), meeting.InEvaluation);
        Assert.Equal(Accepts(() => Build().ReopenComments("补充一条点评", Organizer, Later)), meeting.CommentsReopenable);
    }

    private static void Apply(Meeting meeting, string transition)
    {
        switch (transition)
        {
            case "Publish": meeting.Publish(meeting.Reporters.Select(r => r.OrganizationId).ToList(), Organizer, Later); break;
            case "StartSession": meeting.StartSession(Organizer, Later); break;
            case "StartEvaluation": meeting.StartEvaluation(Organizer, Later); break;
            case "Close": meeting.Close(Organizer, Later); break;
            case "PublishResults": meeting.PublishResults(Organizer, Later); break;
            case "Archive": meeting.Archive(Organizer, Later); break;
            default: throw new ArgumentOutOfRangeException(nameof(transition), transition, null);
        }
    }

    private void ApplyReporterEdit(Meeting meeting, string edit)
    {
        var onSite = meeting.OnSite().Select(r => r.Id).ToList();
        switch (edit)
        {
            case "AddReporter": meeting.AddReporter(_district.Nanhu, ReportMode.OnSite); break;
            case "RemoveReporter": meeting.RemoveReporter(onSite[0]); break;
            case "SetMode": meeting.SetMode(onSite[0], ReportMode.Written); break;
            case "SetModeForCategory": meeting.SetModeForCategory(OrganizationCategory.Street, ReportMode.Written); break;
            case "Reorder": meeting.Reorder([onSite[1], onSite[0]]); break;
            case "Move": meeting.Move(onSite[0], +1); break;
            case "DrawLots": meeting.DrawLots(42, Organizer, Later); break;
            case "Exclude": meeting.Exclude(_district.Nanhu, "书记岗位空缺"); break;
            case "Include": meeting.Include(_district.Nanhu.Id); break;
            case "SetCoverageScope": meeting.SetCoverageScope([OrganizationCategory.Street], [OrganizationType.WorkingCommittee]); break;
            default: throw new ArgumentOutOfRangeException(nameof(edit), edit, null);
        }
    }
}
