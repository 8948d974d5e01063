using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Meetings;

/// <summary>An item of the agenda, e.g. 述职与点评 for 60 minutes.</summary>
public sealed class AgendaItem
{
    public const int TitleMaxLength = 100;
    public const int MinPlannedMinutes = 1;
    public const int MaxPlannedMinutes = 600;

    private AgendaItem()
    {
        Title = null!;
    }

    internal AgendaItem(AgendaItemKind kind, string? title, int? plannedMinutes, int order)
    {
        if (plannedMinutes is < MinPlannedMinutes or > MaxPlannedMinutes)
        {
            throw new DomainException($"计划时长应在{MinPlannedMinutes}到{MaxPlannedMinutes}分钟之间。");
        }

        Id = Guid.CreateVersion7();
        Kind = kind;
        Title = kind == AgendaItemKind.Other
            ? Text.Required(title, TitleMaxLength, "议程名称", nameof(Title))
            : Text.Optional(title, TitleMaxLength, "议程名称", nameof(Title)) ?? kind.ChineseName();
        PlannedMinutes = plannedMinutes;
        Order = order;
    }

    public Guid Id { get; private set; }

    public AgendaItemKind Kind { get; private set; }

    public string Title { get; private set; }

    public int? PlannedMinutes { get; private set; }

    public int Order { get; private set; }
}

/// <summary>A category of attendees (参会人员类别) with the expected count, and the actual count entered on the day.</summary>
public sealed class AttendanceGroup
{
    public const int NameMaxLength = 50;
    public const int MaxCount = 10000;

    private AttendanceGroup()
    {
        Name = null!;
    }

    internal AttendanceGroup(string? name, int expected, int order)
    {
        Id = Guid.CreateVersion7();
        Name = Text.Required(name, NameMaxLength, "参会人员类别", nameof(Name));
        Expected = CheckCount(expected, "应到人数");
        Order = order;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public int Expected { get; private set; }

    public int? Actual { get; private set; }

    public int Order { get; private set; }

    internal void Update(string? name, int expected, int order)
    {
        Name = Text.Required(name, NameMaxLength, "参会人员类别", nameof(Name));
        Expected = CheckCount(expected, "应到人数");
        Order = order;
    }

    internal void RecordActual(int? actual) => Actual = actual is null ? null : CheckCount(actual.Value, "实到人数");

    private static int CheckCount(int count, string label) =>
        count is < 0 or > MaxCount ? throw new DomainException($"{label}应在0到{MaxCount}之间。") : count;
}

/// <summary>An official of the superior organization department who attends to give guidance (到会指导).</summary>
public sealed record GuidanceAttendee(string Name, string? Title)
{
    public const int NameMaxLength = 50;
    public const int TitleMaxLength = 100;

    public static GuidanceAttendee Create(string? name, string? title) => new(
        Text.Required(name, NameMaxLength, "到会指导人员姓名", nameof(Name)),
        Text.Optional(title, TitleMaxLength, "到会指导人员职务", nameof(Title)));
}

/// <summary>A unit in the coverage scope that deliberately has no reporter this year, and why.</summary>
public sealed record CoverageExclusion(Guid OrganizationId, string Reason)
{
    public const int ReasonMaxLength = 200;
}

/// <summary>One step of the lifecycle, kept forever: who moved the meeting, when, and (for going back) why.</summary>
public sealed class StatusChange
{
    private StatusChange()
    {
    }

    internal StatusChange(MeetingStatus from, MeetingStatus to, Guid by, DateTimeOffset at, string? reason)
    {
        Id = Guid.CreateVersion7();
        From = from;
        To = to;
        ChangedBy = by;
        ChangedAt = at;
        Reason = reason;
    }

    public Guid Id { get; private set; }

    public MeetingStatus From { get; private set; }

    public MeetingStatus To { get; private set; }

    public Guid ChangedBy { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public string? Reason { get; private set; }
}
