using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class LotteryHistoryTests
{
    private static readonly Guid OtherOrganizer = Guid.Parse("0b0b0b0b-0000-0000-0000-000000000002");
    private readonly QingheDistrict _district = new();
    private readonly Meeting _meeting;

    public LotteryHistoryTests()
    {
        _meeting = _district.Meeting()
            .OnSite(_district.Xicheng, _district.Nanhu, _district.Beishan, _district.Dongcheng)
            .Written(_district.OrganCommittee)
            .Build();
    }

    [Fact]
    public void Every_draw_is_kept_with_seed_time_person_reason_and_the_order_it_gave()
    {
        _meeting.DrawLots(11, QingheDistrict.Organizer, QingheDistrict.Now);
        var first = _meeting.OnSite().Select(r => r.UnitName).ToList();
        _meeting.DrawLots(22, OtherOrganizer, QingheDistrict.Now.AddHours(1), "  北山镇党委书记调整  ");
        var second = _meeting.OnSite().Select(r => r.UnitName).ToList();

        Assert.Collection(
            _meeting.LotteryHistory,
            d =>
            {
                Assert.Equal((11L, QingheDistrict.Organizer, QingheDistrict.Now, (string?)null), (d.Seed, d.DrawnBy, d.DrawnAt, d.Reason));
                Assert.Equal(first, d.Order);
            },
            d =>
            {
                Assert.Equal((22L, OtherOrganizer, QingheDistrict.Now.AddHours(1), "北山镇党委书记调整"), (d.Seed, d.DrawnBy, d.DrawnAt, d.Reason));
                Assert.Equal(second, d.Order);
            });
        Assert.Equal(22, _meeting.Lottery!.Seed);
    }

    [Fact]
    public void Drawing_again_without_a_reason_is_refused_and_changes_nothing()
    {
        _meeting.DrawLots(11, QingheDistrict.Organizer, QingheDistrict.Now);
        var drawn = _meeting.OnSite().Select(r => r.Id).ToList();

        var error = Assert.Throws<DomainException>(() => _meeting.DrawLots(22, QingheDistrict.Organizer, QingheDistrict.Now, " "));

        Assert.Equal("请填写重新抽签的原因。", error.Message);
        Assert.Single(_meeting.LotteryHistory);
        Assert.Equal(drawn, _meeting.OnSite().Select(r => r.Id));
    }

    [Fact]
    public void A_draw_replaced_by_a_manual_order_stays_in_the_history_and_a_later_draw_needs_a_reason()
    {
        _meeting.DrawLots(11, QingheDistrict.Organizer, QingheDistrict.Now);
        var onSite = _meeting.OnSite().Select(r => r.Id).ToList();
        _meeting.Move(onSite[0], +1);

        Assert.Null(_meeting.Lottery);
        Assert.Single(_meeting.LotteryHistory);
        Assert.Throws<DomainException>(() => _meeting.DrawLots(22, QingheDistrict.Organizer, QingheDistrict.Now));
    }
}
