using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class VotingWindowTests
{
    private static readonly Guid Organizer = QingheDistrict.Organizer;
    private static readonly DateTimeOffset Later = QingheDistrict.Now.AddHours(2);

    private readonly QingheDistrict _district = new();

    [Fact]
    public void Voting_is_open_only_while_the_meeting_is_evaluating()
    {
        foreach (var status in Enum.GetValues<MeetingStatus>())
        {
            var meeting = _district.Meeting().In(status).Build();

            Assert.Equal(status == MeetingStatus.Evaluating, meeting.VotingOpen);
        }
    }

    [Fact]
    public void Closing_voting_keeps_the_meeting_evaluating_and_records_who_and_when()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Evaluating).Build();
        var changes = meeting.StatusChanges.Count;

        meeting.CloseVoting(Organizer, Later);

        Assert.False(meeting.VotingOpen);
        Assert.Equal(MeetingStatus.Evaluating, meeting.Status);
        Assert.Equal(Later, meeting.VotingClosedAt);
        Assert.Equal(Later, meeting.UpdatedAt);
        var change = meeting.StatusChanges.Last();
        Assert.Equal(changes + 1, meeting.StatusChanges.Count);
        Assert.Equal((MeetingStatus.Evaluating, MeetingStatus.Evaluating, Organizer, Later, Meeting.VotingClosedReason),
            (change.From, change.To, change.ChangedBy, change.ChangedAt, change.Reason));
    }

    [Fact]
    public void Reopening_lets_codes_work_again_and_is_recorded()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Evaluating).Build();
        meeting.CloseVoting(Organizer, Later);

        meeting.ReopenVoting(Organizer, Later.AddMinutes(5));

        Assert.True(meeting.VotingOpen);
        Assert.Null(meeting.VotingClosedAt);
        Assert.Equal(Meeting.VotingReopenedReason, meeting.StatusChanges.Last().Reason);
    }

    [Fact]
    public void Closing_twice_or_reopening_open_voting_is_refused()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Evaluating).Build();

        Assert.Equal("投票正在进行，无需重新开放。", Assert.Throws<DomainException>(() => meeting.ReopenVoting(Organizer, Later)).Message);
        meeting.CloseVoting(Organizer, Later);
        Assert.Equal("投票已经关闭。", Assert.Throws<DomainException>(() => meeting.CloseVoting(Organizer, Later)).Message);
    }

    [Theory]
    [InlineData(MeetingStatus.Published)]
    [InlineData(MeetingStatus.InSession)]
    [InlineData(MeetingStatus.Closed)]
    public void Voting_can_be_closed_or_reopened_only_during_the_evaluation(MeetingStatus status)
    {
        var meeting = _district.Meeting().In(status).Build();

        Assert.Throws<DomainException>(() => meeting.CloseVoting(Organizer, Later));
        Assert.Throws<DomainException>(() => meeting.ReopenVoting(Organizer, Later));
        Assert.Null(meeting.VotingClosedAt);
    }

    [Fact]
    public void Going_back_into_the_evaluation_opens_voting_again()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Evaluating).Build();
        meeting.CloseVoting(Organizer, Later);
        meeting.Revert(MeetingStatus.InSession, "测评票有误，重新测评", byAdministrator: false, Organizer, Later);

        meeting.StartEvaluation(Organizer, Later.AddMinutes(10));

        Assert.True(meeting.VotingOpen);
    }
}
