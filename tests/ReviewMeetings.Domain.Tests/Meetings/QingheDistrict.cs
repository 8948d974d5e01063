using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Tests.Meetings;

/// <summary>The fictional 清河区 and the units below it, from which test meetings are built.</summary>
internal sealed class QingheDistrict
{
    public static readonly Guid Organizer = Guid.Parse("0b0b0b0b-0000-0000-0000-000000000001");
    public static readonly Guid Administrator = Guid.Parse("0a0a0a0a-0000-0000-0000-000000000001");
    public static readonly DateTimeOffset Now = new(2025, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public QingheDistrict()
    {
        Host = Organization.CreateRoot("中共清河区委员会", OrganizationType.PartyCommittee, OrganizationCategory.Local);
        Dongcheng = Unit("东城街道党工委", secretary: "王建国", title: "东城街道党工委书记");
        Xicheng = Unit("西城街道党工委", secretary: "李秀兰", title: "西城街道党工委书记");
        Nanhu = Unit("南湖镇党委", OrganizationType.PartyCommittee, OrganizationCategory.Town, "赵志强", "南湖镇党委书记");
        Beishan = Unit("北山镇党委", OrganizationType.PartyCommittee, OrganizationCategory.Town, "周海燕", "北山镇党委书记");
        OrganCommittee = Unit("区直机关工委", OrganizationType.OrganWorkingCommittee, OrganizationCategory.DistrictOrgan, "孙立新", "区直机关工委书记");
        EducationBureau = Unit("区教育局党委", OrganizationType.PartyCommittee, OrganizationCategory.Education, "吴晓梅", "区教育局党委书记");
    }

    public Organization Host { get; }

    public Organization Dongcheng { get; }

    public Organization Xicheng { get; }

    public Organization Nanhu { get; }

    public Organization Beishan { get; }

    public Organization OrganCommittee { get; }

    public Organization EducationBureau { get; }

    public Organization Unit(
        string name,
        OrganizationType type = OrganizationType.WorkingCommittee,
        OrganizationCategory category = OrganizationCategory.Street,
        string? secretary = null,
        string? title = null)
    {
        var unit = Organization.CreateChild(Host, name, type, category);
        if (secretary is not null)
        {
            unit.AssignSecretary(Secretary.Create(secretary, title, phone: null, userId: null));
        }

        return unit;
    }

    /// <summary>Street working committees named 第1街道党工委, 第2街道党工委, ….</summary>
    public IReadOnlyList<Organization> Streets(int count) =>
        Enumerable.Range(1, count).Select(i => Unit($"第{i}街道党工委", secretary: $"书记{i}")).ToList();

    public MeetingBuilder Meeting() => new(this);
}

internal sealed class MeetingBuilder(QingheDistrict district)
{
    private readonly List<(Organization Unit, ReportMode Mode)> _reporters = [];
    private DateOnly? _date = new(2026, 1, 15);
    private MeetingStatus _status = MeetingStatus.Draft;

    public MeetingBuilder Undated()
    {
        _date = null;
        return this;
    }

    public MeetingBuilder OnSite(params Organization[] units)
    {
        _reporters.AddRange(units.Select(u => (u, ReportMode.OnSite)));
        return this;
    }

    public MeetingBuilder Written(params Organization[] units)
    {
        _reporters.AddRange(units.Select(u => (u, ReportMode.Written)));
        return this;
    }

    /// <summary>Walks the meeting forward along the normal path; a reporter is added if none was asked for.</summary>
    public MeetingBuilder In(MeetingStatus status)
    {
        _status = status;
        return this;
    }

    public Meeting Build()
    {
        var meeting = Meeting.Create(district.Host.Id, "清河区2025年度党组织书记抓基层党建工作述职评议会议", 2025, QingheDistrict.Organizer, QingheDistrict.Now);
        if (_date is not null)
        {
            meeting.UpdateDetails(Details.Of(meeting) with { Date = _date, StartTime = new TimeOnly(9, 0), MainVenue = "区委党校报告厅" });
        }

        if (_status > MeetingStatus.Draft && _reporters.Count == 0)
        {
            _reporters.Add((district.Dongcheng, ReportMode.OnSite));
        }

        foreach (var (unit, mode) in _reporters)
        {
            meeting.AddReporter(unit, mode);
        }

        Advance(meeting, _status);
        return meeting;
    }

    public static void Advance(Meeting meeting, MeetingStatus status)
    {
        var by = QingheDistrict.Organizer;
        var at = QingheDistrict.Now;
        var steps = new (MeetingStatus Reached, Action Step)[]
        {
            (MeetingStatus.Published, () => meeting.Publish(meeting.Reporters.Select(r => r.OrganizationId).ToList(), by, at)),
            (MeetingStatus.InSession, () => meeting.StartSession(by, at)),
            (MeetingStatus.Evaluating, () => meeting.StartEvaluation(by, at)),
            (MeetingStatus.Closed, () => meeting.Close(by, at)),
            (MeetingStatus.ResultsPublished, () => meeting.PublishResults(by, at)),
            (MeetingStatus.Archived, () => meeting.Archive(by, at)),
        };
        foreach (var (reached, step) in steps.Where(s => s.Reached <= status))
        {
            step();
        }
    }
}

internal static class Details
{
    /// <summary>The meeting's current details, to be changed with <c>with { … }</c>.</summary>
    public static MeetingDetails Of(Meeting meeting) => new(
        meeting.Title,
        meeting.ReviewYear,
        meeting.Date,
        meeting.StartTime,
        meeting.MainVenue,
        meeting.SubVenues,
        meeting.Host,
        meeting.TimeLimitMinutes,
        meeting.WrittenReportDeadline);
}
