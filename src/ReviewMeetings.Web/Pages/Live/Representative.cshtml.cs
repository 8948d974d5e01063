using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Live;

/// <summary>A grassroots representative's comment (基层代表点评), entered by an organizer on the representative's behalf.</summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class RepresentativeModel(MeetingAccess access, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<Reporter> Reporters { get; private set; } = [];

    public bool Editing { get; private set; }

    [BindProperty]
    public RepresentativeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? commentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (commentId is { } existingId)
        {
            var comment = await FindAsync(id, existingId, cancellationToken);
            if (comment is null)
            {
                return NotFound();
            }

            Editing = true;
            Input = new RepresentativeInput
            {
                ReporterId = comment.ReporterId,
                Name = comment.RepresentativeName,
                Identity = comment.RepresentativeIdentity,
                Achievements = comment.Achievements,
                Problems = string.Join('\n', comment.Problems),
                Expectations = comment.Expectations,
                Version = comment.Version,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? commentId, bool finalize, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Editing = commentId is not null;
        if (!Reporters.Any(r => r.Id == Input.ReporterId))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.ReporterId)}", "请选择述职对象。");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var by = User.UserId();
        var now = clock.GetUtcNow();
        var messages = new SaveMessages("保存失败：这条点评刚被他人修改过。下方仍是您填写的内容，请刷新核对后再保存。") { Rule = RuleErrors.Fields(nameof(Input)) };
        if (!await saver.TrySaveAsync(ModelState, messages, async () =>
        {
            Meeting.EnsureCommentsOpen();
            Comment comment;
            if (commentId is { } existingId)
            {
                comment = await FindAsync(id, existingId, cancellationToken) ?? throw new DomainException("这条点评已不存在。");
                db.Entry(comment).Property(c => c.Version).OriginalValue = Input.Version;
            }
            else
            {
                comment = Comment.ByRepresentative(id, Input.ReporterId, Input.Name, Input.Identity, by, now);
                db.Comments.Add(comment);
            }

            comment.Save(Input.Achievements, Lines(Input.Problems), Input.Expectations, by, now);
            if (finalize)
            {
                comment.Finalize(by, now);
            }
        }, cancellationToken))
        {
            return Page();
        }

        TempData["Message"] = finalize ? "基层代表点评已提交。" : "基层代表点评已保存为草稿。";
        return RedirectToPage("Comments", new { id });
    }

    private static string[] Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private Task<Comment?> FindAsync(Guid meetingId, Guid commentId, CancellationToken cancellationToken) =>
        db.Comments.Include(c => c.History).SingleOrDefaultAsync(
            c => c.Id == commentId && c.MeetingId == meetingId && c.Author == CommentAuthor.Representative, cancellationToken);

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await access.ManageableAsync(cancellationToken)).AsNoTracking()
            .Include(m => m.Reporters).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        Reporters = [.. meeting.InBallotOrder()];
        return true;
    }
}

public sealed class RepresentativeInput
{
    [Display(Name = "述职对象")]
    public Guid ReporterId { get; set; }

    [Display(Name = "代表姓名")]
    [Required]
    [StringLength(Comment.NameMaxLength)]
    public string? Name { get; set; }

    [Display(Name = "代表身份")]
    [Required]
    [StringLength(Comment.IdentityMaxLength)]
    public string? Identity { get; set; }

    [Display(Name = "肯定成绩")]
    [StringLength(Comment.TextMaxLength)]
    public string? Achievements { get; set; }

    /// <summary>One problem per line.</summary>
    [Display(Name = "指出问题")]
    public string? Problems { get; set; }

    [Display(Name = "提出希望")]
    [StringLength(Comment.TextMaxLength)]
    public string? Expectations { get; set; }

    public uint Version { get; set; }
}
