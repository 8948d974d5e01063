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

/// <summary>
/// Who reports, on site or in writing, and the order of each part: on site dragged, moved by buttons or drawn by lot (every
/// draw kept); in writing dragged or moved by buttons.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class ReportersModel(MeetingAccess access, MeetingSaver saver, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public OrganizationCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganizationType? Type { get; set; }

    /// <summary>Part of a unit's name: the picker lists only the units whose name contains it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    /// <summary>Page of the picker (1-based); a city has thousands of units.</summary>
    [BindProperty(SupportsGet = true, Name = PageSlice.Parameter)]
    public int? PageNumber { get; set; }

    public const int PageSize = 100;

    /// <summary>The page of candidates shown; its total is every unit that matches the filter and can still be added.</summary>
    public PageSlice Slice { get; private set; } = PageSlice.For(1, PageSize, 0);

    [BindProperty]
    public uint Version { get; set; }

    /// <summary>Why the lots are drawn again; required once a draw exists.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> People { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>What each reporter already has that removing it would delete with it.</summary>
    public IReadOnlyDictionary<Guid, ReporterData> Data { get; private set; } = new Dictionary<Guid, ReporterData>();

    /// <summary>The button that moved a reporter, so that it has the focus again after the page reloads.</summary>
    public (Guid ReporterId, int Step)? Moved { get; private set; }

    public static Confirmation RedrawConfirmation { get; } = new(
        "确定重新抽签？",
        "将用新的随机种子重新确定现场述职顺序，替换当前顺序。本次抽签及填写的原因会与以前的各次抽签一起记入抽签记录，记录不能删除。",
        "重新抽签");

    public Confirmation RemoveConfirmation(Reporter reporter)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        var data = Data.GetValueOrDefault(reporter.Id) ?? new ReporterData(0, 0, 0);
        var kept = new List<string>();
        if (data.ReportVersions > 0)
        {
            kept.Add($"已上传或填写的述职报告（共{data.ReportVersions}个版本）");
        }

        if (data.Comments > 0)
        {
            kept.Add($"{data.Comments}条点评");
        }

        if (data.RectificationItems > 0)
        {
            kept.Add($"{data.RectificationItems}条整改事项");
        }

        var consequence = $"“{reporter.UnitName}”将不再是本次会议的述职对象，从{reporter.Mode.ChineseName()}顺序中删去，测评票上也不再有该单位。"
            + (kept.Count == 0
                ? "该单位尚未提交述职报告。"
                : $"该单位在本次会议的{string.Join("、", kept)}将一并删除，不能恢复；重新添加后需要重新提交。");
        return new Confirmation($"确定移除“{reporter.UnitName}”？", consequence, "移除");
    }

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

            // In the order the units were listed and ticked, which becomes their place in the schedule.
            foreach (var unit in units.OrderBy(u => unitIds.IndexOf(u.Id)))
            {
                meeting.AddReporter(unit, mode);
            }

            return $"已添加{units.Count}个述职对象。";
        }, cancellationToken);

    /// <summary>
    /// Adds every unit that matches the filter (all pages), in the picker's order, after a confirmation that names how
    /// many. <paramref name="expected"/> is the count the user saw: if the match changed meanwhile, nothing is added.
    /// </summary>
    public Task<IActionResult> OnPostAddMatchingAsync(Guid id, ReportMode mode, int expected, CancellationToken cancellationToken) =>
        ChangeAsync(id, async meeting =>
        {
            var units = await Matching(meeting).ToListAsync(cancellationToken);
            if (units.Count == 0)
            {
                throw new DomainException("没有符合筛选条件、可添加的单位。");
            }

            if (units.Count != expected)
            {
                throw new DomainException($"符合筛选条件的单位已变为{units.Count}个，请核对后重新添加。");
            }

            foreach (var unit in units)
            {
                meeting.AddReporter(unit, mode);
            }

            return $"已添加{units.Count}个述职对象（{mode.ChineseName()}）。";
        }, cancellationToken, async meeting =>
        {
            if (this.IsConfirmed() || !meeting.ReportersEditable)
            {
                return null;
            }

            var count = await Matching(meeting).CountAsync(cancellationToken);
            return count == 0 ? null : this.Confirm(AddMatchingConfirmation(count, mode));
        });

    /// <param name="mode">The chosen mode; null in the page, where the script asks before the choice is known to the server.</param>
    public Confirmation AddMatchingConfirmation(int count, ReportMode? mode) => new(
        $"确定添加全部{count}个单位？",
        $"将把{FilterDescription()}的{count}个单位全部添加为述职对象（{(mode is { } chosen ? chosen.ChineseName() : "按所选述职方式")}），排在已有述职对象之后。添加后仍可逐个移除或修改述职方式。",
        "全部添加");

    /// <summary>The filter in words, for the confirmation: 名称含“街道”、类别为“街道”的.</summary>
    public string FilterDescription()
    {
        var parts = new List<string>();
        if (SearchText is { } search)
        {
            parts.Add($"名称含“{search}”");
        }

        if (Category is { } category)
        {
            parts.Add($"类别为“{category.ChineseName()}”");
        }

        if (Type is { } type)
        {
            parts.Add($"类型为“{type.ChineseName()}”");
        }

        return parts.Count == 0 ? "主办单位下尚未添加" : "主办单位下" + string.Join("、", parts) + "、尚未添加";
    }

    private string? SearchText => Search?.Trim() is { Length: > 0 } text ? text : null;

    public Task<IActionResult> OnPostRemoveAsync(Guid id, Guid reporterId, CancellationToken cancellationToken) =>
        ChangeAsync(id, meeting =>
        {
            var name = meeting.Reporters.SingleOrDefault(r => r.Id == reporterId)?.UnitName;
            meeting.RemoveReporter(reporterId);
            return Task.FromResult($"已移除“{name}”。");
        }, cancellationToken, async meeting =>
        {
            // Nothing to confirm when the domain will refuse anyway (meeting under way, reporter gone).
            if (this.IsConfirmed() || !meeting.ReportersEditable || meeting.Reporters.SingleOrDefault(r => r.Id == reporterId) is not { } reporter)
            {
                return null;
            }

            Data = await LoadDataAsync(meeting.Id, cancellationToken);
            return this.Confirm(RemoveConfirmation(reporter));
        });

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

    public Task<IActionResult> OnPostReorderWrittenAsync(Guid id, List<Guid> order, CancellationToken cancellationToken) =>
        ChangeAsync(id, meeting =>
        {
            meeting.ReorderWritten(order);
            return Task.FromResult("书面述职顺序已保存。");
        }, cancellationToken);

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid reporterId, int step, CancellationToken cancellationToken)
    {
        var result = await ChangeAsync(id, meeting =>
        {
            meeting.Move(reporterId, step);
            var part = meeting.Reporters.Single(r => r.Id == reporterId).Mode.ChineseName();
            return Task.FromResult($"{part}顺序已调整。");
        }, cancellationToken);

        // Back on the button just pressed, so a keyboard user can press again without tabbing through the page. Autofocus
        // rather than a #fragment: a fragment moves the scroll position but leaves the focus on the page body.
        if (result is RedirectToPageResult)
        {
            TempData[MovedKey] = $"{reporterId:N}:{Math.Sign(step)}";
        }

        return result;
    }

    public Task<IActionResult> OnPostDrawAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, meeting =>
        {
            // The seed comes from a cryptographic source so nobody can steer the draw; it is recorded so anyone can repeat it.
            var seed = RandomNumberGenerator.GetInt32(int.MaxValue);
            meeting.DrawLots(seed, User.UserId(), saver.Now, Reason);
            return Task.FromResult($"已抽签确定现场述职顺序（随机种子 {seed}）。");
        }, cancellationToken, meeting =>
        {
            if (meeting.LotteryHistory.Count == 0 || !meeting.ReportersEditable)
            {
                return Task.FromResult<IActionResult?>(null);
            }

            // The reason is asked before the confirmation, so nobody confirms only to be sent back for it.
            if (string.IsNullOrWhiteSpace(Reason))
            {
                ModelState.AddModelError(nameof(Reason), "请填写重新抽签的原因。");
                return Task.FromResult<IActionResult?>(null);
            }

            return Task.FromResult(this.IsConfirmed() ? null : this.Confirm(RedrawConfirmation));
        });

    /// <summary>Whether this move button is the one to focus: the one just pressed, or its neighbour if it is now disabled.</summary>
    public bool Focus(Reporter reporter, int step, int count)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        if (Moved is not { } moved || moved.ReporterId != reporter.Id)
        {
            return false;
        }

        var position = reporter.Mode == ReportMode.OnSite ? reporter.Order : reporter.WrittenOrder;
        var pressedEnabled = moved.Step < 0 ? position > 1 : position < count;
        return pressedEnabled ? step == moved.Step : step == -moved.Step;
    }

    public string Person(Guid id) => People.TryGetValue(id, out var name) ? name : "";

    /// <param name="before">Runs before any change: returns a page instead (a confirmation), or adds form errors to stop.</param>
    private async Task<IActionResult> ChangeAsync(
        Guid id, Func<Meeting, Task<string>> change, CancellationToken cancellationToken, Func<Meeting, Task<IActionResult?>>? before = null)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        if (before is not null && await before(meeting) is { } instead)
        {
            return instead;
        }

        if (ModelState.IsValid && await saver.TryChangeAsync(meeting, Version, ModelState, change) is { } message)
        {
            TempData["Message"] = message;
            return RedirectToPage(new { id, Category, Type, Search = SearchText });
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
        var candidates = Matching(meeting);
        Slice = PageSlice.For(PageNumber, PageSize, await candidates.CountAsync(cancellationToken));
        Candidates = await candidates.Skip(Slice.Skip).Take(Slice.Size)
            .Select(o => new Candidate(o.Id, o.Name, o.Category, o.Type, o.Secretary == null ? null : o.Secretary.Name))
            .ToListAsync(cancellationToken);
        var drawers = meeting.LotteryHistory.Select(d => d.DrawnBy).Distinct().ToList();
        People = await db.Users.Where(u => drawers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        Data = await LoadDataAsync(meeting.Id, cancellationToken);
        if (TempData[MovedKey] is string moved && moved.Split(':') is [var reporter, var step]
            && Guid.TryParse(reporter, out var reporterId) && int.TryParse(step, out var direction))
        {
            Moved = (reporterId, direction);
        }

        return true;
    }

    private async Task<IReadOnlyDictionary<Guid, ReporterData>> LoadDataAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        var versions = await db.WrittenReports.Where(r => r.MeetingId == meetingId)
            .Select(r => new { r.ReporterId, Count = r.Versions.Count }).ToDictionaryAsync(r => r.ReporterId, r => r.Count, cancellationToken);
        var comments = await db.Comments.Where(c => c.MeetingId == meetingId).GroupBy(c => c.ReporterId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var items = await db.RectificationItems.Where(i => db.Reporters.Any(r => r.Id == i.ReporterId && r.MeetingId == meetingId))
            .GroupBy(i => i.ReporterId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return versions.Keys.Concat(comments.Keys).Concat(items.Keys).Distinct().ToDictionary(
            id => id,
            id => new ReporterData(versions.GetValueOrDefault(id), comments.GetValueOrDefault(id), items.GetValueOrDefault(id)));
    }

    /// <summary>Units of the host's subtree not yet reporting that match the filter, in the picker's order.</summary>
    private IQueryable<Organization> Matching(Meeting meeting)
    {
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

        if (SearchText is { } search)
        {
            candidates = candidates.Where(o => o.Name.Contains(search));
        }

        return candidates.OrderBy(o => o.Category).ThenBy(o => o.Name).ThenBy(o => o.Id);
    }

    private IQueryable<Organization> HostSubtree(Meeting meeting)
    {
        var hostPath = db.Organizations.Where(o => o.Id == meeting.OrganizationId).Select(o => o.Path);
        return db.Organizations.Where(o => o.IsActive && o.Id != meeting.OrganizationId && hostPath.Any(p => o.Path.StartsWith(p)));
    }

    private const string MovedKey = "MovedReporter";

    public sealed record ReporterData(int ReportVersions, int Comments, int RectificationItems);

    public sealed record Candidate(Guid Id, string Name, OrganizationCategory Category, OrganizationType Type, string? SecretaryName);
}
