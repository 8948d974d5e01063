using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>
/// Paper ballots (纸质票): how many were handed out per rater group, and the batches of returned ballots that two
/// clerks key in independently (双人录入). A batch counts towards the results only once both entries agree.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class PaperModel(MeetingAccess access, AppDbContext db, Saver saver) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<AttendanceGroup> Groups { get; private set; } = [];

    public IReadOnlyList<BatchRow> Batches { get; private set; } = [];

    /// <summary>Paper ballots handed out, by group key, as typed (so a refused form shows what was typed).</summary>
    [BindProperty]
    public Dictionary<string, string?> Issued { get; set; } = [];

    public bool IssuedEditable => !Meeting.ResultsPublic;

    public bool EntryOpen => PaperBatch.EntryOpen(Meeting.Status);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostIssuedAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var counts = new Dictionary<string, int>();
        foreach (var group in Groups)
        {
            var key = group.Id.ToString();
            var text = Issued.GetValueOrDefault(key)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                counts[key] = 0;
            }
            else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                counts[key] = count;
            }
            else
            {
                ModelState.AddModelError(FieldOf(key), $"请输入0到{PaperIssue.MaxCount}之间的整数。");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var stored = await db.PaperIssues.Where(p => p.MeetingId == id).ToDictionaryAsync(p => p.GroupKey, cancellationToken);
        foreach (var (key, count) in counts)
        {
            try
            {
                if (!stored.TryGetValue(key, out var issue))
                {
                    issue = PaperIssue.Create(id, key);
                    db.PaperIssues.Add(issue);
                }

                issue.Record(Meeting.Status, count);
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(ex.Field is null ? "" : FieldOf(key), ex.Message);
            }
        }

        if (ModelState.IsValid && await TrySaveAsync(cancellationToken))
        {
            TempData["Message"] = "纸质票发出数已保存。";
            return RedirectToPage(new { id });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostCreateBatchAsync(Guid id, string? groupKey, int? declaredCount, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Groups.All(g => g.Id.ToString() != groupKey))
        {
            ModelState.AddModelError("groupKey", "请选择测评人类别。");
        }

        if (declaredCount is null)
        {
            ModelState.AddModelError("declaredCount", "请填写本批纸质票的张数。");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var number = await db.PaperBatches.Where(b => b.MeetingId == id).Select(b => (int?)b.Number).MaxAsync(cancellationToken) ?? 0;
        if (await TrySaveAsync(cancellationToken, () =>
        {
            db.PaperBatches.Add(PaperBatch.Create(Meeting.Status, id, groupKey!, number + 1, declaredCount!.Value));
        }, RuleErrors.FieldAt("declaredCount")))
        {
            TempData["Message"] = $"已建立第{number + 1}批，请两位工作人员分别录入第一遍和第二遍。";
            return RedirectToPage(new { id });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDeleteBatchAsync(Guid id, Guid batchId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var batch = await db.PaperBatches.Include(b => b.Entries).SingleOrDefaultAsync(b => b.Id == batchId && b.MeetingId == id, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        try
        {
            batch.EnsureRemovable(Meeting.Status);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("", ex.Message);
            return Page();
        }

        if (!this.IsConfirmed())
        {
            return this.Confirm(DeleteConfirmation(Batches.Single(b => b.Id == batchId)));
        }

        db.PaperBatches.Remove(batch);
        if (await TrySaveAsync(cancellationToken))
        {
            TempData["Message"] = $"第{batch.Number}批已删除。";
            return RedirectToPage(new { id });
        }

        return Page();
    }

    /// <summary>Deleting a batch throws away what both clerks keyed in; the paper ballots must be keyed in again.</summary>
    public static Confirmation DeleteConfirmation(BatchRow batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new($"确定删除第{batch.Number}批？",
            $"第{batch.Number}批（{batch.GroupName}，{batch.DeclaredCount}张）的第一遍和第二遍录入（已录入{batch.First.Entered}张、{batch.Second.Entered}张）将一并删除，不能恢复；这些纸质票需要重新建批录入。",
            "删除该批");
    }

    public static string FieldOf(string groupKey) => $"Issued[{groupKey}]";

    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken, Action? change = null, Action<ModelStateDictionary, DomainException>? rule = null)
    {
        var messages = new SaveMessages("保存失败：纸质票数据刚被他人修改过，请刷新页面后重试。") { Duplicate = "保存失败：他人同时进行了相同操作，请刷新页面后重试。" };
        if (await saver.TrySaveAsync(ModelState, rule is null ? messages : messages with { Rule = rule }, change ?? (() => { }), cancellationToken))
        {
            return true;
        }

        db.ChangeTracker.Clear();
        await LoadAsync(Meeting.Id, cancellationToken);
        return false;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await access.ManageableAsync(cancellationToken)).Include(m => m.Attendance).AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        Groups = meeting.Attendance.OrderBy(g => g.Order).ToList();
        if (Issued.Count == 0)
        {
            Issued = await db.PaperIssues.Where(p => p.MeetingId == id)
                .ToDictionaryAsync(p => p.GroupKey, p => (string?)p.Count.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        var batches = await db.PaperBatches.AsNoTracking().Include(b => b.Entries).Where(b => b.MeetingId == id)
            .OrderBy(b => b.Number).ToListAsync(cancellationToken);
        var clerkIds = batches.SelectMany(b => new[] { b.FirstClerkId, b.SecondClerkId }).OfType<Guid>().Distinct().ToList();
        var clerks = await db.Users.Where(u => clerkIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var groupNames = Groups.ToDictionary(g => g.Id.ToString(), g => g.Name);
        Batches = batches.Select(b => new BatchRow(
            b.Id,
            b.Number,
            groupNames.GetValueOrDefault(b.GroupKey, "（已删除的类别）"),
            b.DeclaredCount,
            Side(b, EntrySide.First, clerks),
            Side(b, EntrySide.Second, clerks),
            b.State == PaperBatchState.Counted,
            b.State == PaperBatchState.Counted ? "已计入" : !b.BothComplete ? "录入中" : b.Compare().Count == 0 ? "一致，待计入" : "不一致，待核对"))
            .ToList();
        return true;
    }

    private static SideRow Side(PaperBatch batch, EntrySide side, Dictionary<Guid, string> clerks) => new(
        batch.ClerkOf(side) is { } clerk ? clerks.GetValueOrDefault(clerk, "") : null,
        batch.EntriesOf(side).Count,
        batch.IsComplete(side));

    public sealed record BatchRow(Guid Id, int Number, string GroupName, int DeclaredCount, SideRow First, SideRow Second, bool Counted, string State);

    public sealed record SideRow(string? Clerk, int Entered, bool Complete);
}
