using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Tests.Comments;

public sealed class CommentTests
{
    private static readonly Guid MeetingId = Guid.Parse("3ee70000-0000-0000-0000-000000000001");
    private static readonly Guid ReporterId = Guid.Parse("4e904000-0000-0000-0000-000000000001");
    private static readonly Guid Leader = Guid.Parse("1ead0000-0000-0000-0000-000000000001");
    private static readonly Guid Organizer = Guid.Parse("0a9a0000-0000-0000-0000-000000000001");
    private static readonly DateTimeOffset T0 = new(2026, 1, 17, 1, 0, 0, TimeSpan.Zero);

    private static Comment Drafted()
    {
        var comment = Comment.ByLeader(MeetingId, ReporterId, Leader, T0);
        comment.Save("  抓党建责任落实到位。 ", ["阵地建设滞后", "  ", "党员教育方式单一"], "明年要补齐短板。", Leader, T0.AddMinutes(1));
        return comment;
    }

    [Fact]
    public void Leader_comment_starts_as_an_empty_draft_with_a_created_entry()
    {
        var comment = Comment.ByLeader(MeetingId, ReporterId, Leader, T0);

        Assert.Equal(CommentStatus.Draft, comment.Status);
        Assert.Equal(CommentAuthor.Leader, comment.Author);
        Assert.Equal(Leader, comment.LeaderId);
        Assert.True(comment.IsEmpty);
        var entry = Assert.Single(comment.History);
        Assert.Equal(CommentAction.Created, entry.Action);
    }

    [Fact]
    public void Save_trims_text_and_keeps_each_problem_as_its_own_item()
    {
        var comment = Drafted();

        Assert.Equal("抓党建责任落实到位。", comment.Achievements);
        Assert.Equal(["阵地建设滞后", "党员教育方式单一"], comment.Problems);
        Assert.Equal("明年要补齐短板。", comment.Expectations);
    }

    [Fact]
    public void Saving_the_same_text_again_changes_nothing()
    {
        var comment = Drafted();
        var historyBefore = comment.History.Count;

        var changed = comment.Save("抓党建责任落实到位。", ["阵地建设滞后", "党员教育方式单一"], "明年要补齐短板。", Leader, T0.AddMinutes(5));

        Assert.False(changed);
        Assert.Equal(historyBefore, comment.History.Count);
        Assert.Equal(T0.AddMinutes(1), comment.UpdatedAt);
    }

    [Fact]
    public void Autosaves_close_together_by_one_person_share_one_history_entry()
    {
        var comment = Drafted();

        comment.Save("甲", [], "", Leader, T0.AddMinutes(1).AddSeconds(5));
        comment.Save("甲乙", [], "", Leader, T0.AddMinutes(1).AddSeconds(10));

        var edits = comment.History.Where(h => h.Action == CommentAction.Edited).ToList();
        var edit = Assert.Single(edits);
        Assert.Equal("甲乙", edit.Achievements);
        Assert.Equal(T0.AddMinutes(1).AddSeconds(10), edit.At);
    }

    [Fact]
    public void Saves_further_apart_or_by_someone_else_add_history_entries()
    {
        var comment = Drafted();

        comment.Save("甲", [], "", Leader, T0.AddMinutes(10));
        comment.Save("甲乙", [], "", Organizer, T0.AddMinutes(10).AddSeconds(5));

        var edits = comment.History.Where(h => h.Action == CommentAction.Edited).ToList();
        Assert.Equal(3, edits.Count);
        Assert.Equal(Organizer, edits[^1].By);
        Assert.Equal("甲", edits[1].Achievements);
    }

    [Fact]
    public void Finalised_comment_is_locked()
    {
        var comment = Drafted();

        comment.Finalize(Leader, T0.AddMinutes(2));
        var error = Assert.Throws<DomainException>(() => comment.Save("改", [], "", Leader, T0.AddMinutes(3)));

        Assert.Equal(CommentStatus.Final, comment.Status);
        Assert.Equal(T0.AddMinutes(2), comment.FinalizedAt);
        Assert.Contains("重新开放", error.Message, StringComparison.Ordinal);
        Assert.Equal("抓党建责任落实到位。", comment.Achievements);
    }

    [Fact]
    public void Empty_comment_cannot_be_finalised()
    {
        var comment = Comment.ByLeader(MeetingId, ReporterId, Leader, T0);

        var error = Assert.Throws<DomainException>(() => comment.Finalize(Leader, T0));

        Assert.Equal("点评内容为空，不能提交。", error.Message);
        Assert.Equal(CommentStatus.Draft, comment.Status);
    }

    [Fact]
    public void Reopening_needs_a_reason_and_is_recorded()
    {
        var comment = Drafted();
        comment.Finalize(Leader, T0.AddMinutes(2));

        Assert.Throws<DomainException>(() => comment.Reopen(" ", Organizer, T0.AddMinutes(3)));
        comment.Reopen("领导要求补充问题", Organizer, T0.AddMinutes(3));

        Assert.Equal(CommentStatus.Draft, comment.Status);
        Assert.Null(comment.FinalizedAt);
        var last = comment.History.Last();
        Assert.Equal(CommentAction.Reopened, last.Action);
        Assert.Equal(Organizer, last.By);
        Assert.Equal("领导要求补充问题", last.Reason);
        Assert.True(comment.Save("补充", ["新问题"], "", Leader, T0.AddMinutes(4)));
    }

    [Fact]
    public void A_draft_cannot_be_reopened()
    {
        var comment = Drafted();

        Assert.Throws<DomainException>(() => comment.Reopen("原因", Organizer, T0));
    }

    [Fact]
    public void Too_many_or_too_long_problems_are_refused_with_the_field()
    {
        var comment = Comment.ByLeader(MeetingId, ReporterId, Leader, T0);

        var tooMany = Assert.Throws<DomainException>(() =>
            comment.Save("", Enumerable.Range(1, Comment.MaxProblems + 1).Select(i => $"问题{i}"), "", Leader, T0));
        var tooLong = Assert.Throws<DomainException>(() =>
            comment.Save("", [new string('问', Comment.ProblemMaxLength + 1)], "", Leader, T0));

        Assert.Equal(nameof(Comment.Problems), tooMany.Field);
        Assert.Equal(nameof(Comment.Problems), tooLong.Field);
        Assert.True(comment.IsEmpty);
    }

    [Fact]
    public void Representative_comment_names_the_representative()
    {
        var comment = Comment.ByRepresentative(MeetingId, ReporterId, " 周秀兰 ", "党员代表", Organizer, T0);

        Assert.Equal(CommentAuthor.Representative, comment.Author);
        Assert.Null(comment.LeaderId);
        Assert.Equal("周秀兰", comment.RepresentativeName);
        Assert.Equal("党员代表", comment.RepresentativeIdentity);
        Assert.Equal(Organizer, comment.History.Single().By);
    }

    [Fact]
    public void Representative_comment_needs_name_and_identity()
    {
        var noName = Assert.Throws<DomainException>(() => Comment.ByRepresentative(MeetingId, ReporterId, "", "群众代表", Organizer, T0));
        var noIdentity = Assert.Throws<DomainException>(() => Comment.ByRepresentative(MeetingId, ReporterId, "周秀兰", null, Organizer, T0));

        Assert.Equal("请填写代表姓名。", noName.Message);
        Assert.Equal("请填写代表身份。", noIdentity.Message);
    }
}
