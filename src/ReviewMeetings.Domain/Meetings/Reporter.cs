using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Meetings;

/// <summary>
/// One secretary's slot in a meeting (述职对象). The unit's name and its secretary are copied in when the slot is made,
/// so later changes to the roster do not rewrite the history of this meeting.
/// </summary>
public sealed class Reporter
{
    private Reporter()
    {
        UnitName = null!;
        SecretaryName = null!;
    }

    internal Reporter(Guid meetingId, Organization unit, ReportMode mode)
    {
        Id = Guid.CreateVersion7();
        MeetingId = meetingId;
        OrganizationId = unit.Id;
        UnitName = unit.Name;
        UnitCategory = unit.Category;
        UnitType = unit.Type;
        SecretaryName = unit.Secretary?.Name ?? "";
        SecretaryTitle = unit.Secretary?.Title;
        SecretaryUserId = unit.Secretary?.UserId;
        Mode = mode;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string UnitName { get; private set; }

    public OrganizationCategory UnitCategory { get; private set; }

    public OrganizationType UnitType { get; private set; }

    public string SecretaryName { get; private set; }

    public string? SecretaryTitle { get; private set; }

    public Guid? SecretaryUserId { get; private set; }

    public ReportMode Mode { get; private set; }

    /// <summary>Speaking order among on-site reporters (1 = first); null for written reporters.</summary>
    public int? Order { get; private set; }

    /// <summary>Place among the written reporters (1 = first), as the organizer arranged them; null for on-site reporters.</summary>
    public int? WrittenOrder { get; private set; }

    internal void SetMode(ReportMode mode) => Mode = mode;

    internal void SetOrder(int? order) => Order = order;

    internal void SetWrittenOrder(int? order) => WrittenOrder = order;
}
