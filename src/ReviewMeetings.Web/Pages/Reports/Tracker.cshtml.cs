using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Reports;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Reports;

/// <summary>
/// Staff track every reporter's written report, a page of 100 at a time: return for revision, mark reviewed (one or
/// several at once), reopen after the deadline, download all.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class TrackerModel(MeetingAccess meetings, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    private const string ConflictMessage = "保存失败：该报告刚被修改，请刷新页面后重试。";

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = PageSlice.Parameter)]
    public int? PageNumber { get; set; }

    /// <summary>The ticked reports of the bulk form, each as "reporter id:report version" (the version it was shown at).</summary>
    [BindProperty]
    public List<string> Selected { get; set; } = [];

    /// <summary>The one reason stored on every report of a bulk return.</summary>
    [BindProperty]
    public string? ReturnReason { get; set; }

    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The page of reporters shown; its total is every reporter that matches the status filter.</summary>
    public PageSlice Slice { get; private set; } = PageSlice.For(1, PageSize, 0);

    /// <summary>How many of the meeting's reporters are in each state (<see cref="StatusTexts"/> order), whatever the filter and page.</summary>
    public IReadOnlyList<(string Text, int Count)> StatusCounts { get; private set; } = [];

    /// <summary>What the last bulk action left undone, named by unit (shown once after the redirect).</summary>
    [TempData]
    public string? BulkSkipped { get; set; }

    public static IReadOnlyList<string> StatusTexts { get; } =
        [ReportNames.NotSubmitted, .. Enum.GetValues<ReportStatus>().Select(s => s.ChineseName())];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostReturnAsync(Guid id, Guid reporterId, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(id, reporterId, report =>
        {
            report.Return(reason, clock.GetUtcNow());
            return "已退回修改，书记将看到退回原因。";
        }, cancellationToken);

    public Task<IActionResult> OnPostReviewAsync(Guid id, Guid reporterId, CancellationToken cancellationToken) =>
        ChangeAsync(id, reporterId, report =>
        {
            report.MarkReviewed(User.UserId(), clock.GetUtcNow());
            return "已审核。";
        }, cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(Guid id, Guid reporterId, CancellationToken cancellationToken) =>
        ChangeAsync(id, reporterId, report =>
        {
            var now = clock.GetUtcNow();
            report.Reopen(Meeting.WrittenReportDeadline, BeijingTime.DateOf(now), now);
            return "已为该述职对象重新开放提交。";
        }, cancellationToken);

    /// <summary>审核通过 every ticked report that is still submitted and unchanged since the page showed it.</summary>
    public Task<IActionResult> OnPostBulkReviewAsync(Guid id, CancellationToken cancellationToken) =>
        BulkAsync(id, new BulkAction("审核通过", r => r.CanMarkReviewed, r => r.MarkReviewed(User.UserId(), clock.GetUtcNow()), Confirm: false), cancellationToken);

    /// <summary>退回 every ticked report that may still be returned and is unchanged, each with the one reason; confirmed first.</summary>
    public Task<IActionResult> OnPostBulkReturnAsync(Guid id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ReturnReason))
        {
            ModelState.AddModelError(nameof(ReturnReason), "请填写退回原因。");
        }

        return BulkAsync(id, new BulkAction("退回", r => r.CanReturn, r => r.Return(ReturnReason, clock.GetUtcNow()), Confirm: true), cancellationToken);
    }

    /// <summary>Every submitted report in one ZIP, named 序号_单位_书记 so the files sort in speaking order.</summary>
    public async Task<IActionResult> OnGetZipAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadMeetingAsync(id, cancellationToken, withReporters: true))
        {
            return NotFound();
        }

        var reporters = Meeting.InBallotOrder().ToList();
        var reports = await db.WrittenReports.Include(r => r.Versions).AsNoTracking()
            .Where(r => r.MeetingId == id).ToDictionaryAsync(r => r.ReporterId, cancellationToken);
        using var zipBuffer = new MemoryStream();
        var names = new ZipEntryNames();
        using (var zip = new ZipArchive(zipBuffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < reporters.Count; i++)
            {
                var reporter = reporters[i];
                if (!reports.TryGetValue(reporter.Id, out var report) || report.LatestSubmitted is not { } version)
                {
                    continue;
                }

                var (extension, bytes) = version.FileId is { } fileId
                    ? await FileBytesAsync(fileId, cancellationToken)
                    : (".txt", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AsText(reporter, version.Content!))).ToArray());
                var entry = zip.CreateEntry(names.Next($"{i + 1:D2}_{reporter.UnitName}_{reporter.SecretaryName}", extension, "述职报告"), CompressionLevel.Fastest);
                await using var stream = await entry.OpenAsync(cancellationToken);
                await stream.WriteAsync(bytes, cancellationToken);
            }
        }

        return File(zipBuffer.ToArray(), "application/zip", $"{Meeting.Title}_述职报告.zip");
    }

    private async Task<(string Extension, byte[] Bytes)> FileBytesAsync(Guid fileId, CancellationToken cancellationToken)
    {
        var file = await db.ReportFiles.AsNoTracking().SingleAsync(f => f.Id == fileId, cancellationToken);
        return (file.ContentType == UploadedDocument.PdfType ? ".pdf" : ".docx", file.Content);
    }

    private static string AsText(Reporter reporter, ReportContent content) =>
        $"{reporter.UnitName} {reporter.SecretaryTitle} {reporter.SecretaryName}\n述职报告\n\n" +
        $"一、履职情况和工作亮点\n{content.Performance}\n\n二、存在问题及原因\n{content.Problems}\n\n" +
        $"三、下一步工作思路和措施\n{content.NextSteps}\n\n四、上年度问题整改情况\n{content.Rectification}\n";

    private async Task<IActionResult> ChangeAsync(Guid id, Guid reporterId, Func<WrittenReport, string> change, CancellationToken cancellationToken)
    {
        if (!await LoadMeetingAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var reporter = await db.Reporters.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reporterId && r.MeetingId == id, cancellationToken);
        if (reporter is null)
        {
            return NotFound();
        }

        var messages = new SaveMessages(ConflictMessage)
        {
            Rule = (modelState, ex) => modelState.AddModelError("", $"{reporter.UnitName}：{ex.Message}"),
        };
        string? message = null;
        if (await saver.TrySaveAsync(ModelState, messages, async () =>
        {
            var report = await db.WrittenReports.Include(r => r.Versions).SingleOrDefaultAsync(r => r.ReporterId == reporterId, cancellationToken)
                ?? db.WrittenReports.Add(new WrittenReport(id, reporterId, reporter.OrganizationId)).Entity;
            message = change(report);
        }, cancellationToken))
        {
            TempData["Message"] = message;
            return BackToList(id);
        }

        db.ChangeTracker.Clear();
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>
    /// One bulk action in one transaction. Ticked reports the action does not apply to any more (another state, or
    /// changed since the page showed them: a double submit, a colleague, a resubmission) are skipped and named; ids
    /// that are not reporters of this meeting (a stale page or a forged post) are skipped and only counted.
    /// </summary>
    private async Task<IActionResult> BulkAsync(Guid id, BulkAction action, CancellationToken cancellationToken)
    {
        if (!await LoadMeetingAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var picked = Picked();
        if (picked.Count == 0)
        {
            ModelState.AddModelError(nameof(Selected), $"请先勾选要{action.Verb}的报告。");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        if (action.Confirm && !this.IsConfirmed())
        {
            var preview = await BulkPlanAsync(id, picked, action, cancellationToken);
            if (preview.Applicable.Count > 0)
            {
                return this.Confirm(ReturnConfirmation(preview));
            }
        }

        BulkPlan? plan = null;
        var messages = new SaveMessages(ConflictMessage)
        {
            Rule = (modelState, ex) => modelState.AddModelError(ex.Field == nameof(WrittenReport.ReturnReason) ? nameof(ReturnReason) : "", ex.Message),
        };
        if (await saver.TrySaveAsync(ModelState, messages, async () =>
        {
            plan = await BulkPlanAsync(id, picked, action, cancellationToken, tracked: true);
            foreach (var (report, _) in plan.Applicable)
            {
                action.Apply(report);
            }
        }, cancellationToken))
        {
            if (plan!.Applicable.Count > 0)
            {
                TempData["Message"] = $"已{action.Verb} {plan.Applicable.Count} 份述职报告。";
            }

            BulkSkipped = plan.SkippedText(action.Verb);
            return BackToList(id);
        }

        db.ChangeTracker.Clear();
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private Confirmation ReturnConfirmation(BulkPlan plan) => new(
        $"确定退回 {plan.Applicable.Count} 份述职报告？",
        $"将退回以下 {plan.Applicable.Count} 份述职报告：{string.Join("、", plan.Applicable.Select(a => a.UnitName))}。" +
        $"每份报告都记下退回原因“{ReturnReason?.Trim()}”，书记将看到原因，修改后重新提交；已审核的报告退回后需重新审核。",
        $"退回 {plan.Applicable.Count} 份报告",
        plan.SkippedText("退回", ahead: true));

    /// <summary>The ticked reports: reporter id and the report version the page showed; malformed values are dropped.</summary>
    private Dictionary<Guid, uint> Picked()
    {
        var picked = new Dictionary<Guid, uint>();
        foreach (var value in Selected)
        {
            var parts = value.Split(':');
            if (parts.Length == 2 && Guid.TryParse(parts[0], out var reporterId)
                && uint.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                picked.TryAdd(reporterId, version);
            }
        }

        return picked;
    }

    /// <summary>Splits the ticked reports into those the action applies to now and those it skips, with why.</summary>
    private async Task<BulkPlan> BulkPlanAsync(Guid id, Dictionary<Guid, uint> picked, BulkAction action, CancellationToken cancellationToken, bool tracked = false)
    {
        var ids = picked.Keys.ToList();
        var reporters = await db.Reporters.AsNoTracking()
            .Where(r => r.MeetingId == id && ids.Contains(r.Id))
            .OrderBy(r => r.Mode == ReportMode.OnSite ? 0 : 1)
            .ThenBy(r => (r.Mode == ReportMode.OnSite ? r.Order : r.WrittenOrder) ?? int.MaxValue)
            .ThenBy(r => r.UnitName).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.UnitName })
            .ToListAsync(cancellationToken);
        var reports = db.WrittenReports.Where(w => w.MeetingId == id && ids.Contains(w.ReporterId));
        var byReporter = await (tracked ? reports : reports.AsNoTracking()).ToDictionaryAsync(w => w.ReporterId, cancellationToken);
        var applicable = new List<(WrittenReport, string)>();
        var skipped = new List<string>();
        foreach (var reporter in reporters)
        {
            var report = byReporter.GetValueOrDefault(reporter.Id);
            if (report is null || !action.Allows(report))
            {
                skipped.Add($"{reporter.UnitName}（{(report is null ? ReportNames.NotSubmitted : report.Status.ChineseName())}）");
            }
            else if (report.Version != picked[reporter.Id])
            {
                skipped.Add($"{reporter.UnitName}（页面打开后报告已有变化，请刷新后再处理）");
            }
            else
            {
                applicable.Add((report, reporter.UnitName));
            }
        }

        return new BulkPlan(applicable, skipped, Unknown: ids.Count - reporters.Count);
    }

    private RedirectToPageResult BackToList(Guid id) => RedirectToPage(new { id, Status, p = PageNumber });

    private async Task<bool> LoadMeetingAsync(Guid id, CancellationToken cancellationToken, bool withReporters = false)
    {
        var manageable = (await meetings.ManageableAsync(cancellationToken)).AsNoTracking();
        var meeting = await (withReporters ? manageable.Include(m => m.Reporters) : manageable).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        return true;
    }

    /// <summary>The meeting, the counts per state over all its reporters, and one page of rows, filtered and paged in the database.</summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadMeetingAsync(id, cancellationToken))
        {
            return false;
        }

        var submittedByStatus = await db.WrittenReports.Where(w => w.MeetingId == id && w.Versions.Any())
            .GroupBy(w => w.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var reporterCount = await db.Reporters.CountAsync(r => r.MeetingId == id, cancellationToken);
        StatusCounts = [(ReportNames.NotSubmitted, reporterCount - submittedByStatus.Values.Sum()),
            .. Enum.GetValues<ReportStatus>().Select(s => (s.ChineseName(), submittedByStatus.GetValueOrDefault(s)))];

        var rows = from r in db.Reporters.AsNoTracking()
                   where r.MeetingId == id
                   join w in db.WrittenReports on r.Id equals w.ReporterId into reports
                   from w in reports.DefaultIfEmpty()
                   select new { r, w };
        var status = Enum.GetValues<ReportStatus>().Select(s => (ReportStatus?)s).FirstOrDefault(s => s!.Value.ChineseName() == Status);
        if (Status == ReportNames.NotSubmitted)
        {
            rows = rows.Where(x => x.w == null || !x.w.Versions.Any());
        }
        else if (status is { } shown)
        {
            rows = rows.Where(x => x.w != null && x.w.Versions.Any() && x.w.Status == shown);
        }
        else if (!string.IsNullOrEmpty(Status))
        {
            rows = rows.Where(_ => false);
        }

        Slice = PageSlice.For(PageNumber, PageSize, await rows.CountAsync(cancellationToken));
        var today = BeijingTime.Today(clock);
        var deadline = Meeting.WrittenReportDeadline;
        Rows = (await rows
                .OrderBy(x => x.r.Mode == ReportMode.OnSite ? 0 : 1)
                .ThenBy(x => (x.r.Mode == ReportMode.OnSite ? x.r.Order : x.r.WrittenOrder) ?? int.MaxValue)
                .ThenBy(x => x.r.UnitName).ThenBy(x => x.r.Id)
                .Skip(Slice.Skip).Take(Slice.Size)
                .Select(x => new
                {
                    Reporter = x.r,
                    Status = x.w == null ? (ReportStatus?)null : x.w.Status,
                    Versions = x.w == null ? 0 : x.w.Versions.Count,
                    Reopened = x.w != null && x.w.Reopened,
                    ReturnReason = x.w == null ? null : x.w.ReturnReason,
                    UpdatedAt = x.w == null ? (DateTimeOffset?)null : x.w.UpdatedAt,
                    Version = x.w == null ? (uint?)null : x.w.Version,
                })
                .ToListAsync(cancellationToken))
            .Select(x => new Row(
                x.Reporter,
                x.Versions == 0 ? ReportNames.NotSubmitted : x.Status!.Value.ChineseName(),
                x.Versions,
                x.Versions > 0 ? x.UpdatedAt : null,
                x.Status,
                x.ReturnReason,
                CanReopen: !WrittenReport.IsOpen(x.Reopened, x.Status ?? ReportStatus.Draft, deadline, today),
                x.Version))
            .ToList();
        return true;
    }

    /// <summary>Whether the bulk form should show this row ticked: it was ticked in the post that came back with an error.</summary>
    public bool IsTicked(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.SelectionValue is { } value && Selected.Contains(value);
    }

    public sealed record Row(Reporter Reporter, string StatusText, int Versions, DateTimeOffset? LastChange, ReportStatus? Status, string? ReturnReason, bool CanReopen, uint? Version)
    {
        /// <summary>The bulk form's value for this row, or null when no bulk action applies to it (not submitted).</summary>
        public string? SelectionValue => Status == ReportStatus.Submitted && Versions > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Reporter.Id}:{Version}")
            : null;
    }

    private sealed record BulkAction(string Verb, Func<WrittenReport, bool> Allows, Action<WrittenReport> Apply, bool Confirm);

    private sealed record BulkPlan(List<(WrittenReport Report, string UnitName)> Applicable, List<string> Skipped, int Unknown)
    {
        /// <summary>
        /// 以下 2 份报告未退回：A（已退回）、B（…）。另有 1 项不是本会议的述职对象，未处理。 (before the step: 不能退回，将跳过).
        /// Null when nothing is skipped.
        /// </summary>
        public string? SkippedText(string verb, bool ahead = false)
        {
            var text = (Skipped.Count > 0 ? $"以下 {Skipped.Count} 份报告{(ahead ? $"不能{verb}，将跳过" : $"未{verb}")}：{string.Join("、", Skipped)}。" : "")
                + (Unknown > 0 ? $"另有 {Unknown} 项不是本会议的述职对象，{(ahead ? "将跳过" : "未处理")}。" : "");
            return text.Length == 0 ? null : text;
        }
    }
}
