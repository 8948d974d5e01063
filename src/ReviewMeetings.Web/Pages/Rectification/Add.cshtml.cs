using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>Staff add a problem found elsewhere (e.g. by an inspection) to a reporter's list, once feedback is released.</summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class AddModel(MeetingAccess access, ProblemCategories categories, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<string> Categories => categories.All;

    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? reporter, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new StaffInput { ReporterId = reporter ?? Guid.Empty, RaisedBy = "组织部门" };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var reporter = Meeting.Reporters.SingleOrDefault(r => r.Id == Input.ReporterId);
        if (reporter is null)
        {
            ModelState.AddModelError("Input.ReporterId", "请选择述职对象。");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!await saver.TrySaveAsync(ModelState, new SaveMessages(ItemModel.ConflictMessage), () =>
        {
            db.RectificationItems.Add(RectificationItem.ByStaff(
                id, reporter!.Id, reporter.OrganizationId, Input.Text, Input.Category, categories.All, Input.RaisedBy, User.UserId(), clock.GetUtcNow()));
        }, cancellationToken))
        {
            return Page();
        }

        TempData["Message"] = $"已为{reporter!.UnitName}添加问题。";
        return RedirectToPage("Ledger", new { meeting = id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await access.ManageableAsync(cancellationToken)).AsNoTracking().Include(m => m.Reporters)
            .SingleOrDefaultAsync(m => m.Id == id && m.FeedbackReleasedAt != null, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        return true;
    }

    public sealed class StaffInput
    {
        [Display(Name = "述职对象")]
        public Guid ReporterId { get; set; }

        [Required]
        [Display(Name = "问题内容")]
        [StringLength(RectificationItem.TextMaxLength)]
        public string? Text { get; set; }

        [Required]
        [Display(Name = "问题类别")]
        public string? Category { get; set; }

        [Required]
        [Display(Name = "问题来源")]
        [StringLength(ProblemSource.AuthorMaxLength)]
        public string? RaisedBy { get; set; }
    }
}
