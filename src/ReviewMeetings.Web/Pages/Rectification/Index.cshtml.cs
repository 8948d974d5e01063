using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>
/// A secretary's rectification list (整改清单): their unit's problems per meeting, with plan and status, and a form to
/// add self-identified problems (自查问题) once the meeting's feedback has been released.
/// </summary>
[Authorize(Roles = RoleNames.Secretary)]
public sealed class IndexModel(AppDbContext db, Saver saver, OrganizationScope scope, ProblemCategories categories, TimeProvider clock) : PageModel
{
    public IReadOnlyList<MeetingList> Meetings { get; private set; } = [];

    public IReadOnlyList<string> Categories => categories.All;

    public DateOnly Today { get; private set; }

    [BindProperty]
    public SelfInput Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var unitId = (await scope.RootAsync(cancellationToken)).UnitId;
        var slot = await db.Reporters.Where(r => r.Id == Input.ReporterId && r.OrganizationId == unitId)
            .Join(db.Meetings.Where(m => m.FeedbackReleasedAt != null), r => r.MeetingId, m => m.Id, (r, m) => r)
            .SingleOrDefaultAsync(cancellationToken);
        if (slot is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid && await saver.TrySaveAsync(ModelState, new SaveMessages(ItemModel.ConflictMessage), () =>
            {
                db.RectificationItems.Add(RectificationItem.SelfIdentified(
                    slot.MeetingId, slot.Id, unitId, Input.Text, Input.Category, categories.All, User.DisplayName(), User.UserId(), clock.GetUtcNow()));
            }, cancellationToken))
        {
            Message = "自查问题已加入整改清单。";
            return RedirectToPage();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var unitId = (await scope.RootAsync(cancellationToken)).UnitId;
        Today = BeijingTime.Today(clock);
        var slots = await db.Reporters.Where(r => r.OrganizationId == unitId)
            .Join(db.Meetings.Where(m => m.FeedbackReleasedAt != null), r => r.MeetingId, m => m.Id, (r, m) => new { ReporterId = r.Id, m.Title, m.ReviewYear })
            .OrderByDescending(s => s.ReviewYear)
            .ToListAsync(cancellationToken);
        var items = await db.RectificationItems.AsNoTracking().Where(i => i.OrganizationId == unitId)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .Select(i => new Row(i.Id, i.ReporterId, i.Text, i.Category, i.Sources.OrderBy(s => s.Id).Select(s => s.Kind).First(), i.PlanState, i.Status, i.Deadline, i.ResponsiblePerson))
            .ToListAsync(cancellationToken);
        Meetings = [.. slots.Select(s => new MeetingList(s.ReporterId, s.Title, [.. items.Where(i => i.ReporterId == s.ReporterId)]))];
    }

    public sealed record MeetingList(Guid ReporterId, string Title, IReadOnlyList<Row> Items);

    public sealed record Row(
        Guid Id, Guid ReporterId, string Text, string Category, ProblemSourceKind Source, PlanState Plan, RectificationStatus Status, DateOnly? Deadline, string? Responsible);

    public sealed class SelfInput
    {
        public Guid ReporterId { get; set; }

        [Required]
        [Display(Name = "问题内容")]
        [StringLength(RectificationItem.TextMaxLength)]
        public string? Text { get; set; }

        [Required]
        [Display(Name = "问题类别")]
        public string? Category { get; set; }
    }
}
