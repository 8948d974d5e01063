using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Comments;

/// <summary>
/// One comment (点评) on one reporter under 一述一评: 肯定成绩, a list of discrete 指出问题 (each later becomes a
/// problem-list item) and 提出希望/要求. Given by a commenting leader, or by a grassroots representative (基层代表)
/// whose words the organizer enters. Every change is kept in <see cref="History"/>.
/// </summary>
public sealed class Comment
{
    public const int TextMaxLength = 4000;
    public const int ProblemMaxLength = 500;
    public const int MaxProblems = 30;
    public const int NameMaxLength = 50;
    public const int IdentityMaxLength = 50;

    /// <summary>Autosaves by the same person within this window update one history entry instead of adding many.</summary>
    public static readonly TimeSpan HistoryCoalescing = TimeSpan.FromMinutes(2);

    private readonly List<CommentRevision> _history = [];
    private List<string> _problems = [];

    private Comment()
    {
        Achievements = "";
        Expectations = "";
    }

    private Comment(Guid meetingId, Guid reporterId, CommentAuthor author, Guid? leaderId, string? name, string? identity, Guid by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        MeetingId = meetingId;
        ReporterId = reporterId;
        Author = author;
        LeaderId = leaderId;
        RepresentativeName = name;
        RepresentativeIdentity = identity;
        Achievements = "";
        Expectations = "";
        Status = CommentStatus.Draft;
        UpdatedAt = now;
        _history.Add(new CommentRevision(CommentAction.Created, by, now, this));
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public Guid ReporterId { get; private set; }

    public CommentAuthor Author { get; private set; }

    /// <summary>The commenting leader's user id; null for a representative's comment.</summary>
    public Guid? LeaderId { get; private set; }

    public string? RepresentativeName { get; private set; }

    /// <summary>How the representative is introduced, e.g. 党员代表 or 群众代表.</summary>
    public string? RepresentativeIdentity { get; private set; }

    /// <summary>肯定成绩.</summary>
    public string Achievements { get; private set; }

    /// <summary>指出问题: one entry per discrete problem.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>提出希望/要求.</summary>
    public string Expectations { get; private set; }

    public CommentStatus Status { get; private set; }

    public DateTimeOffset? FinalizedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyCollection<CommentRevision> History => _history;

    public uint Version { get; private set; }

    public bool IsEmpty => Achievements.Length == 0 && _problems.Count == 0 && Expectations.Length == 0;

    public static Comment ByLeader(Guid meetingId, Guid reporterId, Guid leaderId, DateTimeOffset now) =>
        new(meetingId, reporterId, CommentAuthor.Leader, leaderId, null, null, leaderId, now);

    public static Comment ByRepresentative(Guid meetingId, Guid reporterId, string? name, string? identity, Guid enteredBy, DateTimeOffset now) =>
        new(meetingId, reporterId, CommentAuthor.Representative, null,
            Text.Required(name, NameMaxLength, "代表姓名", nameof(RepresentativeName)),
            Text.Required(identity, IdentityMaxLength, "代表身份", nameof(RepresentativeIdentity)),
            enteredBy, now);

    /// <summary>Saves the text as a draft. Returns false when nothing changed (so an idle autosave writes nothing).</summary>
    public bool Save(string? achievements, IEnumerable<string?>? problems, string? expectations, Guid by, DateTimeOffset now)
    {
        if (Status == CommentStatus.Final)
        {
            throw new DomainException("点评已提交，不能再修改。如需修改，请联系组织部门重新开放。");
        }

        var newAchievements = Text.Optional(achievements, TextMaxLength, "肯定成绩", nameof(Achievements)) ?? "";
        var newExpectations = Text.Optional(expectations, TextMaxLength, "提出希望", nameof(Expectations)) ?? "";
        var newProblems = CheckProblems(problems);
        if (newAchievements == Achievements && newExpectations == Expectations && newProblems.SequenceEqual(_problems))
        {
            return false;
        }

        Achievements = newAchievements;
        Expectations = newExpectations;
        _problems = newProblems;
        UpdatedAt = now;
        var last = _history.MaxBy(r => r.At);
        if (last is { Action: CommentAction.Edited } && last.By == by && now - last.At < HistoryCoalescing)
        {
            last.Refresh(now, this);
        }
        else
        {
            _history.Add(new CommentRevision(CommentAction.Edited, by, now, this));
        }

        return true;
    }

    /// <summary>提交点评: locks the comment; only an organizer can reopen it.</summary>
    public void Finalize(Guid by, DateTimeOffset now)
    {
        if (Status == CommentStatus.Final)
        {
            throw new DomainException("点评已提交。");
        }

        if (Achievements.Length == 0 && Expectations.Length == 0 && _problems.Count == 0)
        {
            throw new DomainException("点评内容为空，不能提交。", nameof(Achievements));
        }

        Status = CommentStatus.Final;
        FinalizedAt = now;
        UpdatedAt = now;
        _history.Add(new CommentRevision(CommentAction.Finalized, by, now, this));
    }

    public void Reopen(string? reason, Guid by, DateTimeOffset now)
    {
        if (Status != CommentStatus.Final)
        {
            throw new DomainException("点评尚未提交，无需重新开放。");
        }

        var why = Text.Required(reason, CommentRevision.ReasonMaxLength, "重新开放原因", "Reason");
        Status = CommentStatus.Draft;
        FinalizedAt = null;
        UpdatedAt = now;
        _history.Add(new CommentRevision(CommentAction.Reopened, by, now, this, why));
    }

    private static List<string> CheckProblems(IEnumerable<string?>? problems)
    {
        var list = (problems ?? []).Select(p => p?.Trim() ?? "").Where(p => p.Length > 0).ToList();
        if (list.Count > MaxProblems)
        {
            throw new DomainException($"指出问题最多{MaxProblems}条。", nameof(Problems));
        }

        if (list.Any(p => p.Length > ProblemMaxLength))
        {
            throw new DomainException($"每条问题不能超过{ProblemMaxLength}个字。", nameof(Problems));
        }

        return list;
    }
}

public enum CommentAuthor
{
    Leader,
    Representative,
}

public enum CommentStatus
{
    Draft,
    Final,
}

public enum CommentAction
{
    Created,
    Edited,
    Finalized,
    Reopened,
}

/// <summary>One entry of a comment's history: who did what when, and the text as it stood afterwards.</summary>
public sealed class CommentRevision
{
    public const int ReasonMaxLength = 200;

    private List<string> _problems = [];

    private CommentRevision()
    {
        Achievements = "";
        Expectations = "";
    }

    internal CommentRevision(CommentAction action, Guid by, DateTimeOffset at, Comment comment, string? reason = null)
    {
        Id = Guid.CreateVersion7();
        Action = action;
        By = by;
        Reason = reason;
        Achievements = "";
        Expectations = "";
        Refresh(at, comment);
    }

    public Guid Id { get; private set; }

    public CommentAction Action { get; private set; }

    public Guid By { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? Reason { get; private set; }

    public string Achievements { get; private set; }

    public IReadOnlyList<string> Problems => _problems;

    public string Expectations { get; private set; }

    internal void Refresh(DateTimeOffset at, Comment comment)
    {
        At = at;
        Achievements = comment.Achievements;
        _problems = [.. comment.Problems];
        Expectations = comment.Expectations;
    }
}
