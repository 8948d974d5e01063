using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Tests.Meetings;

public sealed class MeetingDetailsTests
{
    private readonly QingheDistrict _district = new();
    private readonly Meeting _meeting;

    public MeetingDetailsTests()
    {
        _meeting = _district.Meeting().Undated().Build();
    }

    private MeetingDetails Current => Details.Of(_meeting);

    [Fact]
    public void Details_are_stored_trimmed()
    {
        _meeting.UpdateDetails(new MeetingDetails(
            Title: "  清河区2025年度党组织书记抓基层党建工作述职评议会议  ",
            ReviewYear: 2025,
            Date: new DateOnly(2026, 1, 20),
            StartTime: new TimeOnly(14, 30),
            MainVenue: "  区委党校报告厅 ",
            SubVenues: ["南湖镇分会场"],
            Host: " 区委书记 陈立群 ",
            TimeLimitMinutes: 8,
            WrittenReportDeadline: new DateOnly(2026, 1, 10)));

        Assert.Equal("清河区2025年度党组织书记抓基层党建工作述职评议会议", _meeting.Title);
        Assert.Equal(new DateOnly(2026, 1, 20), _meeting.Date);
        Assert.Equal(new TimeOnly(14, 30), _meeting.StartTime);
        Assert.Equal("区委党校报告厅", _meeting.MainVenue);
        Assert.Equal(["南湖镇分会场"], _meeting.SubVenues);
        Assert.Equal("区委书记 陈立群", _meeting.Host);
        Assert.Equal(8, _meeting.TimeLimitMinutes);
        Assert.Equal(new DateOnly(2026, 1, 10), _meeting.WrittenReportDeadline);
    }

    [Fact]
    public void Blank_venue_and_host_are_stored_as_not_set()
    {
        _meeting.UpdateDetails(Current with { MainVenue = "   ", Host = "" });

        Assert.Null(_meeting.MainVenue);
        Assert.Null(_meeting.Host);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-6)]
    [InlineData(31)]
    public void Time_limit_outside_1_to_30_minutes_is_refused(int minutes)
    {
        var error = Assert.Throws<DomainException>(() => _meeting.UpdateDetails(Current with { TimeLimitMinutes = minutes }));

        Assert.Equal("现场述职时限应在1到30分钟之间。", error.Message);
        Assert.Equal("TimeLimitMinutes", error.Field);
        Assert.Equal(6, _meeting.TimeLimitMinutes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(30)]
    public void Time_limit_from_1_to_30_minutes_is_accepted(int minutes)
    {
        _meeting.UpdateDetails(Current with { TimeLimitMinutes = minutes });

        Assert.Equal(minutes, _meeting.TimeLimitMinutes);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void Review_year_outside_2000_to_2100_is_refused(int year)
    {
        var error = Assert.Throws<DomainException>(() => _meeting.UpdateDetails(Current with { ReviewYear = year }));

        Assert.Equal("述职年度应在2000到2100之间。", error.Message);
        Assert.Equal("ReviewYear", error.Field);
        Assert.Equal(2025, _meeting.ReviewYear);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void Meeting_cannot_be_created_for_a_review_year_outside_2000_to_2100(int year)
    {
        var error = Assert.Throws<DomainException>(() => Meeting.Create(_district.Host.Id, "述职评议会议", year, QingheDistrict.Organizer, QingheDistrict.Now));

        Assert.Equal("ReviewYear", error.Field);
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once_with_its_field_and_nothing_changes()
    {
        var error = Assert.Throws<DomainException>(() => _meeting.UpdateDetails(Current with
        {
            Title = " ",
            TimeLimitMinutes = 0,
            Date = new DateOnly(2025, 3, 1),
            WrittenReportDeadline = new DateOnly(2025, 3, 9),
        }));

        Assert.Equal(
            [
                new DomainError("请填写会议名称。", "Title"),
                new DomainError("现场述职时限应在1到30分钟之间。", "TimeLimitMinutes"),
                new DomainError("2025年度的会议日期应在2025年11月至2026年12月之间。", "Date"),
                new DomainError("书面述职报告截止日期不能晚于会议日期。", "WrittenReportDeadline"),
            ],
            error.Errors);
        Assert.Null(_meeting.Date);
        Assert.Equal(6, _meeting.TimeLimitMinutes);
    }

    [Theory]
    [InlineData(2023)]
    [InlineData(2027)]
    public void Review_year_of_an_undated_meeting_more_than_a_year_from_now_is_refused(int year)
    {
        var error = Assert.Throws<DomainException>(() => _meeting.UpdateDetails(Current with { ReviewYear = year }, currentYear: 2025));

        Assert.Equal(new DomainError("述职年度应在2024到2026之间。", "ReviewYear"), Assert.Single(error.Errors));
        Assert.Equal(2025, _meeting.ReviewYear);
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2026)]
    public void Review_year_within_a_year_of_the_current_year_is_accepted_without_a_date(int year)
    {
        _meeting.UpdateDetails(Current with { ReviewYear = year }, currentYear: 2025);

        Assert.Equal(year, _meeting.ReviewYear);
    }

    [Fact]
    public void Review_year_can_be_corrected_in_a_draft()
    {
        _meeting.UpdateDetails(Current with { ReviewYear = 2024, Date = new DateOnly(2025, 1, 20) });

        Assert.Equal(2024, _meeting.ReviewYear);
    }

    [Theory]
    [InlineData(2025, 1, 1)]
    [InlineData(2025, 10, 31)]
    [InlineData(2024, 12, 20)]
    public void Meeting_date_before_November_of_the_review_year_is_refused(int year, int month, int day)
    {
        var error = Assert.Throws<DomainException>(() => _meeting.UpdateDetails(Current with { Date = new DateOnly(year, month, day) }));

        Assert.Equal("2025年度的会议日期应在2025年11月至2026年12月之间。", error.Message);
        Assert.Equal("Date", error.Field);
        Assert.Null(_meeting.Date);
    }

    [Fact]
    public void Meeting_date_early_in_the_following_year_is_accepted()
    {
        _meeting.UpdateDetails(Current with { Date = new DateOnly(2026, 1, 1) });

        Assert.Equal(new DateOnly(2026, 1, 1), _meeting.Date);
    }

    [Theory]
    [InlineData(2025, 12, 28)]
    [InlineData(2026, 2, 10)]
    public void Meeting_may_be_held_from_December_of_the_review_year_into_the_next_year(int year, int month, int day)
    {
        _meeting.UpdateDetails(Current with { Date = new DateOnly(year, month, day) });

        Assert.Equal(new DateOnly(year, month, day), _meeting.Date);
    }

    [Fact]
    public void Meeting_date_two_years_after_the_review_year_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => _meeting.UpdateDetails(Current with { Date = new DateOnly(2027, 1, 15) }));

        Assert.Equal("Date", error.Field);
        Assert.Null(_meeting.Date);
    }

    [Fact]
    public void Written_report_deadline_after_the_meeting_date_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => _meeting.UpdateDetails(
            Current with { Date = new DateOnly(2026, 1, 15), WrittenReportDeadline = new DateOnly(2026, 1, 16) }));

        Assert.Equal("书面述职报告截止日期不能晚于会议日期。", error.Message);
        Assert.Equal("WrittenReportDeadline", error.Field);
        Assert.Null(_meeting.WrittenReportDeadline);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(8)]
    public void Written_report_deadline_on_or_before_the_meeting_date_is_accepted(int day)
    {
        _meeting.UpdateDetails(Current with { Date = new DateOnly(2026, 1, 15), WrittenReportDeadline = new DateOnly(2026, 1, day) });

        Assert.Equal(new DateOnly(2026, 1, day), _meeting.WrittenReportDeadline);
    }

    [Fact]
    public void Written_report_deadline_can_be_set_before_the_meeting_is_dated()
    {
        _meeting.UpdateDetails(Current with { WrittenReportDeadline = new DateOnly(2026, 1, 5) });

        Assert.Equal(new DateOnly(2026, 1, 5), _meeting.WrittenReportDeadline);
        Assert.Null(_meeting.Date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Title_is_required(string? title)
    {
        var error = Assert.Throws<DomainException>(() => _meeting.UpdateDetails(Current with { Title = title }));

        Assert.Equal("请填写会议名称。", error.Message);
        Assert.Equal("Title", error.Field);
        Assert.Equal("清河区2025年度党组织书记抓基层党建工作述职评议会议", _meeting.Title);
    }

    [Fact]
    public void Title_is_limited_to_150_characters()
    {
        _meeting.UpdateDetails(Current with { Title = new string('会', Meeting.TitleMaxLength) });

        var error = Assert.Throws<DomainException>(() => _meeting.UpdateDetails(Current with { Title = new string('会', Meeting.TitleMaxLength + 1) }));

        Assert.Equal("会议名称不能超过150个字。", error.Message);
        Assert.Equal(150, _meeting.Title.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Meeting_cannot_be_created_without_a_title(string? title)
    {
        var error = Assert.Throws<DomainException>(() => Meeting.Create(_district.Host.Id, title, 2025, QingheDistrict.Organizer, QingheDistrict.Now));

        Assert.Equal("请填写会议名称。", error.Message);
    }

    [Fact]
    public void Sub_venues_are_trimmed_deduplicated_and_blanks_dropped()
    {
        _meeting.UpdateDetails(Current with { SubVenues = ["  南湖镇分会场 ", "", "   ", "北山镇分会场", "南湖镇分会场"] });

        Assert.Equal(["南湖镇分会场", "北山镇分会场"], _meeting.SubVenues);
    }

    [Fact]
    public void Sub_venues_replace_the_previous_list()
    {
        _meeting.UpdateDetails(Current with { SubVenues = ["南湖镇分会场", "北山镇分会场"] });

        _meeting.UpdateDetails(Current with { SubVenues = [] });

        Assert.Empty(_meeting.SubVenues);
    }

    [Fact]
    public void More_than_30_sub_venues_are_refused()
    {
        var venues = Enumerable.Range(1, Meeting.MaxSubVenues + 1).Select(i => $"第{i}分会场").ToList();

        var error = Assert.Throws<DomainException>(() => _meeting.UpdateDetails(Current with { SubVenues = venues }));

        Assert.Equal("分会场不能超过30个。", error.Message);
        Assert.Equal("SubVenues", error.Field);
        Assert.Empty(_meeting.SubVenues);
    }

    [Fact]
    public void Sub_venue_name_longer_than_100_characters_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => _meeting.UpdateDetails(Current with { SubVenues = [new string('场', Meeting.VenueMaxLength + 1)] }));

        Assert.Equal("分会场名称不能超过100个字。", error.Message);
        Assert.Equal("SubVenues", error.Field);
    }

    [Fact]
    public void Host_longer_than_100_characters_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => _meeting.UpdateDetails(Current with { Host = new string('陈', Meeting.HostMaxLength + 1) }));

        Assert.Equal("主持人不能超过100个字。", error.Message);
        Assert.Equal("Host", error.Field);
    }

    [Fact]
    public void Refused_update_leaves_the_meeting_unchanged()
    {
        var before = Current;

        Assert.Throws<DomainException>(() => _meeting.UpdateDetails(before with
        {
            Title = "新的会议名称",
            Date = new DateOnly(2026, 1, 20),
            MainVenue = new string('场', Meeting.VenueMaxLength + 1),
        }));

        Assert.Equal(before, Current);
    }

    [Fact]
    public void Draft_can_lose_its_date()
    {
        var meeting = _district.Meeting().Build();

        meeting.UpdateDetails(Details.Of(meeting) with { Date = null });

        Assert.Null(meeting.Date);
    }

    [Theory]
    [InlineData(MeetingStatus.Published)]
    [InlineData(MeetingStatus.InSession)]
    [InlineData(MeetingStatus.Evaluating)]
    public void Published_meeting_cannot_lose_its_date(MeetingStatus status)
    {
        var meeting = _district.Meeting().In(status).Build();

        var error = Assert.Throws<DomainException>(() => meeting.UpdateDetails(Details.Of(meeting) with { Date = null }));

        Assert.Equal("会议已发布，必须填写会议日期。", error.Message);
        Assert.Equal("Date", error.Field);
        Assert.Equal(new DateOnly(2026, 1, 15), meeting.Date);
    }

    [Theory]
    [InlineData(MeetingStatus.Published)]
    [InlineData(MeetingStatus.InSession)]
    [InlineData(MeetingStatus.Evaluating)]
    public void Details_can_change_until_the_meeting_closes(MeetingStatus status)
    {
        var meeting = _district.Meeting().In(status).Build();

        meeting.UpdateDetails(Details.Of(meeting) with { Date = new DateOnly(2026, 1, 16), MainVenue = "区行政中心第一会议室" });

        Assert.Equal(new DateOnly(2026, 1, 16), meeting.Date);
        Assert.Equal("区行政中心第一会议室", meeting.MainVenue);
    }

    [Theory]
    [InlineData(MeetingStatus.Closed)]
    [InlineData(MeetingStatus.ResultsPublished)]
    [InlineData(MeetingStatus.Archived)]
    public void Details_cannot_change_after_the_meeting_closes(MeetingStatus status)
    {
        var meeting = _district.Meeting().In(status).Build();

        var error = Assert.Throws<DomainException>(() => meeting.UpdateDetails(Details.Of(meeting) with { MainVenue = "区行政中心第一会议室" }));

        Assert.Equal("会议已结束，不能再修改会议信息。", error.Message);
        Assert.Equal("区委党校报告厅", meeting.MainVenue);
    }

    [Theory]
    [InlineData("中共清河区委员会", 2025, "清河区2025年度党组织书记抓基层党建工作述职评议会议")]
    [InlineData("  中共江州市委员会 ", 2024, "江州市2024年度党组织书记抓基层党建工作述职评议会议")]
    [InlineData("中共清河区东城街道工作委员会", 2025, "清河区东城街道2025年度党组织书记抓基层党建工作述职评议会议")]
    [InlineData("东城街道党工委", 2025, "东城街道2025年度党组织书记抓基层党建工作述职评议会议")]
    [InlineData("南湖镇党委", 2025, "南湖镇2025年度党组织书记抓基层党建工作述职评议会议")]
    [InlineData("区财政局党组", 2025, "区财政局2025年度党组织书记抓基层党建工作述职评议会议")]
    [InlineData("清河区", 2025, "清河区2025年度党组织书记抓基层党建工作述职评议会议")]
    public void Suggested_title_names_the_place_and_the_review_year(string hostUnitName, int year, string expected)
    {
        Assert.Equal(expected, Meeting.SuggestTitle(hostUnitName, year));
    }

    [Fact]
    public void Leaders_are_kept_once_each_in_the_order_chosen_with_the_guidance_officials()
    {
        var chen = Guid.NewGuid();
        var liu = Guid.NewGuid();

        _meeting.SetLeaders([chen, liu, chen], [GuidanceAttendee.Create(" 高明 ", "市委组织部组织二处处长")]);

        Assert.Equal([chen, liu], _meeting.LeaderIds);
        Assert.Equal([new GuidanceAttendee("高明", "市委组织部组织二处处长")], _meeting.Guidance);
    }

    [Fact]
    public void Guidance_official_needs_a_name()
    {
        var error = Assert.Throws<DomainException>(() => GuidanceAttendee.Create("  ", "市委组织部副部长"));

        Assert.Equal("请填写到会指导人员姓名。", error.Message);
    }

    [Fact]
    public void Leaders_cannot_change_after_the_meeting_closes()
    {
        var meeting = _district.Meeting().In(MeetingStatus.Closed).Build();

        var error = Assert.Throws<DomainException>(() => meeting.SetLeaders([Guid.NewGuid()], []));

        Assert.Equal("会议已结束，不能再修改点评领导。", error.Message);
        Assert.Empty(meeting.LeaderIds);
    }
}
