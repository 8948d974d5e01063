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
using ReviewMeetings.Web.Pages.Rectification;

namespace ReviewMeetings.Web.Pages.Live;

/// <summary>
/// A commenting leader's pad (点评): the reporter at the lectern, their written report one click away, and the leader's
/// own structured comment, autosaved as a draft. Two devices of the same leader edit one comment; a save based on an
/// older version is refused with both texts so the leader chooses, never silently overwritten.
/// </summary>
[Authorize(Roles = RoleNames.Leader)]
public sealed class PadModel(AppDbContext db, Saver saver, LiveStateReader reader, LiveBroadcaster broadcaster, TimeProvider clock) : PageModel
{
    public const string ConflictMessage = "另一台设备刚保存了这条点评。请对照两个版本，选择保留哪一个。";

    public LiveState State { get; private set; } = null!;

    public LiveReporter Reporter { get; private set; } = null!;

    public Comment? Comment { get; private set; }

    /// <summary>The meeting's comment lock (<see cref="Meeting.CommentsOpen"/>) and, when reopened, why.</summary>
    public Meeting Meeting { get; private set; } = null!;

    /// <summary>The reporter's unit's problems from last year and where their rectification stands.</summary>
    public CarryOver.PreviousYear? Previous { get; private set; }

    [BindProperty]
    public CommentInput Input { get; set; } = new();

    /// <summary>Kept under its own key: the layout also shows TempData["Message"], and the page places this one itself.</summary>
    [TempData(Key = "LiveMessage")]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? reporter, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, reporter, cancellationToken))
        {
            return NotFound();
        }

        Input = CommentInput.From(Comment);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, Guid reporter, CancellationToken cancellationToken) =>
        await ChangeAsync(id, reporter, finalize: false, cancellationToken);

    public async Task<IActionResult> OnPostFinalizeAsync(Guid id, Guid reporter, CancellationToken cancellationToken) =>
        await ChangeAsync(id, reporter, finalize: true, cancellationToken);

    private async Task<IActionResult> ChangeAsync(Guid id, Guid reporter, bool finalize, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, reporter, cancellationToken))
        {
            return NotFound();
        }

        var leaderId = User.UserId();
        var now = clock.GetUtcNow();
        var comment = Comment;
        if (comment is not null && comment.Version != Input.Version && !Input.SameTextAs(comment))
        {
            return Conflict(comment);
        }

        var failure = await saver.TrySaveAsync(() =>
        {
            Meeting.EnsureCommentsOpen();
            if (comment is null)
            {
                comment = Domain.Comments.Comment.ByLeader(id, reporter, leaderId, now);
                db.Comments.Add(comment);
            }

            comment.Save(Input.Achievements, Input.Problems, Input.Expectations, leaderId, now);
            if (finalize)
            {
                comment.Finalize(leaderId, now);
            }
        }, cancellationToken);
        if (failure is not null)
        {
            db.ChangeTracker.Clear();
            if (failure.Rule is { } rule)
            {
                return Refused(rule);
            }

            var current = await FindCommentAsync(id, reporter, leaderId, cancellationToken);
            return current is null ? Refused(new DomainException(ConflictMessage)) : Conflict(current);
        }

        if (finalize)
        {
            await broadcaster.PublishAsync(id, cancellationToken);
        }

        var savedAt = now.ToChineseClock();
        if (WantsJson)
        {
            return new JsonResult(new { version = comment!.Version, savedAt, final = comment.Status == CommentStatus.Final });
        }

        Message = finalize ? "点评已提交。" : $"已保存 {savedAt}";
        return RedirectToPage(new { id, reporter });
    }

    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);

    private IActionResult Refused(DomainException ex)
    {
        if (WantsJson)
        {
            return new JsonResult(new { error = ex.Message, field = ex.Field }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        ModelState.AddDomainError(ex, nameof(Input));
        return Page();
    }

    /// <summary>The other device's text comes back with its version; the leader keeps one of the two.</summary>
    private IActionResult Conflict(Comment current)
    {
        var theirs = new
        {
            achievements = current.Achievements,
            problems = current.Problems,
            expectations = current.Expectations,
            version = current.Version,
            final = current.Status == CommentStatus.Final,
            savedAt = current.UpdatedAt.ToChineseClock(),
        };
        if (WantsJson)
        {
            return new JsonResult(new { error = ConflictMessage, conflict = theirs }) { StatusCode = StatusCodes.Status409Conflict };
        }

        Comment = current;
        ModelState.Remove($"{nameof(Input)}.{nameof(CommentInput.Version)}");
        Input.Version = current.Version;
        ModelState.AddModelError("", ConflictMessage);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, Guid? reporterId, CancellationToken cancellationToken)
    {
        var leaderId = User.UserId();
        var meeting = await db.Meetings.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == id && m.Status != MeetingStatus.Draft && m.LeaderIds.Contains(leaderId), cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;

        State = (await reader.ReadAsync(id, cancellationToken))!;
        var chosen = State.Reporters.FirstOrDefault(r => r.Id == reporterId)
            ?? (reporterId is null ? State.Current ?? (State.Reporters.Count > 0 ? State.Reporters[0] : null) : null);
        if (chosen is null)
        {
            return false;
        }

        Reporter = chosen;
        var slot = await db.Reporters.Where(r => r.Id == chosen.Id)
            .Join(db.Meetings, r => r.MeetingId, m => m.Id, (r, m) => new { r.OrganizationId, m.ReviewYear })
            .SingleAsync(cancellationToken);
        Previous = await CarryOver.ForUnitAsync(db, slot.OrganizationId, slot.ReviewYear, BeijingTime.Today(clock), cancellationToken);
        Comment = await FindCommentAsync(id, chosen.Id, leaderId, cancellationToken);
        return true;
    }

    private Task<Comment?> FindCommentAsync(Guid meetingId, Guid reporterId, Guid leaderId, CancellationToken cancellationToken) =>
        db.Comments.Include(c => c.History)
            .SingleOrDefaultAsync(c => c.MeetingId == meetingId && c.ReporterId == reporterId && c.LeaderId == leaderId, cancellationToken);
}
