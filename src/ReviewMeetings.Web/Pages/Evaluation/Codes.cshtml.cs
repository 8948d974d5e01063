using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Documents;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>
/// One-time ballot codes per rater group. Codes are shown once, as printable slips, right after they are made:
/// only their hashes are kept, so they can never be shown again — lost slips are voided and spares issued.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class CodesModel(MeetingAccess access, MeetingSaver saver, AppDbContext db, DocumentExport export, VotingKeys keys, BallotMixer mixer) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];

    /// <summary>Slips to print, in shuffled order; only set in the response that made them.</summary>
    public IReadOnlyList<Slip> Slips { get; private set; } = [];

    /// <summary>Paper batches keyed in but not yet counted.</summary>
    public int PendingBatches { get; private set; }

    public bool CanIssue => Meeting.Status is not (MeetingStatus.Closed or MeetingStatus.ResultsPublished or MeetingStatus.Archived);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostIssueAsync(Guid id, Guid groupId, int count, string? format, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var group = Meeting.Attendance.SingleOrDefault(g => g.Id == groupId);
        if (group is null || !CanIssue || count is < 1 or > 2000)
        {
            ModelState.AddModelError("", group is null ? "测评人类别不存在。" : !CanIssue ? "会议已结束，不能再发放测评码。" : "一次可生成1到2000个测评码。");
            return Page();
        }

        var issued = BallotCode.Issue(id, group.Id.ToString(), count, keys.CodeHashKey);
        db.BallotCodes.AddRange(issued.Select(x => x.Code));
        await db.SaveChangesAsync(cancellationToken);
        var slips = issued.Select(x => Slip.For(x.Plain, group.Name, VoteUrl(x.Plain))).ToArray();
        RandomNumberGenerator.Shuffle<Slip>(slips);
        Slips = slips;
        if (format == "pdf")
        {
            try
            {
                var pdf = await export.PdfBytesAsync("~/Documents/Slips.cshtml", new SlipsDocument(Meeting.Title, slips), cancellationToken);
                return File(pdf, "application/pdf", DocumentExport.SafeFileName($"{Meeting.Title}-{group.Name}-测评码.pdf"));
            }
            catch (PdfUnavailableException ex)
            {
                // The codes exist only in this response: fall back to the printable page rather than lose them.
                ModelState.AddModelError("", $"{ex.Message} 本次生成的测评码显示在下方，可直接打印。");
            }
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostVoidAsync(Guid id, string? code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var canonical = BallotCodeFormat.Normalize(code);
        var hash = canonical is null ? null : keys.CodeHash(canonical);
        var stored = hash is null ? null : await db.BallotCodes.SingleOrDefaultAsync(c => c.MeetingId == id && c.Hash == hash, cancellationToken);
        if (stored is null)
        {
            ModelState.AddModelError("code", "没有找到这个测评码，请核对后重新输入。");
            return Page();
        }

        try
        {
            stored.Void();
            await db.SaveChangesAsync(cancellationToken);
            TempData["Message"] = $"测评码 {BallotCodeFormat.Display(canonical!)} 已作废。";
            return RedirectToPage(new { id });
        }
        catch (Domain.Common.DomainException ex)
        {
            ModelState.AddModelError("code", ex.Message);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCloseVotingAsync(Guid id, CancellationToken cancellationToken) =>
        await ChangeVotingAsync(id, (m, by, at) => m.CloseVoting(by, at), "投票已关闭，测评码不能再使用。纸质票仍可录入。", cancellationToken);

    public async Task<IActionResult> OnPostReopenVotingAsync(Guid id, CancellationToken cancellationToken) =>
        await ChangeVotingAsync(id, (m, by, at) => m.ReopenVoting(by, at), "投票已重新开放，未使用的测评码可以继续投票。", cancellationToken);

    private async Task<IActionResult> ChangeVotingAsync(Guid id, Action<Meeting, Guid, DateTimeOffset> change, string done, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        var by = User.UserId();
        if (await saver.TrySaveAsync(meeting, meeting.Version, ModelState, () => change(meeting, by, saver.Now), prefix: ""))
        {
            // Closing seals the ballots (ADR 0011): the last waiting ones are mixed in with all the others.
            await mixer.TrySettleAsync(id, cancellationToken);
            TempData["Message"] = done;
            return RedirectToPage(new { id });
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private string VoteUrl(string code) => $"{Request.Scheme}://{Request.Host}/v/{code}";

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await access.ManageableAsync(cancellationToken)).Include(m => m.Attendance).AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        var counts = await db.BallotCodes.Where(c => c.MeetingId == id)
            .GroupBy(c => new { c.GroupKey, c.State })
            .Select(g => new { g.Key.GroupKey, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(string key, BallotCodeState state) => counts.Where(c => c.GroupKey == key && c.State == state).Sum(c => c.Count);
        var paperIssued = await db.PaperIssues.Where(p => p.MeetingId == id).ToDictionaryAsync(p => p.GroupKey, p => p.Count, cancellationToken);
        var batches = await db.PaperBatches.Where(b => b.MeetingId == id)
            .Select(b => new { b.GroupKey, b.State, b.DeclaredCount }).ToListAsync(cancellationToken);
        PendingBatches = batches.Count(b => b.State == PaperBatchState.Entering);
        Groups = meeting.Attendance.OrderBy(g => g.Order).Select(g =>
        {
            var key = g.Id.ToString();
            return new GroupRow(g.Id, g.Name, g.Expected, Count(key, BallotCodeState.Issued), Count(key, BallotCodeState.Used), Count(key, BallotCodeState.Voided),
                g.Expected + (int)Math.Ceiling(g.Expected * 0.1),
                paperIssued.GetValueOrDefault(key),
                batches.Where(b => b.GroupKey == key && b.State == PaperBatchState.Counted).Sum(b => b.DeclaredCount));
        }).ToList();
        return true;
    }

    public sealed record GroupRow(Guid Id, string Name, int Expected, int Unused, int Used, int Voided, int Suggested, int PaperIssued, int PaperCounted)
    {
        public int Issued => Unused + Used;

        /// <summary>Returned so far: phone ballots and counted paper ballots.</summary>
        public int Returned => Used + PaperCounted;
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
