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
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>
/// One-time ballot codes per rater group. Codes are shown once, as printable slips, right after they are made:
/// only their hashes are kept, so they can never be shown again — lost slips are voided and spares issued.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class CodesModel(MeetingAccess access, AppDbContext db) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];

    /// <summary>Slips to print, in shuffled order; only set in the response that made them.</summary>
    public IReadOnlyList<Slip> Slips { get; private set; } = [];

    public bool CanIssue => Meeting.Status is not (MeetingStatus.Closed or MeetingStatus.ResultsPublished or MeetingStatus.Archived);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostIssueAsync(Guid id, Guid groupId, int count, CancellationToken cancellationToken)
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

        var issued = BallotCode.Issue(id, group.Id.ToString(), count);
        db.BallotCodes.AddRange(issued.Select(x => x.Code));
        await db.SaveChangesAsync(cancellationToken);
        var slips = issued.Select(x => Slip.For(x.Plain, group.Name, VoteUrl(x.Plain))).ToArray();
        RandomNumberGenerator.Shuffle<Slip>(slips);
        Slips = slips;
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
        var hash = canonical is null ? null : BallotCodeFormat.Hash(canonical);
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
        Groups = meeting.Attendance.OrderBy(g => g.Order).Select(g =>
        {
            var key = g.Id.ToString();
            return new GroupRow(g.Id, g.Name, g.Expected, Count(key, BallotCodeState.Issued), Count(key, BallotCodeState.Used), Count(key, BallotCodeState.Voided),
                g.Expected + (int)Math.Ceiling(g.Expected * 0.1));
        }).ToList();
        return true;
    }

    public sealed record GroupRow(Guid Id, string Name, int Expected, int Unused, int Used, int Voided, int Suggested)
    {
        public int Issued => Unused + Used;
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
