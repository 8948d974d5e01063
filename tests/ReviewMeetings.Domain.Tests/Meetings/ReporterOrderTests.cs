using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class ReporterOrderTests
{
    private const string StaleOrder = "述职顺序已被他人修改，请刷新后重新排序。";

    private readonly QingheDistrict _district = new();
    private readonly Meeting _meeting;
    private readonly Guid _xicheng;
    private readonly Guid _nanhu;
    private readonly Guid _beishan;
    private readonly Guid _dongcheng;
    private readonly Guid _organCommittee;

    public ReporterOrderTests()
    {
        _meeting = _district.Meeting()
            .OnSite(_district.Xicheng, _district.Nanhu, _district.Beishan, _district.Dongcheng)
            .Written(_district.OrganCommittee)
            .Build();
        _xicheng = ReporterTests.Of(_meeting, _district.Xicheng).Id;
        _nanhu = ReporterTests.Of(_meeting, _district.Nanhu).Id;
        _beishan = ReporterTests.Of(_meeting, _district.Beishan).Id;
        _dongcheng = ReporterTests.Of(_meeting, _district.Dongcheng).Id;
        _organCommittee = ReporterTests.Of(_meeting, _district.OrganCommittee).Id;
    }

    private List<Guid> SpeakingOrder => _meeting.OnSite().Select(r => r.Id).ToList();

    [Fact]
    public void Reorder_with_every_on_site_reporter_sets_the_speaking_order()
    {
        _meeting.Reorder([_dongcheng, _xicheng, _beishan, _nanhu]);

        Assert.Equal([_dongcheng, _xicheng, _beishan, _nanhu], SpeakingOrder);
        Assert.Equal([1, 2, 3, 4], _meeting.OnSite().Select(r => r.Order!.Value));
        Assert.Null(ReporterTests.Of(_meeting, _district.OrganCommittee).Order);
    }

    [Fact]
    public void Reorder_missing_an_on_site_reporter_is_refused_as_stale()
    {
        var error = Assert.Throws<DomainException>(() => _meeting.Reorder([_dongcheng, _xicheng, _beishan]));

        Assert.Equal(StaleOrder, error.Message);
        Assert.Equal([_xicheng, _nanhu, _beishan, _dongcheng], SpeakingOrder);
    }

    [Fact]
    public void Reorder_with_an_unknown_extra_reporter_is_refused_as_stale()
    {
        var error = Assert.Throws<DomainException>(() => _meeting.Reorder([_dongcheng, _xicheng, _beishan, _nanhu, Guid.NewGuid()]));

        Assert.Equal(StaleOrder, error.Message);
        Assert.Equal([_xicheng, _nanhu, _beishan, _dongcheng], SpeakingOrder);
    }

    [Fact]
    public void Reorder_naming_a_written_reporter_instead_of_an_on_site_one_is_refused_as_stale()
    {
        var error = Assert.Throws<DomainException>(() => _meeting.Reorder([_dongcheng, _xicheng, _beishan, _organCommittee]));

        Assert.Equal(StaleOrder, error.Message);
        Assert.Equal([_xicheng, _nanhu, _beishan, _dongcheng], SpeakingOrder);
    }

    [Fact]
    public void Reorder_naming_a_reporter_twice_is_refused_as_stale()
    {
        var error = Assert.Throws<DomainException>(() => _meeting.Reorder([_dongcheng, _dongcheng, _beishan, _nanhu]));

        Assert.Equal(StaleOrder, error.Message);
        Assert.Equal([_xicheng, _nanhu, _beishan, _dongcheng], SpeakingOrder);
    }

    [Fact]
    public void Moving_later_swaps_with_the_next_reporter()
    {
        _meeting.Move(_nanhu, +1);

        Assert.Equal([_xicheng, _beishan, _nanhu, _dongcheng], SpeakingOrder);
        Assert.Equal([1, 2, 3, 4], _meeting.OnSite().Select(r => r.Order!.Value));
    }

    [Fact]
    public void Moving_earlier_swaps_with_the_previous_reporter()
    {
        _meeting.Move(_beishan, -1);

        Assert.Equal([_xicheng, _beishan, _nanhu, _dongcheng], SpeakingOrder);
    }

    [Fact]
    public void Moving_takes_one_step_whatever_the_size_of_the_step()
    {
        _meeting.Move(_xicheng, +3);

        Assert.Equal([_nanhu, _xicheng, _beishan, _dongcheng], SpeakingOrder);
    }

    [Fact]
    public void Moving_the_first_reporter_earlier_leaves_it_first()
    {
        _meeting.Move(_xicheng, -1);

        Assert.Equal([_xicheng, _nanhu, _beishan, _dongcheng], SpeakingOrder);
    }

    [Fact]
    public void Moving_the_last_reporter_later_leaves_it_last()
    {
        _meeting.Move(_dongcheng, +1);

        Assert.Equal([_xicheng, _nanhu, _beishan, _dongcheng], SpeakingOrder);
    }

    [Fact]
    public void Reordering_by_hand_clears_the_record_of_a_draw()
    {
        _meeting.DrawLots(20251201, QingheDistrict.Organizer, QingheDistrict.Now);
        var drawn = SpeakingOrder;

        _meeting.Reorder([drawn[1], drawn[0], drawn[2], drawn[3]]);

        Assert.Null(_meeting.Lottery);
    }

    [Fact]
    public void Moving_by_hand_clears_the_record_of_a_draw()
    {
        _meeting.DrawLots(20251201, QingheDistrict.Organizer, QingheDistrict.Now);

        _meeting.Move(SpeakingOrder[1], -1);

        Assert.Null(_meeting.Lottery);
    }

    [Fact]
    public void Moving_at_an_end_changes_nothing_and_keeps_the_record_of_a_draw()
    {
        _meeting.DrawLots(20251201, QingheDistrict.Organizer, QingheDistrict.Now);
        var drawn = SpeakingOrder;

        _meeting.Move(drawn[0], -1);

        Assert.Equal(drawn, SpeakingOrder);
        Assert.NotNull(_meeting.Lottery);
    }
}
