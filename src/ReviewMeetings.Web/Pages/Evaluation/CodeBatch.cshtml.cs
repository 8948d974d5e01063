using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Documents;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>
/// One batch of ballot codes (ADR 0014): who issued how many for which group, and when. The person who issued it can
/// print its slips (page or PDF) again within <see cref="CodeReprints.Window"/>; after that, or for anyone else, the
/// codes are gone for good. A batch whose slips were never handed out can be voided as a whole, with a reason.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class CodeBatchModel(MeetingAccess access, AppDbContext db, Saver saver, CodeReprints reprints, DocumentExport export) : PageModel
{
    public BallotCodeBatch Batch { get; private set; } = null!;

    public Meeting Meeting { get; private set; } = null!;

    public string GroupName { get; private set; } = "";

    public string IssuedBy { get; private set; } = "";

    /// <summary>Codes stop changing once the results are published: voiding would change published counts.</summary>
    public bool CanVoid => !Batch.Voided && !Meeting.ResultsPublic;

    /// <summary>The slips to print, when the current user may still see them; empty otherwise.</summary>
    public IReadOnlyList<Slip> Slips { get; private set; } = [];

    public TimeSpan ReprintWindow => reprints.Window;

    public int ReprintMinutes => (int)reprints.Window.TotalMinutes;

    [BindProperty]
    public string? Reason { get; set; }

    public Confirmation VoidConfirmation => new(
        "确定整批作废这些测评码？",
        $"本批{Batch.Count}个测评码将全部作废，不能再投票，也不计入发出数，且不能恢复。只有测评票从未发出时才可整批作废。",
        "整批作废");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Slips.Count == 0)
        {
            return Page();
        }

        try
        {
            var pdf = await export.PdfBytesAsync("~/Documents/Slips.cshtml", new SlipsDocument(Meeting.Title, Slips), cancellationToken);
            return File(pdf, "application/pdf", DocumentExport.SafeFileName($"{Meeting.Title}-{GroupName}-测评码.pdf"));
        }
        catch (PdfUnavailableException ex)
        {
            ModelState.AddModelError("", $"{ex.Message} 测评码显示在下方，可直接打印。");
            return Page();
        }
    }

    public async Task<IActionResult> OnPostVoidAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Meeting.ResultsPublic)
        {
            ModelState.AddModelError("", "测评结果已公布，测评码不能再作废。");
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), "请填写作废原因");
            return Page();
        }

        if (!this.IsConfirmed())
        {
            return this.Confirm(VoidConfirmation);
        }

        // No version from the form: reading the page after the reprint window erases the sealed codes, which changes
        // the row without anyone editing it. What matters is checked here: not voided (the domain) and no code used
        // (the conditional update below), both against the row as stored now.
        var batch = await db.BallotCodeBatches.SingleAsync(b => b.Id == id, cancellationToken);
        var codes = await db.BallotCodes.AsNoTracking().Where(c => c.BatchId == id).ToListAsync(cancellationToken);
        var failure = await saver.TrySaveAsync(async () =>
        {
            batch.Void(Reason, User.UserId(), reprints.Now, codes);

            // The codes change in one conditional statement, never over a vote: a voter using a code at this moment
            // either waits for this transaction and then finds the code voided, or was first, and then nothing is voided.
            // The saver saves the batch and commits in the same transaction.
            await db.BallotCodes.Where(c => c.BatchId == id && c.State != BallotCodeState.Used)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, BallotCodeState.Voided), cancellationToken);
            if (await db.BallotCodes.AnyAsync(c => c.BatchId == id && c.State == BallotCodeState.Used, cancellationToken))
            {
                throw new DbUpdateConcurrencyException();
            }
        }, cancellationToken);
        if (failure?.Rule is { } rule)
        {
            ModelState.AddModelError(rule.Field == nameof(BallotCodeBatch.VoidReason) ? nameof(Reason) : "", rule.Message);
            return Page();
        }

        if (failure is not null)
        {
            // A code was used, or the batch changed, since the page was read: nothing was voided.
            ModelState.AddModelError("", "本批测评码刚被他人修改或已有测评码投票，未作废。请查看最新状态后再试。");
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        TempData["Message"] = $"本批{batch.Count}个测评码已整批作废。";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var batch = await db.BallotCodeBatches.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        var meeting = batch is null ? null
            : await (await access.ManageableAsync(cancellationToken)).Include(m => m.Attendance).AsNoTracking()
                .SingleOrDefaultAsync(m => m.Id == batch.MeetingId, cancellationToken);
        if (batch is null || meeting is null)
        {
            return false;
        }

        // Past the window the sealed codes go as soon as anyone looks, whether or not the sweep has come by.
        if (batch.ForgetExpired(reprints.Now, reprints.Window))
        {
            // Changed meanwhile (voided, or the sweep erased them): the reload below shows what is stored now.
            await saver.TrySaveAsync(() => { }, cancellationToken);

            db.ChangeTracker.Clear();
            batch = await db.BallotCodeBatches.SingleAsync(b => b.Id == id, cancellationToken);
        }

        Batch = batch;
        Meeting = meeting;
        GroupName = meeting.Attendance.SingleOrDefault(g => g.Id.ToString() == batch.GroupKey)?.Name ?? "";
        IssuedBy = await db.Users.Where(u => u.Id == batch.IssuedBy).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";

        // The slips hold live codes: never kept by the browser or a proxy, so Back or History cannot show them again.
        Response.Headers.CacheControl = "no-store";
        var codes = reprints.Codes(batch, User.UserId());
        Slips = codes?.Select(code => Slip.For(code, GroupName, $"{Request.Scheme}://{Request.Host}/v/{code}")).ToList() ?? [];
        return true;
    }

    public sealed record Slip(string Display, string GroupName, string Url, string QrDataUri)
    {
        public static Slip For(string code, string groupName, string url)
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
            var png = new PngByteQRCode(data).GetGraphic(4);
            return new Slip(BallotCodeFormat.Display(code), groupName, url, "data:image/png;base64," + Convert.ToBase64String(png));
        }
    }
}
