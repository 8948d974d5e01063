using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Live;

/// <summary>
/// Every comment of a meeting for the organizers: leaders' and representatives' comments per reporter, their history,
/// reopening a submitted comment with a reason, and releasing the feedback to the secretaries after the meeting.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class CommentsModel(MeetingAccess access, AppDbContext db, MeetingSaver saver, Saver commentSaver, TimeProvider clock) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<Reporter> Reporters { get; private set; } = [];

    public ILookup<Guid, Comment> CommentsByReporter { get; private set; } = Array.Empty<Comment>().ToLookup(c => c.ReporterId);

    public IReadOnlyDictionary<Guid, string> People { get; private set; } = new Dictionary<Guid, string>();

    public int Drafts { get; private set; }

    /// <summary>反馈点评意见 cannot be taken back; unsubmitted drafts are left out, which the question points out.</summary>
    public Confirmation ReleaseConfirmation => MeetingConfirmations.ReleaseFeedback(Drafts);

    /// <summary>Shown by the layout, like the messages of the other pages.</summary>
    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReopenAsync(Guid id, Guid commentId, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var comment = await db.Comments.Include(c => c.History).SingleOrDefaultAsync(c => c.Id == commentId && c.MeetingId == id, cancellationToken);
        if (comment is null)
        {
            return NotFound();
        }

        var messages = new SaveMessages("这条点评刚被修改过，请刷新页面后重试。") { ConflictKey = $"reason-{commentId}", DuplicateKey = $"reason-{commentId}", Rule = RuleErrors.At($"reason-{commentId}") };
        if (!await commentSaver.TrySaveAsync(ModelState, messages, () =>
        {
            Meeting.EnsureCommentsOpen();
            comment.Reopen(reason, User.UserId(), clock.GetUtcNow());
        }, cancellationToken))
        {
            return Page();
        }

        Message = "点评已重新开放，点评人可以继续修改。";
        return RedirectToPage(new { id });
    }

    /// <summary>Unlocks the comments of a closed meeting for corrections; the reason is recorded and shown to the commenters.</summary>
    public Task<IActionResult> OnPostReopenCommentsAsync(Guid id, uint version, string? reason, CancellationToken cancellationToken) =>
        ChangeLockAsync(id, version, meeting => meeting.ReopenComments(reason, User.UserId(), saver.Now), "点评已重新开放，点评人可以补充或更正点评。更正完成后请重新锁定。", cancellationToken);

    public Task<IActionResult> OnPostLockCommentsAsync(Guid id, uint version, CancellationToken cancellationToken) =>
        ChangeLockAsync(id, version, meeting => meeting.LockComments(User.UserId(), saver.Now), "点评已重新锁定。", cancellationToken);

    private async Task<IActionResult> ChangeLockAsync(Guid id, uint version, Action<Meeting> change, string message, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        if (await saver.TrySaveAsync(meeting, version, ModelState, () => change(meeting), prefix: "CommentsLock"))
        {
            Message = message;
            return RedirectToPage(new { id });
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostReleaseAsync(Guid id, uint version, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        if (!this.IsConfirmed())
        {
            await LoadAsync(id, cancellationToken);
            return this.Confirm(ReleaseConfirmation);
        }

        // Releasing and forming the problem lists are one save: either every secretary gets both, or nobody gets either.
        var comments = await db.Comments.AsNoTracking().Where(c => c.MeetingId == id && c.Status == CommentStatus.Final)
            .OrderBy(c => c.Author).ThenBy(c => c.FinalizedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var leaderIds = comments.Where(c => c.LeaderId != null).Select(c => c.LeaderId!.Value).Distinct().ToList();
        var leaders = await db.Users.Where(u => leaderIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var units = meeting.Reporters.ToDictionary(r => r.Id, r => r.OrganizationId);
        var items = 0;
        if (await saver.TrySaveAsync(meeting, version, ModelState, () =>
        {
            meeting.ReleaseFeedback(saver.Now);
            var list = ProblemList.FromComments(comments, reporterId => units[reporterId],
                c => c.LeaderId is { } leaderId ? leaders.GetValueOrDefault(leaderId, "点评领导") : $"{c.RepresentativeName}（{c.RepresentativeIdentity}）",
                User.UserId(), saver.Now);
            db.RectificationItems.AddRange(list);
            items = list.Count;
        }, prefix: ""))
        {
            Message = $"点评意见已反馈，述职书记现在可以在首页查看对本单位的点评。点评指出的问题已形成问题清单，共{items}项。";
            return RedirectToPage(new { id });
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await access.ManageableAsync(cancellationToken)).AsNoTracking()
            .Include(m => m.Reporters).Include(m => m.StatusChanges)
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        Reporters = [.. meeting.InBallotOrder()];
        var comments = await db.Comments.AsNoTracking().Include(c => c.History)
            .Where(c => c.MeetingId == id)
            .OrderBy(c => c.Author).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        CommentsByReporter = comments.ToLookup(c => c.ReporterId);
        Drafts = comments.Count(c => c.Status == CommentStatus.Draft && !c.IsEmpty);
        var userIds = comments.SelectMany(c => c.History.Select(h => h.By)).Concat(comments.Where(c => c.LeaderId != null).Select(c => c.LeaderId!.Value))
            .Concat(meeting.StatusChanges.Select(c => c.ChangedBy)).Distinct().ToList();
        People = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return true;
    }

    public string Person(Guid id) => People.GetValueOrDefault(id, "（已删除的用户）");

    /// <summary>Every reopening and re-locking of the comments, oldest first.</summary>
    public IEnumerable<StatusChange> CommentLockChanges => Meeting.StatusChanges
        .Where(c => c.Reason is { } r && (r.StartsWith(Meeting.CommentsReopenedReason, StringComparison.Ordinal) || r == Meeting.CommentsLockedReason))
        .OrderBy(c => c.ChangedAt);
}
