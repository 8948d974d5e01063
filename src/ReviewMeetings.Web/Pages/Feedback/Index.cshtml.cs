using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Documents;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Feedback;

/// <summary>
/// A secretary's feedback (点评意见反馈): the submitted comments on their own unit's reports, once the organizer has
/// released them. Nobody else's comments are ever loaded.
/// </summary>
[Authorize(Roles = RoleNames.Secretary)]
public sealed class IndexModel(AppDbContext db, OrganizationScope scope) : PageModel
{
    public IReadOnlyList<MeetingFeedback> Meetings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var unitId = (await scope.RootAsync(cancellationToken)).UnitId;
        var slots = await db.Reporters.Where(r => r.OrganizationId == unitId)
            .Join(db.Meetings.Where(m => m.FeedbackReleasedAt != null), r => r.MeetingId, m => m.Id,
                (r, m) => new { ReporterId = r.Id, m.Id, m.Title, m.ReviewYear, m.FeedbackReleasedAt })
            .OrderByDescending(x => x.ReviewYear)
            .ToListAsync(cancellationToken);
        var reporterIds = slots.Select(s => s.ReporterId).ToList();
        var comments = await db.Comments.AsNoTracking()
            .Where(c => reporterIds.Contains(c.ReporterId) && c.Status == CommentStatus.Final)
            .OrderBy(c => c.Author).ThenBy(c => c.FinalizedAt)
            .ToListAsync(cancellationToken);
        var leaderIds = comments.Where(c => c.LeaderId != null).Select(c => c.LeaderId!.Value).Distinct().ToList();
        var leaders = await db.Users.Where(u => leaderIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        Meetings = [.. slots.Select(s => new MeetingFeedback(s.Id, s.Title, s.FeedbackReleasedAt!.Value,
            [.. comments.Where(c => c.ReporterId == s.ReporterId).Select(c => DocumentComment.From(c, leaders))]))];
    }

    public sealed record MeetingFeedback(Guid MeetingId, string Title, DateTimeOffset ReleasedAt, IReadOnlyList<DocumentComment> Comments);
}
