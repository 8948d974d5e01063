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

/// <summary>The commenting leaders (accounts with the Leader role) and the superior officials attending to give guidance.</summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class LeadersModel(MeetingAccess access, MeetingSaver saver, OrganizationScope scope, AppDbContext db) : PageModel
{
    private const int BlankRows = 2;

    [BindProperty]
    public List<Guid> LeaderIds { get; set; } = [];

    [BindProperty]
    public List<GuidanceRow> Guidance { get; set; } = [];

    [BindProperty]
    public uint Version { get; set; }

    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<LeaderOption> Leaders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        Version = meeting.Version;
        LeaderIds = meeting.LeaderIds.ToList();
        Guidance = meeting.Guidance.Select(g => new GuidanceRow { Name = g.Name, Title = g.Title }).ToList();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        await LoadAsync(cancellationToken);
        if (LeaderIds.Any(l => Leaders.All(o => o.Id != l)))
        {
            ModelState.AddModelError(nameof(LeaderIds), "点评领导必须是您管理范围内具有“点评领导”角色的账号。");
        }

        if (ModelState.IsValid)
        {
            var message = await saver.TryChangeAsync(meeting, Version, ModelState, meeting =>
            {
                var guidance = Guidance.Where(g => !string.IsNullOrWhiteSpace(g.Name) || !string.IsNullOrWhiteSpace(g.Title))
                    .Select(g => GuidanceAttendee.Create(g.Name, g.Title))
                    .ToList();
                meeting.SetLeaders(LeaderIds, guidance);
                return Task.FromResult("点评领导和到会指导人员已保存。");
            });
            if (message is not null)
            {
                TempData["Message"] = message;
                return RedirectToPage("Details", new { id });
            }

            Meeting = await access.ReloadForFormAsync(id, ModelState, cancellationToken);
            Version = Meeting.Version;
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var users = await scope.UsersAsync(cancellationToken);
        var leaderRole = RoleNames.Leader;
        Leaders = await users.Where(u => !u.IsDisabled
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == leaderRole)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new LeaderOption(u.Id, u.DisplayName, u.Department))
            .ToListAsync(cancellationToken);
        while (Guidance.Count(g => string.IsNullOrWhiteSpace(g.Name)) < BlankRows)
        {
            Guidance.Add(new GuidanceRow());
        }
    }

    public sealed record LeaderOption(Guid Id, string Name, string? Department);

    public sealed class GuidanceRow
    {
        [Display(Name = "姓名")]
        [StringLength(GuidanceAttendee.NameMaxLength)]
        public string? Name { get; set; }

        [Display(Name = "职务")]
        [StringLength(GuidanceAttendee.TitleMaxLength)]
        public string? Title { get; set; }
    }
}
