using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class BallotCarryOverTests
{
    private static readonly Guid Organizer = QingheDistrict.Organizer;
    private readonly QingheDistrict _district = new();

    [Fact]
    public void Carry_over_line_is_off_by_default_and_can_be_switched_on_before_voting()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng).Build();
        Assert.False(meeting.ShowsRectificationOnBallot);

        meeting.ShowRectificationOnBallot(true);

        Assert.True(meeting.ShowsRectificationOnBallot);
    }

    [Fact]
    public void Carry_over_line_is_fixed_once_voting_starts_so_every_voter_sees_the_same_ballot()
    {
        var meeting = _district.Meeting().OnSite(_district.Dongcheng).Build();
        meeting.Publish([_district.Dongcheng.Id], Organizer, QingheDistrict.Now);
        meeting.StartSession(Organizer, QingheDistrict.Now.AddHours(1));
        meeting.StartEvaluation(Organizer, QingheDistrict.Now.AddHours(2));

        var error = Assert.Throws<DomainException>(() => meeting.ShowRectificationOnBallot(true));

        Assert.Equal("测评已开始，不能再修改测评票上显示的内容。", error.Message);
        Assert.False(meeting.ShowsRectificationOnBallot);
    }
}
