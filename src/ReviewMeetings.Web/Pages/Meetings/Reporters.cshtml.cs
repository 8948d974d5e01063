using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>Who reports, on site or in writing, and the on-site speaking order (dragged, moved by buttons, or drawn by lot).</summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class ReportersModel(MeetingAccess access, MeetingSaver saver, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public OrganizationCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganizationType? Type { get; set; }

    [BindProperty]
    public uint Version { get; set; }

    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> People { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(Guid id, List<Guid> unitIds, ReportMode mode, CancellationToken cancellationToken) =>
        ChangeAsync(id, async meeting =>
        {
            if (unitIds.Count == 0)
            {
                throw new DomainException("请先勾选要添加的单位。");
            }

            var units = await HostSubtree(meeting).Where(o => unitIds.Contains(o.Id)).ToListAsync(cancellationToken);
            if (units.Count != unitIds.Distinct().Count())
            {
                throw new DomainException("所选单位不在本次会议主办单位的管理范围内。");
            }

            foreach (var unit in units)
            {
                meeting.AddReporter(unit, mode);
            }

            return $"已添加{units.Count}个述职对象。";
        }, cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(Guid id, Guid reporterId, CancellationToken cancellationToken) =>
        ChangeAsync(id, meeting =>
        {
            var name = meeting.Reporters.SingleOrDefault(r => r.Id == reporterId)?.UnitName;
            meeting.RemoveReporter(reporterId);
            return Task.FromResult($"已移除“{name}”。");
        }, cancellationToken);

    public Task<IActionResult> OnPostModeAsync(Guid id, Guid reporterId, ReportMode mode, CancellationToken cancellationToken) =>
        ChangeAsync(id, meeting =>
        {
            meeting.SetMode(reporterId, mode);
            return Task.FromResult("述职方式已修改。");
        }, cancellationToken);

    public Task<IActionResult> OnPostBulkModeAsync(Guid id, OrganizationCategory bulkCategory, ReportMode mode, CancellationToken cancellationToken) =>
        ChangeAsync(id, meeting =>
        {
            var changed = meeting.SetModeForCategory(bulkCategory, mode);
            return Task.FromResult($"已将{changed}个“{bulkCategory.ChineseName()}”类述职对象设为{mode.ChineseName()}。");
        }, cancellationToken);

    public Task<IActionResult> OnPostReorderAsync(Guid id, List<Guid> order, CancellationToken cancellationToken) =>
        ChangeAsync(id, meeting =>
        {
            meeting.Reorder(order);
            return Task.FromResult("现场述职顺序已保存。");
        }, cancellationToken);

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid reporterId, int step, CancellationToken cancellationToken)
    {
        var result = await ChangeAsync(id, meeting =>
        {
            meeting.Move(reporterId, step);
            return Task.FromResult("现场述职顺序已调整。");
        }, cancellationToken);

        // Back to the moved reporter, so a keyboard user can press again without tabbing through the page.
        return result is RedirectToPageResult redirect ? new RedirectToPageResult(redirect.PageName, redirect.RouteValues) { Fragment = $"reporter-{reporterId}" } : result;
    }

    public Task<IActionResult> OnPostDrawAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, meeting =>
        {
            // The seed comes from a cryptographic source so nobody can steer the draw; it is recorded so anyone can repeat it.
            var seed = RandomNumberGenerator.GetInt32(int.MaxValue);
            meeting.DrawLots(seed, User.UserId(), saver.Now);
            return Task.FromResult($"已抽签确定现场述职顺序（随机种子 {seed}）。");
        }, cancellationToken);

    public string Person(Guid id) => People.TryGetValue(id, out var name) ? name : "";

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Meeting, Task<string>> change, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        if (await saver.TryChangeAsync(meeting, Version, ModelState, change) is { } message)
        {
            TempData["Message"] = message;
            return RedirectToPage(new { id, Category, Type });
        }

        await ShowAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        Version = meeting.Version;
        ModelState.Remove(nameof(Version));
        var taken = meeting.Reporters.Select(r => r.OrganizationId).ToList();
        var candidates = HostSubtree(meeting).Where(o => !taken.Contains(o.Id));
        if (Category is { } category)
        {
            candidates = candidates.Where(o => o.Category == category);
        }

        if (Type is { } type)
        {
            candidates = candidates.Where(o => o.Type == type);
        }

        Candidates = await candidates.OrderBy(o => o.Category).ThenBy(o => o.Name)
            .Select(o => new Candidate(o.Id, o.Name, o.Category, o.Type, o.Secretary == null ? null : o.Secretary.Name))
            .ToListAsync(cancellationToken);
        if (meeting.Lottery is { } draw)
        {
            People = await db.Users.Where(u => u.Id == draw.DrawnBy).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        }

        return true;
    }

    private IQueryable<Organization> HostSubtree(Meeting meeting)
    {
        var hostPath = db.Organizations.Where(o => o.Id == meeting.OrganizationId).Select(o => o.Path);
        return db.Organizations.Where(o => o.IsActive && o.Id != meeting.OrganizationId && hostPath.Any(p => o.Path.StartsWith(p)));
    }

    public sealed record Candidate(Guid Id, string Name, OrganizationCategory Category, OrganizationType Type, string? SecretaryName);
}
