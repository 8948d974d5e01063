using ReviewMeetings.Domain.Rectification;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>How statuses look wherever an item appears.</summary>
public static class RectificationView
{
    public static string Badge(RectificationStatus status) => status switch
    {
        RectificationStatus.NotStarted => "text-bg-secondary",
        RectificationStatus.InProgress => "text-bg-primary",
        RectificationStatus.AwaitingReview => "text-bg-warning",
        _ => "text-bg-success",
    };

    public static string Badge(PlanState state) => state switch
    {
        PlanState.Approved => "text-bg-success",
        PlanState.Returned => "text-bg-danger",
        PlanState.Submitted => "text-bg-warning",
        _ => "text-bg-secondary",
    };
}
