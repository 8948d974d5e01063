using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Domain.Tests.Common;

namespace ReviewMeetings.Domain.Tests.Rectification;

public sealed class RectificationItemTests
{
    private static readonly Guid MeetingId = Guid.Parse("3ee70000-0000-0000-0000-000000000001");
    private static readonly Guid ReporterId = Guid.Parse("4e904000-0000-0000-0000-000000000001");
    private static readonly Guid UnitId = Guid.Parse("0e900000-0000-0000-0000-000000000001");
    private static readonly Guid Leader = Guid.Parse("1ead0000-0000-0000-0000-000000000001");
    private static readonly Guid Secretary = Guid.Parse("5ec00000-0000-0000-0000-000000000001");
    private static readonly Guid Organizer = Guid.Parse("0a9a0000-0000-0000-0000-000000000001");

    // 17 January 2026, 09:00 in Beijing.
    private static readonly DateTimeOffset Released = new(2026, 1, 17, 1, 0, 0, TimeSpan.Zero);
    private static readonly RectificationPlan FullPlan = new("每季度开展一次阵地建设专项检查", "张明（党建办主任）", new DateOnly(2026, 6, 30), "年底前阵地全部达标");

    private static RectificationItem FromLeader(params string[] problems)
    {
        var comment = Comment.ByLeader(MeetingId, ReporterId, Leader, Released.AddDays(-2));
        comment.Save("成绩突出。", problems.Length == 0 ? ["阵地建设滞后"] : problems, "", Leader, Released.AddDays(-2));
        comment.Finalize(Leader, Released.AddDays(-2));
        return RectificationItem.FromComment(comment, 0, UnitId, "陈立群", Organizer, Released);
    }

    private static RectificationItem Approved()
    {
        var item = FromLeader();
        item.SavePlan(FullPlan, Secretary, Released.AddDays(3));
        item.SubmitPlan(Secretary, Released.AddDays(3));
        item.ApprovePlan(Organizer, Released.AddDays(5));
        return item;
    }

    private static RectificationItem AwaitingReview()
    {
        var item = Approved();
        item.ReportCompletion("阵地已全部改造完成。", [Guid.NewGuid()], Secretary, Released.AddDays(60));
        return item;
    }

    [Fact]
    public void Item_from_a_leader_comment_keeps_who_raised_it_and_at_which_meeting()
    {
        var item = FromLeader();

        Assert.Equal("阵地建设滞后", item.Text);
        Assert.Equal(RectificationStatus.NotStarted, item.Status);
        Assert.Equal(PlanState.Draft, item.PlanState);
        Assert.Equal(RectificationCategories.Unsorted, item.Category);
        var source = Assert.Single(item.Sources);
        Assert.Equal(ProblemSourceKind.LeaderComment, source.Kind);
        Assert.Equal("陈立群", source.Author);
        Assert.Equal(MeetingId, source.MeetingId);
        Assert.Equal(ItemAction.Created, Assert.Single(item.History).Action);
    }

    [Fact]
    public void Released_comments_give_one_item_per_problem_of_finalised_comments_only()
    {
        var final = Comment.ByLeader(MeetingId, ReporterId, Leader, Released);
        final.Save("", ["问题一", "问题二"], "", Leader, Released);
        final.Finalize(Leader, Released);
        var representative = Comment.ByRepresentative(MeetingId, ReporterId, "李华", "党员代表", Organizer, Released);
        representative.Save("", ["问题三"], "", Organizer, Released);
        representative.Finalize(Organizer, Released);
        var draft = Comment.ByLeader(MeetingId, ReporterId, Guid.NewGuid(), Released);
        draft.Save("", ["草稿里的问题"], "", Leader, Released);

        var items = ProblemList.FromComments([final, representative, draft], _ => UnitId, c => c.RepresentativeName ?? "陈立群", Organizer, Released);

        Assert.Equal(["问题一", "问题二", "问题三"], items.Select(i => i.Text));
        Assert.Equal(ProblemSourceKind.RepresentativeComment, items[2].Sources.Single().Kind);
        Assert.All(items, i => Assert.Equal(UnitId, i.OrganizationId));
    }

    [Fact]
    public void Plan_cannot_be_submitted_until_every_field_is_filled()
    {
        var item = FromLeader();
        item.SavePlan(FullPlan with { ResponsiblePerson = " ", Deadline = null }, Secretary, Released.AddDays(1));

        var ex = Assert.Throws<DomainException>(() => item.SubmitPlan(Secretary, Released.AddDays(1)));

        Assert.Equal("请先填写责任人、整改时限，再提交整改方案。", ex.Message);
        Assert.Equal(PlanState.Draft, item.PlanState);
    }

    [Fact]
    public void Approving_the_plan_starts_the_rectification()
    {
        var item = Approved();

        Assert.Equal(PlanState.Approved, item.PlanState);
        Assert.Equal(RectificationStatus.InProgress, item.Status);
        Assert.Throws<DomainException>(() => item.SavePlan(FullPlan, Secretary, Released.AddDays(6)));
    }

    [Fact]
    public void Returned_plan_shows_the_reason_and_can_be_revised_and_submitted_again()
    {
        var item = FromLeader();
        item.SavePlan(FullPlan, Secretary, Released.AddDays(1));
        item.SubmitPlan(Secretary, Released.AddDays(1));

        Assert.Throws<DomainException>(() => item.ReturnPlan(" ", Organizer, Released.AddDays(2)));
        item.ReturnPlan("措施不够具体", Organizer, Released.AddDays(2));
        Assert.Equal(PlanState.Returned, item.PlanState);
        Assert.Equal("措施不够具体", item.PlanReturnReason);
        Assert.Equal(RectificationStatus.NotStarted, item.Status);

        item.SavePlan(FullPlan with { Measures = "每月检查并通报" }, Secretary, Released.AddDays(3));
        item.SubmitPlan(Secretary, Released.AddDays(3));
        Assert.Equal(PlanState.Submitted, item.PlanState);
        Assert.Null(item.PlanReturnReason);
    }

    [Fact]
    public void Progress_needs_an_approved_plan()
    {
        var item = FromLeader();

        var ex = Assert.Throws<DomainException>(() => item.ReportProgress("已开始", [], Secretary, Released.AddDays(1)));

        Assert.Equal("整改方案审核通过后才能报送整改进展。", ex.Message);
        Assert.Empty(item.Updates);
    }

    [Fact]
    public void Status_runs_from_in_progress_through_review_to_closed()
    {
        var item = Approved();
        var evidence = Guid.NewGuid();
        item.ReportProgress("已完成两处阵地改造。", [evidence], Secretary, Released.AddDays(30));
        Assert.Equal(RectificationStatus.InProgress, item.Status);

        item.ReportCompletion("全部完成。", [], Secretary, Released.AddDays(60));
        Assert.Equal(RectificationStatus.AwaitingReview, item.Status);
        Assert.Throws<DomainException>(() => item.ReportProgress("再报一次", [], Secretary, Released.AddDays(61)));

        item.Close(Organizer, Released.AddDays(65));
        Assert.Equal(RectificationStatus.Closed, item.Status);
        Assert.Equal(Released.AddDays(65), item.ClosedAt);
        Assert.Equal([evidence], item.Updates.First().EvidenceFileIds);
        Assert.Throws<DomainException>(() => item.Reword("改个说法", Organizer, Released.AddDays(66)));
    }

    [Fact]
    public void Rejected_completion_goes_back_to_in_progress_with_the_reason()
    {
        var item = AwaitingReview();

        item.RejectCompletion("佐证材料不足", Organizer, Released.AddDays(62));

        Assert.Equal(RectificationStatus.InProgress, item.Status);
        Assert.Equal("佐证材料不足", item.RejectionReason);
        Assert.Null(item.CompletedAt);
        Assert.Throws<DomainException>(() => item.Close(Organizer, Released.AddDays(63)));
    }

    [Fact]
    public void Only_a_reported_completion_can_be_closed_or_rejected()
    {
        var item = Approved();

        Assert.Equal("只有已完成待审核的问题才能销号。", Assert.Throws<DomainException>(() => item.Close(Organizer, Released.AddDays(10))).Message);
        Assert.Throws<DomainException>(() => item.RejectCompletion("不行", Organizer, Released.AddDays(10)));
    }

    [Fact]
    public void Every_change_is_in_the_history_with_who_and_when()
    {
        var item = AwaitingReview();
        item.RejectCompletion("佐证材料不足", Organizer, Released.AddDays(62));

        Assert.Equal(
            [ItemAction.Created, ItemAction.PlanSaved, ItemAction.PlanSubmitted, ItemAction.PlanApproved, ItemAction.CompletionReported, ItemAction.CompletionRejected],
            item.History.Select(h => h.Action));
        var rejection = item.History.Last();
        Assert.Equal(Organizer, rejection.By);
        Assert.Equal(Released.AddDays(62), rejection.At);
        Assert.Equal("佐证材料不足", rejection.Detail);
        Assert.Contains("整改时限：2026-06-30", item.History.ElementAt(1).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-06-29", false)]
    [InlineData("2026-06-30", false)]
    [InlineData("2026-07-01", true)]
    public void Overdue_means_the_deadline_day_has_passed(string today, bool overdue)
    {
        var item = Approved();

        Assert.Equal(overdue, item.IsOverdue(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Overdue_follows_the_calendar_day_in_Beijing()
    {
        var item = Approved();
        // 30 June 16:30 UTC is already 1 July 00:30 in Beijing.
        var clock = new FixedClock(new DateTimeOffset(2026, 6, 30, 16, 30, 0, TimeSpan.Zero));

        Assert.True(item.IsOverdue(clock));
        Assert.False(item.IsOverdue(new FixedClock(new DateTimeOffset(2026, 6, 30, 15, 30, 0, TimeSpan.Zero))));
    }

    [Fact]
    public void Closed_item_is_never_overdue_and_an_item_without_deadline_never_is()
    {
        var closed = AwaitingReview();
        closed.Close(Organizer, Released.AddDays(200));

        Assert.False(closed.IsOverdue(new DateOnly(2027, 1, 1)));
        Assert.False(FromLeader().IsOverdue(new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void Due_soon_covers_today_through_fourteen_days_ahead()
    {
        var deadline = new DateOnly(2026, 6, 30);

        Assert.True(RectificationItem.IsDueSoon(deadline, RectificationStatus.InProgress, new DateOnly(2026, 6, 16)));
        Assert.False(RectificationItem.IsDueSoon(deadline, RectificationStatus.InProgress, new DateOnly(2026, 6, 15)));
        Assert.True(RectificationItem.IsDueSoon(deadline, RectificationStatus.InProgress, deadline));
        Assert.False(RectificationItem.IsDueSoon(deadline, RectificationStatus.Closed, deadline));
    }

    [Fact]
    public void Merging_keeps_both_sources_and_records_the_duplicate()
    {
        var kept = FromLeader("阵地建设滞后");
        var representative = Comment.ByRepresentative(MeetingId, ReporterId, "李华", "党员代表", Organizer, Released);
        representative.Save("", ["党群服务中心利用率不高"], "", Organizer, Released);
        representative.Finalize(Organizer, Released);
        var duplicate = RectificationItem.FromComment(representative, 0, UnitId, "李华（党员代表）", Organizer, Released);

        kept.Absorb(duplicate, Organizer, Released.AddDays(1));

        Assert.Equal([ProblemSourceKind.LeaderComment, ProblemSourceKind.RepresentativeComment], kept.Sources.Select(s => s.Kind));
        Assert.Equal("党群服务中心利用率不高", kept.Sources[1].OriginalText);
        Assert.Equal(ItemAction.Merged, kept.History.Last().Action);
        Assert.Contains("李华（党员代表）", kept.History.Last().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_already_under_way_or_of_another_reporter_cannot_be_merged()
    {
        var kept = FromLeader();

        Assert.Equal("被合并的问题已开始整改，不能合并。", Assert.Throws<DomainException>(() => kept.Absorb(Approved(), Organizer, Released)).Message);
        var other = RectificationItem.ByStaff(MeetingId, Guid.NewGuid(), UnitId, "其他单位的问题", "作风建设", RectificationCategories.Defaults, "区委巡察组", Organizer, Released);
        Assert.Equal("只能合并同一述职对象的问题。", Assert.Throws<DomainException>(() => kept.Absorb(other, Organizer, Released)).Message);
        Assert.Throws<DomainException>(() => kept.Absorb(kept, Organizer, Released));
    }

    [Fact]
    public void Staff_and_self_identified_problems_need_a_category_from_the_list()
    {
        var ex = Assert.Throws<DomainException>(() => RectificationItem.SelfIdentified(
            MeetingId, ReporterId, UnitId, "党员发展把关不严", "经济建设", RectificationCategories.Defaults, "王晓东", Secretary, Released));
        Assert.Equal("问题类别不在可选范围内。", ex.Message);

        var item = RectificationItem.SelfIdentified(MeetingId, ReporterId, UnitId, "党员发展把关不严", "党员队伍", RectificationCategories.Defaults, "王晓东", Secretary, Released);
        Assert.Equal(ProblemSourceKind.SelfIdentified, item.Sources.Single().Kind);
        Assert.Equal("党员队伍", item.Category);
    }

    [Fact]
    public void Rewording_and_recategorizing_are_recorded_with_before_and_after()
    {
        var item = FromLeader();

        item.Reword("村级阵地建设滞后", Organizer, Released.AddDays(1));
        item.Recategorize("组织体系", RectificationCategories.Defaults, Organizer, Released.AddDays(1));

        Assert.Equal("村级阵地建设滞后", item.Text);
        Assert.Equal("“阵地建设滞后”改为“村级阵地建设滞后”", item.History.ElementAt(1).Detail);
        Assert.Equal("其他 → 组织体系", item.History.ElementAt(2).Detail);
    }
}
