using System.Security.Cryptography;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Evaluation;

public enum PaperBatchState
{
    Entering,
    Counted,
}

/// <summary>The two independent entries of a batch (第一遍 / 第二遍), each by a different clerk.</summary>
public enum EntrySide
{
    First,
    Second,
}

/// <summary>
/// A stack of returned paper ballots (纸质票批次) of one rater group, keyed in twice by two different clerks.
/// The batch is counted only when both entries agree ballot by ballot, in the order of the stack: then its ballots
/// become ordinary, shuffled <see cref="Ballot"/> rows and the entries (which have an order and a clerk) are removed.
/// </summary>
public sealed class PaperBatch
{
    public const int MaxBallots = 1000;

    private readonly List<PaperEntry> _entries = [];

    private PaperBatch()
    {
        GroupKey = null!;
    }

    private PaperBatch(Guid meetingId, string groupKey, int number, int declaredCount)
    {
        Id = Guid.CreateVersion7();
        MeetingId = meetingId;
        GroupKey = groupKey;
        Number = number;
        DeclaredCount = declaredCount;
        State = PaperBatchState.Entering;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public string GroupKey { get; private set; }

    /// <summary>第N批, numbered per meeting, as written on the stack's cover sheet.</summary>
    public int Number { get; private set; }

    /// <summary>How many ballots the stack holds, counted by hand before entry; each entry must reach exactly this.</summary>
    public int DeclaredCount { get; private set; }

    public PaperBatchState State { get; private set; }

    public Guid? FirstClerkId { get; private set; }

    public Guid? SecondClerkId { get; private set; }

    public bool FirstComplete { get; private set; }

    public bool SecondComplete { get; private set; }

    /// <summary>Bumped by every change, so the batch row (and its xmin) changes whenever an entry does.</summary>
    public int Revision { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyCollection<PaperEntry> Entries => _entries;

    public bool BothComplete => FirstComplete && SecondComplete;

    /// <summary>Paper ballots are keyed in once voting has started, and until the results are published.</summary>
    public static bool EntryOpen(MeetingStatus status) => status is MeetingStatus.Evaluating or MeetingStatus.Closed;

    public static PaperBatch Create(MeetingStatus status, Guid meetingId, string groupKey, int number, int declaredCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupKey);
        EnsureEntryOpen(status);
        if (declaredCount is < 1 or > MaxBallots)
        {
            throw new DomainException($"每批票数应在1到{MaxBallots}张之间。", nameof(DeclaredCount));
        }

        return new PaperBatch(meetingId, groupKey, number, declaredCount);
    }

    public Guid? ClerkOf(EntrySide side) => side == EntrySide.First ? FirstClerkId : SecondClerkId;

    public bool IsComplete(EntrySide side) => side == EntrySide.First ? FirstComplete : SecondComplete;

    public IReadOnlyList<PaperEntry> EntriesOf(EntrySide side) =>
        _entries.Where(e => e.Side == side).OrderBy(e => e.Position).ToList();

    /// <summary>Why the clerk may not key in this side, or null when they may.</summary>
    public string? RefusalFor(EntrySide side, Guid clerkId)
    {
        if (State == PaperBatchState.Counted)
        {
            return "本批次已计入结果，不能再录入。";
        }

        var other = side == EntrySide.First ? EntrySide.Second : EntrySide.First;
        if (ClerkOf(other) == clerkId)
        {
            return $"您已录入本批次的{other.ChineseName()}，同一人不能录入两遍，请由另一位工作人员录入{side.ChineseName()}。";
        }

        return ClerkOf(side) is { } clerk && clerk != clerkId
            ? $"本批次的{side.ChineseName()}已由另一位工作人员录入。"
            : null;
    }

    /// <summary>Adds the next ballot of the stack to the clerk's side; the first ballot makes the side theirs.</summary>
    public void Enter(MeetingStatus status, EntrySide side, Guid clerkId, PaperMarks marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        EnsureEditable(status, side, clerkId);
        var count = _entries.Count(e => e.Side == side);
        if (count >= DeclaredCount)
        {
            throw new DomainException($"本批次共{DeclaredCount}张，{side.ChineseName()}已全部录入。请核对后点击“录入完成”。", PaperMarks.Field);
        }

        if (side == EntrySide.First)
        {
            FirstClerkId = clerkId;
        }
        else
        {
            SecondClerkId = clerkId;
        }

        _entries.Add(new PaperEntry(Id, side, count + 1, marks.Digits));
        Revision++;
    }

    public void Correct(MeetingStatus status, EntrySide side, Guid clerkId, int position, PaperMarks marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        EnsureEditable(status, side, clerkId);
        Find(side, position).Change(marks.Digits);
        Revision++;
    }

    /// <summary>Removes a ballot keyed in by mistake (e.g. twice); the ballots after it move up one place.</summary>
    public void Remove(MeetingStatus status, EntrySide side, Guid clerkId, int position)
    {
        EnsureEditable(status, side, clerkId);
        _entries.Remove(Find(side, position));
        foreach (var later in _entries.Where(e => e.Side == side && e.Position > position))
        {
            later.MoveUp();
        }

        Revision++;
    }

    public void Complete(MeetingStatus status, EntrySide side, Guid clerkId)
    {
        EnsureEditable(status, side, clerkId);
        var count = _entries.Count(e => e.Side == side);
        if (count != DeclaredCount)
        {
            throw new DomainException($"本批次共{DeclaredCount}张，{side.ChineseName()}已录入{count}张，录满后才能完成。");
        }

        SetComplete(side, true);
    }

    /// <summary>Takes a completed side back for correction, e.g. after the comparison found a difference.</summary>
    public void Reopen(MeetingStatus status, EntrySide side, Guid clerkId)
    {
        EnsureEntering(status);
        if (!IsComplete(side))
        {
            throw new DomainException($"{side.ChineseName()}尚未完成，可以直接修改。");
        }

        if (ClerkOf(side) != clerkId)
        {
            throw new DomainException($"只有录入{side.ChineseName()}的工作人员才能修改{side.ChineseName()}。");
        }

        SetComplete(side, false);
    }

    /// <summary>Every place where the two entries differ: ballot by ballot in stack order, reporter by reporter.</summary>
    public IReadOnlyList<PaperMismatch> Compare()
    {
        var first = EntriesOf(EntrySide.First);
        var second = EntriesOf(EntrySide.Second);
        var mismatches = new List<PaperMismatch>();
        for (var i = 0; i < Math.Max(first.Count, second.Count); i++)
        {
            var a = i < first.Count ? first[i].Digits : null;
            var b = i < second.Count ? second[i].Digits : null;
            if (a is null || b is null || a.Length != b.Length)
            {
                if (a != b)
                {
                    mismatches.Add(new PaperMismatch(i + 1, null, a, b));
                }

                continue;
            }

            for (var r = 0; r < a.Length; r++)
            {
                if (a[r] != b[r])
                {
                    mismatches.Add(new PaperMismatch(i + 1, r, a[r].ToString(), b[r].ToString()));
                }
            }
        }

        return mismatches;
    }

    /// <summary>
    /// Counts the batch: both sides complete and identical. Returns its ballots in random order, and drops the entries,
    /// so nothing that records the order of the stack or who keyed it in survives next to the ballots.
    /// </summary>
    public IReadOnlyList<Ballot> Count(MeetingStatus status, IReadOnlyList<Guid> reporters, EvaluationRules rules)
    {
        EnsureEntering(status);
        if (!BothComplete)
        {
            throw new DomainException("两遍录入都完成后才能比对计入。");
        }

        if (Compare().Count > 0)
        {
            throw new DomainException("两遍录入不一致，不能计入。请对照纸质票修改有误的一遍后再比对。");
        }

        var ballots = EntriesOf(EntrySide.First)
            .Select(e => Ballot.FromPaper(MeetingId, GroupKey, PaperMarks.Parse(e.Digits, reporters, rules)))
            .ToArray();
        RandomNumberGenerator.Shuffle<Ballot>(ballots);
        _entries.Clear();
        State = PaperBatchState.Counted;
        Revision++;
        return ballots;
    }

    /// <summary>A batch set up by mistake (wrong group or number of ballots) may be dropped until it is counted.</summary>
    public void EnsureRemovable(MeetingStatus status) => EnsureEntering(status);

    private PaperEntry Find(EntrySide side, int position) =>
        _entries.SingleOrDefault(e => e.Side == side && e.Position == position)
        ?? throw new DomainException($"第{position}张不存在，可能已被删除，请刷新页面。");

    private void SetComplete(EntrySide side, bool complete)
    {
        if (side == EntrySide.First)
        {
            FirstComplete = complete;
        }
        else
        {
            SecondComplete = complete;
        }

        Revision++;
    }

    private void EnsureEditable(MeetingStatus status, EntrySide side, Guid clerkId)
    {
        EnsureEntering(status);
        if (RefusalFor(side, clerkId) is { } refusal)
        {
            throw new DomainException(refusal);
        }

        if (IsComplete(side))
        {
            throw new DomainException($"{side.ChineseName()}已标记完成。如需修改，请先点击“继续修改”。");
        }
    }

    private void EnsureEntering(MeetingStatus status)
    {
        EnsureEntryOpen(status);
        if (State == PaperBatchState.Counted)
        {
            throw new DomainException("本批次已计入结果，不能再修改。");
        }
    }

    private static void EnsureEntryOpen(MeetingStatus status)
    {
        if (!EntryOpen(status))
        {
            throw new DomainException(status < MeetingStatus.Evaluating
                ? "民主测评尚未开始，不能录入纸质票。"
                : "测评结果已公布，不能再录入纸质票。");
        }
    }
}

/// <summary>One ballot of one side, at its place in the stack. Exists only until the batch is counted.</summary>
public sealed class PaperEntry
{
    private PaperEntry()
    {
        Digits = null!;
    }

    internal PaperEntry(Guid batchId, EntrySide side, int position, string digits)
    {
        Id = Guid.NewGuid();
        BatchId = batchId;
        Side = side;
        Position = position;
        Digits = digits;
    }

    public Guid Id { get; private set; }

    public Guid BatchId { get; private set; }

    public EntrySide Side { get; private set; }

    /// <summary>The ballot's place in the stack, from 1.</summary>
    public int Position { get; private set; }

    public string Digits { get; private set; }

    internal void Change(string digits) => Digits = digits;

    internal void MoveUp() => Position--;
}

/// <summary>
/// A difference between the two entries: at ballot <see cref="Position"/>, for the reporter at
/// <see cref="ReporterIndex"/> (ballot order, from 0), the digit each side keyed. A ballot that only one side
/// has (or of a different length) has no reporter index and carries the whole digit strings.
/// </summary>
public sealed record PaperMismatch(int Position, int? ReporterIndex, string? First, string? Second);

public static class EntrySideNames
{
    public static string ChineseName(this EntrySide side) => side switch
    {
        EntrySide.First => "第一遍",
        EntrySide.Second => "第二遍",
        _ => throw new ArgumentOutOfRangeException(nameof(side)),
    };
}
