using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>
/// One-time ballot codes per rater group, issued in named batches (ADR 0014). Each issuing form carries a batch id
/// made when the page was rendered, so repeating the post (refresh, double click, Back) lands on the same batch. The
/// slips are shown on the batch's own page; only the codes' hashes are kept, and the plain codes only sealed for a
/// short reprint window — after that lost slips are voided and spares issued.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class CodesModel(MeetingAccess access, MeetingSaver saver, AppDbContext db, VotingKeys keys, BallotMixer mixer, CodeReprints reprints) : PageModel
{
    public static readonly Confirmation CloseVotingConfirmation = new(
        "确定关闭投票？",
        "关闭后任何测评码都不能再使用，已收到的手机测评票随即混合封存。纸质票仍可录入。",
        "关闭投票");

    public static readonly Confirmation VoidConfirmation = new(
        "确定作废这个测评码？",
        "作废后该测评码不能再投票，也不计入发出数，且不能恢复。",
        "作废");

    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];

    public IReadOnlyList<BatchRow> Batches { get; private set; } = [];

    /// <summary>Paper batches keyed in but not yet counted.</summary>
    public int PendingBatches { get; private set; }

    public bool CanIssue => Meeting.CodesIssuable;

    /// <summary>Codes stop changing once the results are published: voiding would change published counts.</summary>
    public bool CanVoid => !Meeting.ResultsPublic;

    /// <summary>A fresh batch id for one issuing form: posting that form again finds the batch it made.</summary>
    public static Guid NewBatchId() => Guid.NewGuid();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostIssueAsync(Guid id, Guid batchId, Guid groupId, int count, string? format, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // The same form posted again: the batch exists, show it rather than issue another. A form brought back (Back)
        // and changed is not a repeat: say so rather than show a batch the user did not ask for.
        var earlier = await db.BallotCodeBatches.AsNoTracking().Where(b => b.Id == batchId && b.MeetingId == id)
            .Select(b => new { b.GroupKey, b.Count }).SingleOrDefaultAsync(cancellationToken);
        if (earlier is not null)
        {
            if (earlier.GroupKey == groupId.ToString() && earlier.Count == count)
            {
                return ToBatch(batchId, format);
            }

            ModelState.AddModelError("", $"这张表单已经生成过一批测评码（{earlier.Count}个），没有再生成。请在下方重新填写数量后生成。");
            return Page();
        }

        var group = Meeting.Attendance.SingleOrDefault(g => g.Id == groupId);
        if (group is null || !CanIssue || count is < BallotCodeBatch.MinCount or > BallotCodeBatch.MaxCount || batchId == Guid.Empty)
        {
            ModelState.AddModelError("", group is null ? "测评人类别不存在。" : !CanIssue ? BallotCodeBatch.EndedMessage
                : batchId == Guid.Empty ? "页面已过期，请刷新后重新生成。" : BallotCodeBatch.CountMessage);
            return Page();
        }

        var (batch, issued) = BallotCodeBatch.Issue(batchId, Meeting, group.Id.ToString(), count, User.UserId(), reprints.Now, keys.CodeHashKey);
        var plain = issued.Select(x => x.Plain).ToArray();
        RandomNumberGenerator.Shuffle<string>(plain);
        reprints.Keep(batch, plain);
        db.BallotCodeBatches.Add(batch);
        db.BallotCodes.AddRange(issued.Select(x => x.Code));
        try
        {
            // The batch and its codes in one transaction; two posts of one form race on the batch's primary key.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            if (!await db.BallotCodeBatches.AsNoTracking().AnyAsync(b => b.Id == batchId && b.MeetingId == id, cancellationToken))
            {
                throw;
            }
        }

        return ToBatch(batchId, format);
    }

    private RedirectToPageResult ToBatch(Guid batchId, string? format) =>
        format == "pdf"
            ? RedirectToPage("CodeBatch", "Pdf", new { id = batchId })
            : RedirectToPage("CodeBatch", new { id = batchId });

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

        if (!CanVoid)
        {
            ModelState.AddModelError("code", "测评结果已公布，测评码不能再作废。");
            return Page();
        }

        if (!this.IsConfirmed())
        {
            return this.Confirm(VoidConfirmation with { Title = $"确定作废测评码 {BallotCodeFormat.Display(canonical!)}？" });
        }

        try
        {
            stored.Void();

            // Conditional, so a vote cast with the code at this very moment is never overwritten.
            if (await db.BallotCodes.Where(c => c.Id == stored.Id && c.State != BallotCodeState.Used)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, BallotCodeState.Voided), cancellationToken) == 0)
            {
                throw new Domain.Common.DomainException("该测评码已使用，不能作废。");
            }

            TempData["Message"] = $"测评码 {BallotCodeFormat.Display(canonical!)} 已作废。";
            return RedirectToPage(new { id });
        }
        catch (Domain.Common.DomainException ex)
        {
            ModelState.AddModelError("code", ex.Message);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCloseVotingAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!this.IsConfirmed())
        {
            return await access.FindManageableAsync(id, cancellationToken) is null ? NotFound() : this.Confirm(CloseVotingConfirmation);
        }

        return await ChangeVotingAsync(id, (m, by, at) => m.CloseVoting(by, at), "投票已关闭，测评码不能再使用。纸质票仍可录入。", cancellationToken);
    }

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

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await access.ManageableAsync(cancellationToken)).Include(m => m.Attendance).AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;

        // A form rendered here carries a fresh batch id: Back must load it again, never show a used one from the cache.
        Response.Headers.CacheControl = "no-store";
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
                Count(key, BallotCodeState.NotHandedOut),
                BallotCodeBatch.SuggestedCount(g.Expected),
                paperIssued.GetValueOrDefault(key),
                batches.Where(b => b.GroupKey == key && b.State == PaperBatchState.Counted).Sum(b => b.DeclaredCount));
        }).ToList();
        var batchRows = await db.BallotCodeBatches.Where(b => b.MeetingId == id).OrderByDescending(b => b.IssuedAt)
            .Select(b => new { b.Id, b.GroupKey, b.Count, b.IssuedBy, b.IssuedAt, b.VoidedAt })
            .ToListAsync(cancellationToken);
        var issuerIds = batchRows.Select(b => b.IssuedBy).Distinct().ToList();
        var issuers = await db.Users.Where(u => issuerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var groupNames = meeting.Attendance.ToDictionary(g => g.Id.ToString(), g => g.Name);
        Batches = batchRows.Select(b => new BatchRow(b.Id, groupNames.GetValueOrDefault(b.GroupKey, ""), b.Count,
            issuers.GetValueOrDefault(b.IssuedBy, ""), b.IssuedAt, b.VoidedAt is not null)).ToList();
        return true;
    }

    public sealed record BatchRow(Guid Id, string GroupName, int Count, string IssuedBy, DateTimeOffset IssuedAt, bool Voided);

    public sealed record GroupRow(Guid Id, string Name, int Expected, int Unused, int Used, int Voided, int NotHandedOut, int Suggested, int PaperIssued, int PaperCounted)
    {
        /// <summary>发出: unused and used codes (<see cref="BallotCode.HandedOutStates"/>).</summary>
        public int Issued => Unused + Used;

        /// <summary>Every code printed for the group, whatever became of it.</summary>
        public int Printed => Unused + Used + Voided + NotHandedOut;

        /// <summary>Returned so far: phone ballots and counted paper ballots.</summary>
        public int Returned => Used + PaperCounted;
    }
}
