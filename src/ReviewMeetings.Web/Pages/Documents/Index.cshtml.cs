using System.IO.Compression;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Documents;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Documents;

/// <summary>
/// The meeting's printable documents for organizers: minutes (会议纪要/述职评议情况报告) with the leader's requirements
/// entered here, and the comment feedback sheets (点评意见反馈单) one by one, all in one PDF, or as a ZIP.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class IndexModel(MeetingAccess access, AppDbContext db, MeetingSaver saver, DocumentExport export, TimeProvider clock) : PageModel
{
    public const string MinutesTemplate = "~/Documents/Minutes.cshtml";
    public const string FeedbackTemplate = "~/Documents/FeedbackSheets.cshtml";

    public Meeting Meeting { get; private set; } = null!;

    [BindProperty]
    public string? Requirements { get; set; }

    [BindProperty]
    public uint Version { get; set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        Requirements = meeting.LeaderRequirements;
        Version = meeting.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostRequirementsAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        if (await saver.TrySaveAsync(meeting, Version, ModelState, () => meeting.SetLeaderRequirements(Requirements, saver.Now), prefix: ""))
        {
            Message = "领导讲话要求已保存。";
            return RedirectToPage(new { id });
        }

        Meeting = await access.ReloadForFormAsync(id, ModelState, cancellationToken);
        Version = Meeting.Version;
        return Page();
    }

    public async Task<IActionResult> OnGetMinutesAsync(Guid id, bool pdf, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        var minutes = await MinutesDocument.LoadAsync(db, id, clock.GetUtcNow(), cancellationToken);
        return pdf
            ? await export.PdfAsync(this, MinutesTemplate, minutes, $"{minutes.Meeting.Title}情况报告.pdf", cancellationToken)
            : await export.PreviewAsync(MinutesTemplate, minutes);
    }

    /// <summary>Feedback sheets: one reporter, or all of them as one PDF (format=pdf) or one PDF each in a ZIP (format=zip).</summary>
    public async Task<IActionResult> OnGetFeedbackAsync(Guid id, Guid? reporter, string? format, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        var minutes = await MinutesDocument.LoadAsync(db, id, clock.GetUtcNow(), cancellationToken);
        var chosen = minutes.Reporters.Where(r => reporter is null || r.Reporter.Id == reporter).ToList();
        if (chosen.Count == 0)
        {
            return NotFound();
        }

        var sheets = new FeedbackSheets(minutes, chosen, ShowResults: true);
        var name = chosen.Count == 1 ? $"点评意见反馈单-{chosen[0].Reporter.UnitName}" : $"{minutes.Meeting.Title}-点评意见反馈单";
        return format switch
        {
            "pdf" => await export.PdfAsync(this, FeedbackTemplate, sheets, name + ".pdf", cancellationToken),
            "zip" => await ZipAsync(sheets, name, cancellationToken),
            _ => await export.PreviewAsync(FeedbackTemplate, sheets),
        };
    }

    private async Task<IActionResult> ZipAsync(FeedbackSheets sheets, string name, CancellationToken cancellationToken)
    {
        try
        {
            // Rendered side by side; the renderer itself bounds how many run at once.
            var files = await Task.WhenAll(sheets.Reporters.Select(async reporter => (
                Name: $"{reporter.Reporter.Order?.ToString("00", System.Globalization.CultureInfo.InvariantCulture) ?? "书面"}-{reporter.Reporter.UnitName}",
                Bytes: await export.PdfBytesAsync(FeedbackTemplate, sheets with { Reporters = [reporter] }, cancellationToken))));
            using var buffer = new MemoryStream();
            var names = new ZipEntryNames();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (fileName, bytes) in files)
                {
                    var entry = zip.CreateEntry(names.Next(fileName, ".pdf", "点评意见反馈单"), CompressionLevel.Fastest);
                    await using var stream = await entry.OpenAsync(cancellationToken);
                    await stream.WriteAsync(bytes, cancellationToken);
                }
            }

            return File(buffer.ToArray(), "application/zip", DocumentExport.SafeFileName(name + ".zip"));
        }
        catch (PdfUnavailableException ex)
        {
            Error = ex.Message;
            return RedirectToPage();
        }
    }

    private async Task<Meeting?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await (await access.ManageableAsync(cancellationToken)).AsNoTracking()
            .Include(m => m.Reporters)
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
}
