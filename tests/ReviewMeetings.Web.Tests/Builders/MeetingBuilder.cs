using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Tests.Builders;

/// <summary>Arranges a 清河区 meeting straight in the database through the domain, for tests about what comes after scheduling.</summary>
internal sealed class MeetingBuilder
{
    private readonly List<(string Unit, ReportMode Mode)> _reporters = [];
    private readonly List<(string Unit, string Reason)> _exclusions = [];
    private readonly List<string> _leaders = [];
    private string _host = "中共清河区委员会";
    private DateOnly? _date = new(2026, 12, 28);
    private bool _publish;
    private int _year = 2026;

    public MeetingBuilder HostedBy(string unit)
    {
        _host = unit;
        return this;
    }

    public MeetingBuilder ForYear(int year)
    {
        _year = year;
        return this;
    }

    public MeetingBuilder On(DateOnly date)
    {
        _date = date;
        return this;
    }

    public MeetingBuilder Undated()
    {
        _date = null;
        return this;
    }

    public MeetingBuilder OnSite(params string[] units)
    {
        _reporters.AddRange(units.Select(u => (u, ReportMode.OnSite)));
        return this;
    }

    public MeetingBuilder Written(params string[] units)
    {
        _reporters.AddRange(units.Select(u => (u, ReportMode.Written)));
        return this;
    }

    public MeetingBuilder Excluding(string unit, string reason)
    {
        _exclusions.Add((unit, reason));
        return this;
    }

    public MeetingBuilder CommentedBy(string userName)
    {
        _leaders.Add(userName);
        return this;
    }

    /// <summary>Covers every unit in the default scope (on site or written) and publishes.</summary>
    public MeetingBuilder Published()
    {
        _publish = true;
        return this;
    }

    public async Task<Guid> SaveAsync(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var host = await db.Organizations.SingleAsync(o => o.Name == _host);
        var organizer = await db.Users.SingleAsync(u => u.UserName == "organizer");
        var now = DateTimeOffset.UtcNow;
        var meeting = Meeting.Create(host.Id, Meeting.SuggestTitle(host.Name, _year), _year, organizer.Id, now);
        meeting.UpdateDetails(new MeetingDetails(
            Meeting.SuggestTitle(host.Name, _year), _year, _date, new TimeOnly(9, 0), "区委第一会议室", [], "区委书记 陈立群", 6, _date?.AddDays(-7)));
        foreach (var (unitName, mode) in _reporters)
        {
            meeting.AddReporter(await db.Organizations.SingleAsync(o => o.Name == unitName), mode);
        }

        foreach (var (unitName, reason) in _exclusions)
        {
            meeting.Exclude(await db.Organizations.SingleAsync(o => o.Name == unitName), reason);
        }

        var leaderIds = await db.Users.Where(u => _leaders.Contains(u.UserName!)).Select(u => u.Id).ToListAsync();
        meeting.SetLeaders(leaderIds, []);
        if (_publish)
        {
            var scope = (await db.Organizations
                .Where(o => o.Path.StartsWith(host.Path) && o.Id != host.Id && o.IsActive)
                .ToListAsync())
                .Where(u => meeting.IsInCoverageScope(u.Category, u.Type))
                .ToList();
            foreach (var unit in scope.Where(u => meeting.Reporters.All(r => r.OrganizationId != u.Id) && meeting.Exclusions.All(e => e.OrganizationId != u.Id)))
            {
                meeting.AddReporter(unit, ReportMode.Written);
            }

            meeting.Publish(scope.Select(u => u.Id).ToList(), organizer.Id, now);
        }

        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting.Id;
    }
}
