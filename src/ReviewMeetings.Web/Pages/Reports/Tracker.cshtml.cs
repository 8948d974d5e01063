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

/// <summary>Staff track every reporter's written report: return for revision, mark reviewed, reopen after the deadline, download all.</summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class TrackerModel(MeetingAccess meetings, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

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

    /// <summary>Every submitted report in one ZIP, named 序号_单位_书记 so the files sort in speaking order.</summary>
    public async Task<IActionResult> OnGetZipAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
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
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var reporter = Meeting.Reporters.SingleOrDefault(r => r.Id == reporterId);
        if (reporter is null)
        {
            return NotFound();
        }

        var messages = new SaveMessages("保存失败：该报告刚被修改，请刷新页面后重试。")
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
            return RedirectToPage(new { id, Status });
        }

        db.ChangeTracker.Clear();
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await meetings.ManageableAsync(cancellationToken))
            .Include(m => m.Reporters).AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        var today = BeijingTime.Today(clock);
        var reports = await db.WrittenReports.Where(r => r.MeetingId == id)
            .Select(r => new { r.ReporterId, r.Status, r.Reopened, r.ReturnReason, r.UpdatedAt, Count = r.Versions.Count, Submitted = r.Versions.Any(v => v.Submitted) })
            .ToDictionaryAsync(r => r.ReporterId, cancellationToken);
        Rows = meeting.InBallotOrder()
            .Select(r =>
            {
                var report = reports.GetValueOrDefault(r.Id);
                var text = report is null || report.Count == 0 ? ReportNames.NotSubmitted : report.Status.ChineseName();
                return new Row(r, text, report?.Count ?? 0, report?.Count > 0 ? report.UpdatedAt : null, report?.Status,
                    report?.ReturnReason, CanReopen: !WrittenReport.IsOpen(report?.Reopened ?? false, report?.Status ?? ReportStatus.Draft, meeting.WrittenReportDeadline, today));
            })
            .Where(r => string.IsNullOrEmpty(Status) || r.StatusText == Status)
            .ToList();
        return true;
    }

    public sealed record Row(Reporter Reporter, string StatusText, int Versions, DateTimeOffset? LastChange, ReportStatus? Status, string? ReturnReason, bool CanReopen);
}
