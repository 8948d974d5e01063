using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class CommentsLockTests
{
    private static readonly Guid Organizer = QingheDistrict.Organizer;
    private static readonly DateTimeOffset Later = QingheDistrict.Now.AddDays(3);

    private readonly QingheDistrict _district = new();

    [Fact]
    public void Comments_are_open_until_the_meeting_closes_and_locked_from_then_on()
    {
        foreach (var status in Enum.GetValues<MeetingStatus>())
        {
            var meeting = _district.Meeting().In(status).Build();

            Assert.Equal(status < MeetingStatus.Closed, meeting.CommentsOpen);
        }
    }

    [Fact]
    public void Locked_comments_are_refused_with_the_way_to_reopen_them()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Closed).Build();

        var error = Assert.Throws<DomainException>(meeting.EnsureCommentsOpen);

        Assert.Equal("会议已结束，点评已锁定，不能再新增或修改。如确需补充或更正，请组织部门说明原因后重新开放点评。", error.Message);
    }

    [Theory]
    [InlineData(MeetingStatus.Closed)]
    [InlineData(MeetingStatus.ResultsPublished)]
    public void Organizer_reopens_comments_with_a_reason_and_who_when_and_why_are_kept(MeetingStatus status)
    {
        var meeting = _district.Meeting().In(status).Build();

        meeting.ReopenComments("  东城街道点评漏记一条问题  ", Organizer, Later);

        Assert.True(meeting.CommentsOpen);
        meeting.EnsureCommentsOpen();
        Assert.Equal((Later, Organizer, "东城街道点评漏记一条问题"), (meeting.CommentsReopenedAt, meeting.CommentsReopenedBy, meeting.CommentsReopenReason));
        var change = meeting.StatusChanges.Last();
        Assert.Equal((status, status, Organizer, Later, "重新开放点评：东城街道点评漏记一条问题"),
            (change.From, change.To, change.ChangedBy, change.ChangedAt, change.Reason));
    }

    [Fact]
    public void Reopening_needs_a_reason()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Closed).Build();

        var error = Assert.Throws<DomainException>(() => meeting.ReopenComments(" ", Organizer, Later));

        Assert.Equal("Reason", error.Field);
        Assert.False(meeting.CommentsOpen);
    }

    [Theory]
    [InlineData(MeetingStatus.InSession)]
    [InlineData(MeetingStatus.Evaluating)]
    [InlineData(MeetingStatus.Archived)]
    public void Comments_can_be_reopened_only_after_closing_and_before_archiving(MeetingStatus status)
    {
        var meeting = _district.Meeting().In(status).Build();

        Assert.Throws<DomainException>(() => meeting.ReopenComments("补充点评", Organizer, Later));
    }

    [Fact]
    public void Locking_again_ends_the_reopening_and_is_recorded()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Closed).Build();
        meeting.ReopenComments("补充点评", Organizer, Later);

        meeting.LockComments(Organizer, Later.AddHours(1));

        Assert.False(meeting.CommentsOpen);
        Assert.Null(meeting.CommentsReopenedAt);
        Assert.Equal(Meeting.CommentsLockedReason, meeting.StatusChanges.Last().Reason);
        Assert.Equal("点评没有重新开放，无需锁定。", Assert.Throws<DomainException>(() => meeting.LockComments(Organizer, Later)).Message);
    }

    [Fact]
    public void Archiving_locks_reopened_comments_for_good()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Closed).Build();
        meeting.ReopenComments("补充点评", Organizer, Later);

        meeting.Archive(Organizer, Later.AddDays(1));

        Assert.False(meeting.CommentsOpen);
        Assert.Equal("会议已归档，点评已锁定，不能再新增或修改。", Assert.Throws<DomainException>(meeting.EnsureCommentsOpen).Message);
    }
}
