using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>
/// 复制为下一年度会议: says what the copy takes and leaves, and which reporters cannot come along, then makes the draft.
/// The form carries the new meeting's id, so submitting it twice finds the copy instead of making a second one.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class CopyModel(MeetingAccess access, OrganizationScope scope, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Display(Name = "新会议名称")]
    public string? Title { get; set; }

    [BindProperty]
    public Guid CopyId { get; set; }

    public Meeting Source { get; private set; } = null!;

    public string HostName { get; private set; } = "";

    public MeetingCopy? Preview { get; private set; }

    public IReadOnlyList<ExistingMeeting> Existing { get; private set; } = [];

    public int NextYear => Source.ReviewYear + 1;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Title = Meeting.SuggestTitle(HostName, NextYear);
        CopyId = Guid.CreateVersion7();
        await PreviewAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await MadeAlreadyAsync(cancellationToken) is { } made)
        {
            return made;
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (CopyId == Guid.Empty)
        {
            ModelState.AddModelError("", "页面已过期，请重新打开复制页面。");
            return Page();
        }

        var copy = await PreviewAsync(cancellationToken);
        if (copy is null || !ModelState.IsValid)
        {
            return Page();
        }

        if (SameYearMeetings.Check(Existing, copy.Meeting.Title, NextYear, this.IsConfirmed(), ModelState, nameof(Title)) is { } confirmation)
        {
            return this.Confirm(confirmation);
        }

        if (ModelState.IsValid)
        {
            var failure = await saver.TrySaveAsync(() => db.Meetings.Add(copy.Meeting), cancellationToken);
            if (failure is null)
            {
                TempData["Message"] = Created(copy);
                return RedirectToPage("Details", new { id = copy.Meeting.Id });
            }

            db.ChangeTracker.Clear();
            if (await MadeAlreadyAsync(cancellationToken) is { } raced)
            {
                return raced;
            }

            failure.AddTo(ModelState, new SaveMessages(MeetingSaver.ConflictMessage) { Rule = RuleErrors.FieldAt(nameof(Title)) });
        }

        return Page();
    }

    /// <summary>The copy made by an earlier submit of this form (a double click, or back and submit again).</summary>
    private async Task<IActionResult?> MadeAlreadyAsync(CancellationToken cancellationToken)
    {
        if (CopyId == Guid.Empty || !await db.Meetings.AnyAsync(m => m.Id == CopyId, cancellationToken))
        {
            return null;
        }

        if (!await (await access.ManageableAsync(cancellationToken)).AnyAsync(m => m.Id == CopyId, cancellationToken))
        {
            return NotFound();
        }

        TempData["Message"] = "该会议已复制过，以下是复制出的会议，无需重复提交。";
        return RedirectToPage("Details", new { id = CopyId });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var source = await access.FindManageableAsync(id, cancellationToken);
        if (source is null)
        {
            return false;
        }

        Source = source;
        HostName = await db.Organizations.Where(o => o.Id == source.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        Existing = await SameYearMeetings.FindAsync(db, source.OrganizationId, NextYear, cancellationToken);
        return true;
    }

    /// <summary>The copy as it would be made now; null (with the reason on the form) when a rule refuses it, e.g. the year.</summary>
    private async Task<MeetingCopy?> PreviewAsync(CancellationToken cancellationToken)
    {
        var unitIds = Source.Reporters.Select(r => r.OrganizationId).ToList();
        var units = await db.Organizations.Where(o => unitIds.Contains(o.Id)).ToListAsync(cancellationToken);
        var users = await scope.UsersAsync(cancellationToken);
        var leaderRole = RoleNames.Leader;
        var leaders = await users.Where(u => !u.IsDisabled
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == leaderRole)))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        try
        {
            Preview = Source.CopyForNextYear(
                CopyId, string.IsNullOrWhiteSpace(Title) ? Meeting.SuggestTitle(HostName, NextYear) : Title, units, leaders,
                User.UserId(), clock.GetUtcNow(), BeijingTime.Now(clock).Year);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(ex.Field == nameof(Meeting.Title) ? nameof(Title) : "", ex.Message);
        }

        return Preview;
    }

    private static string Created(MeetingCopy copy)
    {
        var message = $"已复制为{copy.Meeting.ReviewYear}年度会议（草稿），共{copy.Meeting.Reporters.Count}个述职对象。请填写会议日期和书面述职报告截止日期。";
        return copy.Skipped.Count == 0 ? message : message + $"未复制的述职对象：{string.Join("、", copy.Skipped.Select(s => s.UnitName))}。";
    }
}
