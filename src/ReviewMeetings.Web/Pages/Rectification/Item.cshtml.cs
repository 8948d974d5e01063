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
using ReviewMeetings.Web.Pages.Reports;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>
/// One problem and its rectification: the secretary writes the plan and reports progress with evidence; staff approve
/// or return the plan, close (销号) or send back a completion, reword, recategorize and merge duplicates; observers read.
/// </summary>
[Authorize(Roles = RoleNames.Secretary + "," + RoleNames.MeetingStaff + "," + RoleNames.Observer)]
public sealed class ItemModel(RectificationAccess access, ProblemCategories categories, EvidenceFiles evidence, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
{
    public const string ConflictMessage = "保存失败：这条问题刚被他人修改过。请刷新页面，核对后重试。";

    public RectificationItem Item { get; private set; } = null!;

    public ItemContext Context { get; private set; } = null!;

    public bool IsOwner { get; private set; }

    public bool IsStaff => access.IsStaff;

    public bool Overdue => Item.IsOverdue(clock);

    public IReadOnlyList<string> Categories => categories.All;

    public IReadOnlyDictionary<Guid, string> People { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<Guid, (string Name, string Type)> Files { get; private set; } = new Dictionary<Guid, (string, string)>();

    public IReadOnlyList<(Guid Id, string Text)> MergeTargets { get; private set; } = [];

    public long MaxEvidenceBytes => evidence.MaxBytes;

    [BindProperty]
    public PlanInput Plan { get; set; } = new();

    [BindProperty]
    public ProgressInput Progress { get; set; } = new();

    [BindProperty]
    public uint Version { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Plan = PlanInput.From(Item);
        return Page();
    }

    public Task<IActionResult> OnPostPlanAsync(Guid id, bool submit, CancellationToken cancellationToken) =>
        ChangeAsync(id, owner: true, item =>
        {
            item.SavePlan(Plan.ToPlan(), User.UserId(), clock.GetUtcNow());
            if (submit)
            {
                item.SubmitPlan(User.UserId(), clock.GetUtcNow());
            }

            return submit ? "整改方案已提交，等待组织部门审核。" : "整改方案已保存。";
        }, "Plan", cancellationToken);

    public async Task<IActionResult> OnPostProgressAsync(Guid id, bool complete, List<IFormFile>? files, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!IsOwner)
        {
            return Forbid();
        }

        var saved = false;
        try
        {
            saved = await saver.TrySaveAsync(ModelState, new SaveMessages(ConflictMessage) { Rule = RuleErrors.Fields("Progress") }, async () =>
            {
                db.Entry(Item).Property(i => i.Version).OriginalValue = Version;
                var stored = await evidence.ReadAsync(files ?? [], User.UserId(), cancellationToken);
                db.ReportFiles.AddRange(stored);
                var fileIds = stored.Select(f => f.Id).ToList();
                if (complete)
                {
                    Item.ReportCompletion(Progress.Text, fileIds, User.UserId(), clock.GetUtcNow());
                }
                else
                {
                    Item.ReportProgress(Progress.Text, fileIds, User.UserId(), clock.GetUtcNow());
                }
            }, cancellationToken);
        }
        catch (UploadRejectedException ex)
        {
            ModelState.AddModelError("files", ex.Message + "（请重新选择文件；已填写的文字已保留。）");
        }

        if (saved)
        {
            Message = complete ? "已报告整改完成，等待组织部门审核销号。" : "整改进展已报送。";
            return RedirectToPage(new { id });
        }

        return await RedisplayAsync(id, cancellationToken);
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, owner: false, item =>
        {
            item.ApprovePlan(User.UserId(), clock.GetUtcNow());
            return "整改方案已审核通过，问题进入整改中。";
        }, "", cancellationToken);

    public Task<IActionResult> OnPostReturnPlanAsync(Guid id, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(id, owner: false, item =>
        {
            item.ReturnPlan(reason, User.UserId(), clock.GetUtcNow());
            return "整改方案已退回。";
        }, "ReturnPlan", cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, owner: false, item =>
        {
            item.Close(User.UserId(), clock.GetUtcNow());
            return "问题已销号。";
        }, "", cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(id, owner: false, item =>
        {
            item.RejectCompletion(reason, User.UserId(), clock.GetUtcNow());
            return "已退回整改完成申请，问题回到整改中。";
        }, "Review", cancellationToken);

    public Task<IActionResult> OnPostEditAsync(Guid id, string? text, string? category, CancellationToken cancellationToken) =>
        ChangeAsync(id, owner: false, item =>
        {
            item.Reword(text, User.UserId(), clock.GetUtcNow());
            item.Recategorize(category, categories.All, User.UserId(), clock.GetUtcNow());
            return "问题表述和类别已保存。";
        }, "Edit", cancellationToken);

    /// <summary>This item is a duplicate: its sources move to the chosen item and it disappears from the list.</summary>
    public async Task<IActionResult> OnPostMergeAsync(Guid id, Guid into, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var target = await access.FindAsync(into, cancellationToken);
        if (!IsStaff || target is null)
        {
            return target is null ? NotFound() : Forbid();
        }

        if (await saver.TrySaveAsync(ModelState, new SaveMessages(ConflictMessage) { Rule = RuleErrors.At("Merge") }, () =>
        {
            db.Entry(Item).Property(i => i.Version).OriginalValue = Version;
            target.Absorb(Item, User.UserId(), clock.GetUtcNow());
            db.RectificationItems.Remove(Item);
        }, cancellationToken))
        {
            Message = "重复问题已合并，两条问题的来源都已保留。";
            return RedirectToPage(new { id = into });
        }

        return await RedisplayAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ChangeAsync(Guid id, bool owner, Func<RectificationItem, string> change, string errorKey, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (owner ? !IsOwner : !IsStaff)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(id, cancellationToken);
        }

        // A rule about a plan field goes next to that field; any other next to the form that was posted.
        var messages = new SaveMessages(ConflictMessage)
        {
            Rule = (modelState, ex) =>
            {
                if (ex.Field is null || errorKey != "Plan")
                {
                    modelState.AddModelError(errorKey, ex.Message);
                }
                else
                {
                    modelState.AddDomainError(ex, "Plan");
                }
            },
        };
        string? message = null;
        if (await saver.TrySaveAsync(ModelState, messages, () =>
        {
            db.Entry(Item).Property(i => i.Version).OriginalValue = Version;
            message = change(Item);
        }, cancellationToken))
        {
            Message = message;
            return RedirectToPage(new { id });
        }

        return await RedisplayAsync(id, cancellationToken);
    }

    /// <summary>After a refused change: the item as stored, the form as typed.</summary>
    private async Task<IActionResult> RedisplayAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Remove(nameof(Version));
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var item = await access.FindAsync(id, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        Version = item.Version;
        IsOwner = await access.OwnsAsync(item, cancellationToken);
        Context = await db.Reporters.Where(r => r.Id == item.ReporterId)
            .Join(db.Meetings, r => r.MeetingId, m => m.Id, (r, m) => new ItemContext(m.Id, m.Title, m.ReviewYear, r.UnitName, r.SecretaryName))
            .SingleAsync(cancellationToken);
        var people = item.History.Select(h => h.By).Concat(item.Updates.Select(u => u.By)).Distinct().ToList();
        People = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var fileIds = item.Updates.SelectMany(u => u.EvidenceFileIds).ToList();
        Files = (await db.ReportFiles.Where(f => fileIds.Contains(f.Id)).Select(f => new { f.Id, f.FileName, f.ContentType }).ToListAsync(cancellationToken))
            .ToDictionary(f => f.Id, f => (f.FileName, f.ContentType));
        if (IsStaff)
        {
            MergeTargets = await db.RectificationItems
                .Where(i => i.ReporterId == item.ReporterId && i.Id != item.Id && i.Status != RectificationStatus.Closed)
                .OrderBy(i => i.CreatedAt)
                .Select(i => new ValueTuple<Guid, string>(i.Id, i.Text))
                .ToListAsync(cancellationToken);
        }

        return true;
    }

    public string Person(Guid id) => People.GetValueOrDefault(id, "（已删除的用户）");

    public sealed record ItemContext(Guid MeetingId, string MeetingTitle, int ReviewYear, string UnitName, string SecretaryName);

    public sealed class PlanInput
    {
        [Display(Name = "整改措施")]
        [StringLength(RectificationItem.PlanFieldMaxLength)]
        public string? Measures { get; set; }

        [Display(Name = "责任人")]
        [StringLength(RectificationItem.PersonMaxLength)]
        public string? ResponsiblePerson { get; set; }

        [Display(Name = "整改时限")]
        [DataType(DataType.Date)]
        public DateOnly? Deadline { get; set; }

        [Display(Name = "预期目标")]
        [StringLength(RectificationItem.PlanFieldMaxLength)]
        public string? Target { get; set; }

        public static PlanInput From(RectificationItem item) => new()
        {
            Measures = item.Measures,
            ResponsiblePerson = item.ResponsiblePerson,
            Deadline = item.Deadline,
            Target = item.Target,
        };

        public RectificationPlan ToPlan() => new(Measures, ResponsiblePerson, Deadline, Target);
    }

    public sealed class ProgressInput
    {
        [Display(Name = "整改进展")]
        [StringLength(RectificationItem.UpdateMaxLength)]
        public string? Text { get; set; }
    }
}
