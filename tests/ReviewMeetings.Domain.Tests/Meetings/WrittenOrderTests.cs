using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class WrittenOrderTests
{
    private readonly QingheDistrict _district = new();
    private readonly Organization _development;
    private readonly Organization _newEconomy;
    private readonly Meeting _meeting;

    public WrittenOrderTests()
    {
        // Added against code-point order: 经 (U+7ECF) sorts after 区 (U+533A).
        _development = _district.Unit("经济开发区工委");
        _newEconomy = _district.Unit("区“两新”工委");
        _meeting = _district.Meeting().OnSite(_district.Xicheng, _district.Nanhu)
            .Written(_development, _district.OrganCommittee, _newEconomy).Build();
    }

    private List<string> Written => _meeting.Written().Select(r => r.UnitName).ToList();

    private Guid Of(Organization unit) => ReporterTests.Of(_meeting, unit).Id;

    [Fact]
    public void Written_reporters_are_listed_in_the_order_they_were_added_not_by_name()
    {
        Assert.Equal(["经济开发区工委", "区直机关工委", "区“两新”工委"], Written);
        Assert.Equal([1, 2, 3], _meeting.Written().Select(r => r.WrittenOrder!.Value));
        Assert.All(_meeting.OnSite(), r => Assert.Null(r.WrittenOrder));
    }

    [Fact]
    public void Ballot_order_is_the_speaking_order_then_the_written_order()
    {
        _meeting.Move(Of(_district.Nanhu), -1);
        _meeting.Move(Of(_newEconomy), -1);

        Assert.Equal(["南湖镇党委", "西城街道党工委", "经济开发区工委", "区“两新”工委", "区直机关工委"], _meeting.InBallotOrder().Select(r => r.UnitName));
    }

    [Fact]
    public void Moving_a_written_reporter_changes_only_the_written_order()
    {
        var speaking = _meeting.OnSite().Select(r => r.Id).ToList();

        _meeting.Move(Of(_newEconomy), -1);

        Assert.Equal(["经济开发区工委", "区“两新”工委", "区直机关工委"], Written);
        Assert.Equal(speaking, _meeting.OnSite().Select(r => r.Id));
    }

    [Fact]
    public void Reordering_the_written_reporters_keeps_a_draw_of_the_on_site_order()
    {
        _meeting.DrawLots(7, QingheDistrict.Organizer, QingheDistrict.Now);

        _meeting.ReorderWritten([Of(_newEconomy), Of(_development), Of(_district.OrganCommittee)]);

        Assert.Equal(["区“两新”工委", "经济开发区工委", "区直机关工委"], Written);
        Assert.NotNull(_meeting.Lottery);
    }

    [Fact]
    public void Reordering_the_written_reporters_without_all_of_them_is_refused_as_stale()
    {
        var error = Assert.Throws<DomainException>(() => _meeting.ReorderWritten([Of(_newEconomy), Of(_development)]));

        Assert.Equal("书面述职顺序已被他人修改，请刷新后重新排序。", error.Message);
        Assert.Equal(["经济开发区工委", "区直机关工委", "区“两新”工委"], Written);
    }

    [Fact]
    public void A_reporter_switched_to_written_goes_last_and_the_others_close_up_when_one_leaves()
    {
        _meeting.SetMode(Of(_district.Xicheng), ReportMode.Written);
        _meeting.RemoveReporter(Of(_development));

        Assert.Equal(["区直机关工委", "区“两新”工委", "西城街道党工委"], Written);
        Assert.Equal([1, 2, 3], _meeting.Written().Select(r => r.WrittenOrder!.Value));
        Assert.Null(ReporterTests.Of(_meeting, _district.Xicheng).Order);
    }

    [Fact]
    public void A_reporter_switched_to_on_site_goes_last_in_the_speaking_order_and_leaves_the_written_order()
    {
        _meeting.SetMode(Of(_development), ReportMode.OnSite);

        Assert.Equal(["西城街道党工委", "南湖镇党委", "经济开发区工委"], _meeting.OnSite().Select(r => r.UnitName));
        Assert.Null(ReporterTests.Of(_meeting, _development).WrittenOrder);
        Assert.Equal(["区直机关工委", "区“两新”工委"], Written);
    }
}
