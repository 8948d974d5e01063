using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Domain.Rectification;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>One line of the ledger (整改台账), as shown on the page and written to the Excel export.</summary>
public sealed record LedgerRow(
    Guid Id,
    Guid MeetingId,
    string MeetingTitle,
    int ReviewYear,
    Guid ReporterId,
    Guid OrganizationId,
    string UnitName,
    OrganizationCategory UnitCategory,
    string SecretaryName,
    string Text,
    string Category,
    string Sources,
    string? Measures,
    string? ResponsiblePerson,
    DateOnly? Deadline,
    string? Target,
    PlanState Plan,
    RectificationStatus Status,
    bool Overdue,
    int Updates,
    string? LatestProgress,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt);
