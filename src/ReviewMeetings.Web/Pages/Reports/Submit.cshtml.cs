using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Reports;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Rectification;

namespace ReviewMeetings.Web.Pages.Reports;

/// <summary>The secretary writes the report online or uploads a PDF/DOCX, saves drafts and submits.</summary>
[Authorize(Roles = RoleNames.Secretary)]
public sealed class SubmitModel(ReportAccess access, ReportFiles files, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ContentInput Input { get; set; } = new();

    [BindProperty]
    public uint Version { get; set; }

    public ReportAccess.Slot Slot { get; private set; } = null!;

    public WrittenReport? Report { get; private set; }

    /// <summary>The newest version on file, and the uploaded file's name when it is a file.</summary>
    public (ReportVersion Version, string? FileName)? OnFile { get; private set; }

    public DateOnly Today => BeijingTime.Today(clock);

    public bool IsOpen => ReportAccess.AcceptsReports(Slot.Meeting)
        && (Report?.IsOpen(Slot.Meeting.WrittenReportDeadline, Today) ?? Slot.Meeting.WrittenReportDeadline is not { } d || Today <= d);

    public long MaxBytes => files.MaxBytes;

    /// <summary>Set when the 上年度问题整改情况 section was drafted from last year's rectification items.</summary>
    public int? CarriedOverFrom { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var latest = Report?.Latest?.Content;
        Input = new ContentInput
        {
            Performance = latest?.Performance,
            Problems = latest?.Problems,
            NextSteps = latest?.NextSteps,
            Rectification = latest?.Rectification,
        };
        if (string.IsNullOrWhiteSpace(Input.Rectification)
            && await CarryOver.ForUnitAsync(db, Slot.Reporter.OrganizationId, Slot.Meeting.ReviewYear, Today, cancellationToken) is { } previous)
        {
            Input.Rectification = CarryOver.ReportDraft(previous);
            CarriedOverFrom = previous.ReviewYear;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? file, bool submit, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!ReportAccess.AcceptsReports(Slot.Meeting))
        {
            ModelState.AddModelError("", "本次会议当前不接收述职报告。");
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var messages = new SaveMessages("保存失败：报告刚在另一台设备上被修改。下方仍是您填写的内容，请确认后再次保存。")
        {
            Duplicate = "保存失败：报告刚在另一台设备上创建。下方仍是您填写的内容，请再次保存。",
        };
        var number = 0;
        var saved = false;
        try
        {
            saved = await saver.TrySaveAsync(ModelState, messages, async () =>
            {
                var report = Report ?? db.WrittenReports.Add(new WrittenReport(Slot.Meeting.Id, Slot.Reporter.Id, Slot.Reporter.OrganizationId)).Entity;
                if (Report is not null)
                {
                    db.Entry(report).Property(r => r.Version).OriginalValue = Version;
                }

                Guid? fileId = null;
                ReportContent? content = null;
                if (file is { Length: > 0 } || file is { FileName.Length: > 0 })
                {
                    var stored = await files.ReadAsync(file, User.UserId(), cancellationToken);
                    db.ReportFiles.Add(stored);
                    fileId = stored.Id;
                }
                else
                {
                    content = ReportContent.Create(Input.Performance, Input.Problems, Input.NextSteps, Input.Rectification);
                }

                var version = report.Save(content, fileId, submit, User.UserId(), clock.GetUtcNow(), Slot.Meeting.WrittenReportDeadline, Today);
                number = version.Number;
            }, cancellationToken);
        }
        catch (UploadRejectedException ex)
        {
            ModelState.AddModelError("file", ex.Message);
        }

        if (saved)
        {
            TempData["Message"] = submit ? $"述职报告已提交（第{number}版）。" : $"草稿已保存（第{number}版）。";
            return RedirectToPage(new { id });
        }

        db.ChangeTracker.Clear();
        await LoadAsync(id, cancellationToken);
        ModelState.Remove(nameof(Version));
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var slot = await access.FindReadableAsync(id, cancellationToken);
        if (slot is null || !await access.IsOwnerAsync(slot.Reporter, cancellationToken))
        {
            return false;
        }

        Slot = slot;
        Report = await db.WrittenReports.Include(r => r.Versions).SingleOrDefaultAsync(r => r.ReporterId == id, cancellationToken);
        Version = Report?.Version ?? 0;
        if (Report?.Versions.MaxBy(v => v.Number) is { } latest)
        {
            var fileName = latest.FileId is { } fileId
                ? await db.ReportFiles.Where(f => f.Id == fileId).Select(f => f.FileName).SingleOrDefaultAsync(cancellationToken)
                : null;
            OnFile = (latest, fileName);
        }

        return true;
    }

    public sealed class ContentInput
    {
        [Display(Name = "履职情况和工作亮点")]
        [StringLength(ReportContent.SectionMaxLength)]
        public string? Performance { get; set; }

        [Display(Name = "存在问题及原因")]
        [StringLength(ReportContent.SectionMaxLength)]
        public string? Problems { get; set; }

        [Display(Name = "下一步工作思路和措施")]
        [StringLength(ReportContent.SectionMaxLength)]
        public string? NextSteps { get; set; }

        [Display(Name = "上年度问题整改情况")]
        [StringLength(ReportContent.SectionMaxLength)]
        public string? Rectification { get; set; }
    }
}
