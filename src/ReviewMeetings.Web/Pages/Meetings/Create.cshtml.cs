using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Organizations;

namespace ReviewMeetings.Web.Pages.Meetings;

[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class CreateModel(OrganizationScope scope, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请选择主办单位。")]
    [Display(Name = "主办单位")]
    public Guid? HostUnitId { get; set; }

    [BindProperty]
    public DetailsInput Input { get; set; } = new();

    public UnitPicker Units { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var root = await scope.RootAsync(cancellationToken);
        var today = BeijingTime.Today(clock);
        // Meetings run from December to February and review the year just ending.
        Input.ReviewYear = today.Month >= 9 ? today.Year : today.Year - 1;
        Input.Title = Meeting.SuggestTitle(root.UnitName, Input.ReviewYear.Value);
        HostUnitId = root.UnitId;
        await LoadAsync(search: null, cancellationToken);
    }

    public async Task<IActionResult> OnGetUnitsAsync(string? q, CancellationToken cancellationToken) =>
        await UnitPicker.JsonAsync(await scope.UnitsAsync(cancellationToken), q, excludedSubtree: null, cancellationToken);

    /// <summary>The picker's search without script: the form comes back as typed, with the matching units to choose from.</summary>
    public async Task OnPostFindUnitAsync([FromForm(Name = UnitPicker.SearchField)] string? search, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadAsync(search ?? "", cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var host = HostUnitId is { } hostId ? await scope.FindUnitAsync(hostId, cancellationToken) : null;
        if (HostUnitId is not null && host is null)
        {
            ModelState.AddModelError(nameof(HostUnitId), "请选择您管理范围内的主办单位。");
        }

        var currentYear = BeijingTime.Now(clock).Year;
        var suggestedTitle = Meeting.SuggestTitle(host?.Name ?? "", Input.ReviewYear ?? currentYear);
        Input.AddRuleErrors(ModelState, suggestedTitle, MeetingStatus.Draft, currentYear);
        if (ModelState.IsValid)
        {
            var title = Input.ToDetails(suggestedTitle).Title;
            var existing = await SameYearMeetings.FindAsync(db, host!.Id, Input.ReviewYear!.Value, cancellationToken);
            if (SameYearMeetings.Check(existing, title, Input.ReviewYear.Value, this.IsConfirmed(), ModelState, "Input.Title") is { } confirmation)
            {
                return this.Confirm(confirmation);
            }
        }

        Meeting? meeting = null;
        if (ModelState.IsValid && await saver.TrySaveAsync(ModelState, new SaveMessages(MeetingSaver.ConflictMessage), () =>
            {
                var details = Input.ToDetails(suggestedTitle);
                meeting = Meeting.Create(host!.Id, details.Title, details.ReviewYear, User.UserId(), clock.GetUtcNow());
                meeting.UpdateDetails(details, currentYear);
                db.Meetings.Add(meeting);
            }, cancellationToken))
        {
            TempData["Message"] = "会议已创建。请继续添加述职对象、议程和参会人员。";
            return RedirectToPage("Details", new { id = meeting!.Id });
        }

        await LoadAsync(search: null, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(string? search, CancellationToken cancellationToken) =>
        Units = await UnitPicker.LoadAsync(await scope.UnitsAsync(cancellationToken), HostUnitId, search, cancellationToken: cancellationToken);
}
