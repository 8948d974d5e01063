using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Live;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>
/// One batch of paper ballots. With a side (1 or 2) it is that clerk's entry screen: one ballot at a time, one digit
/// per reporter, and only their own entries are shown. Without one it compares the two sides and counts the batch.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class BatchModel(MeetingAccess access, AppDbContext db, Saver saver, BallotProgressPush progress) : PageModel
{
    public const string ConflictMessage = "保存失败：本批次刚被他人处理过（如已比对计入），请刷新页面后查看。";

    public Meeting Meeting { get; private set; } = null!;

    public PaperBatch Batch { get; private set; } = null!;

    public EvaluationRules Rules { get; private set; } = EvaluationRules.Default;

    public IReadOnlyList<Reporter> Reporters { get; private set; } = [];

    public string GroupName { get; private set; } = "";

    public IReadOnlyDictionary<Guid, string> Clerks { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The side this page enters, or null for the comparison view.</summary>
    public EntrySide? Side { get; private set; }

    /// <summary>Why the signed-in user may not key in this side; null when they may.</summary>
    public string? Refusal { get; private set; }

    public IReadOnlyList<PaperMismatch> Mismatches { get; private set; } = [];

    /// <summary>The ballot being typed into the entry box.</summary>
    [BindProperty]
    public string? Digits { get; set; }

    /// <summary>The entered ballot whose correction was refused, and what was typed for it.</summary>
    public (int Position, string? Digits)? Editing { get; private set; }

    public bool CanEnter => Side is not null && Refusal is null && !Batch.IsComplete(Side.Value) && PaperBatch.EntryOpen(Meeting.Status);

    public async Task<IActionResult> OnGetAsync(Guid id, int? side, CancellationToken cancellationToken) =>
        await LoadAsync(id, side, tracked: false, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEnterAsync(Guid id, int side, CancellationToken cancellationToken) =>
        await ChangeAsync(id, side, PaperMarks.Field, (batch, s, clerk) =>
            batch.Enter(Meeting.Status, s, clerk, PaperMarks.Parse(Digits, ReporterIds, Rules)), cancellationToken);

    public async Task<IActionResult> OnPostCorrectAsync(Guid id, int side, int position, CancellationToken cancellationToken)
    {
        var typed = Digits;
        var result = await ChangeAsync(id, side, EntryField(position), (batch, s, clerk) =>
            batch.Correct(Meeting.Status, s, clerk, position, PaperMarks.Parse(typed, ReporterIds, Rules)), cancellationToken);
        if (result is PageResult)
        {
            Editing = (position, typed);
            Digits = null;
        }

        return result;
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, int side, int position, CancellationToken cancellationToken)
    {
        Digits = null;
        return await ChangeAsync(id, side, "", (batch, s, clerk) => batch.Remove(Meeting.Status, s, clerk, position), cancellationToken);
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, int side, CancellationToken cancellationToken) =>
        await ChangeAsync(id, side, "", (batch, s, clerk) => batch.Complete(Meeting.Status, s, clerk), cancellationToken, done: "录入完成。两遍都完成后即可比对。");

    public async Task<IActionResult> OnPostReopenAsync(Guid id, int side, CancellationToken cancellationToken) =>
        await ChangeAsync(id, side, "", (batch, s, clerk) => batch.Reopen(Meeting.Status, s, clerk), cancellationToken);

    /// <summary>Compares the two sides and, when they agree, stores the ballots and drops the entries in one save.</summary>
    public async Task<IActionResult> OnPostCountAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, side: null, tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (await saver.TrySaveAsync(ModelState, new SaveMessages(ConflictMessage) { Rule = RuleErrors.Form }, () =>
        {
            db.Ballots.AddRange(Batch.Count(Meeting.Status, ReporterIds, Rules));
        }, cancellationToken))
        {
            progress.Notify(Meeting.Id);
            TempData["Message"] = $"第{Batch.Number}批两遍录入一致，{Batch.DeclaredCount}张纸质票已计入结果。";
            return RedirectToPage("Paper", new { id = Meeting.Id });
        }

        db.ChangeTracker.Clear();
        await LoadAsync(id, side: null, tracked: false, cancellationToken);
        return Page();
    }

    public static string EntryField(int position) => $"Entries[{position}]";

    public string GradeName(char digit) => digit == PaperMarks.Blank ? "弃权"
        : digit - '1' is var index && index >= 0 && index < Rules.Grades.Count ? Rules.Grades[index].Name : digit.ToString();

    /// <summary>A short reading of an entered ballot, e.g. "好 5，较好 3，弃权 6", and whether it is void.</summary>
    public string Summary(string digits)
    {
        var counts = digits.GroupBy(c => c).OrderBy(g => g.Key == PaperMarks.Blank ? int.MaxValue : g.Key).Select(g => $"{GradeName(g.Key)} {g.Count()}");
        var text = string.Join("，", counts);
        try
        {
            return PaperMarks.Parse(digits, ReporterIds, Rules).VoidReason is { } reason ? $"{text}（废票：{reason.ChineseName()}）" : text;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
    }

    private IReadOnlyList<Guid> ReporterIds => Reporters.Select(r => r.Id).ToList();

    private async Task<IActionResult> ChangeAsync(
        Guid id, int side, string errorField, Action<PaperBatch, EntrySide, Guid> change, CancellationToken cancellationToken, string? done = null)
    {
        if (side is not (1 or 2) || !await LoadAsync(id, side, tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (await saver.TrySaveAsync(ModelState, new SaveMessages(ConflictMessage) { Rule = RuleErrors.FieldAt(errorField) }, () =>
        {
            change(Batch, Side!.Value, User.UserId());
        }, cancellationToken))
        {
            if (done is not null)
            {
                TempData["Message"] = done;
            }

            return RedirectToPage(new { id, side });
        }

        db.ChangeTracker.Clear();
        await LoadAsync(id, side, tracked: false, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, int? side, bool tracked, CancellationToken cancellationToken)
    {
        var batches = tracked ? db.PaperBatches : db.PaperBatches.AsNoTracking();
        var batch = await batches.Include(b => b.Entries).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        var meeting = batch is null ? null : await (await access.ManageableAsync(cancellationToken))
            .Include(m => m.Reporters).Include(m => m.Attendance).AsSplitQuery().AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == batch.MeetingId, cancellationToken);
        if (batch is null || meeting is null || side is not (null or 1 or 2))
        {
            return false;
        }

        Batch = batch;
        Meeting = meeting;
        Rules = meeting.EffectiveEvaluationRules;
        Reporters = meeting.InBallotOrder().ToList();
        GroupName = meeting.Attendance.SingleOrDefault(g => g.Id.ToString() == batch.GroupKey)?.Name ?? "";
        Side = side switch { 1 => EntrySide.First, 2 => EntrySide.Second, _ => null };
        Refusal = Side is { } s ? batch.RefusalFor(s, User.UserId()) : null;
        Mismatches = batch.State == PaperBatchState.Entering && batch.BothComplete ? batch.Compare() : [];
        var clerkIds = new[] { batch.FirstClerkId, batch.SecondClerkId }.OfType<Guid>().ToList();
        Clerks = await db.Users.Where(u => clerkIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return true;
    }
}
