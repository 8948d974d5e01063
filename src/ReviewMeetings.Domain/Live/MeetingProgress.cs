using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Live;

/// <summary>
/// Where a meeting stands while it runs: the current agenda item, the current on-site reporter and their speaking timer,
/// and how long each reporter actually spoke. Kept apart from <see cref="Meetings.Meeting"/> so that pressing Start or
/// Pause at the console never collides with an edit of the meeting's schedule.
/// </summary>
public sealed class MeetingProgress
{
    public const int ProjectorTokenLength = 32;

    private readonly List<Speech> _speeches = [];

    private MeetingProgress()
    {
    }

    private MeetingProgress(Guid meetingId, DateTimeOffset now)
    {
        MeetingId = meetingId;
        UpdatedAt = now;
    }

    public Guid MeetingId { get; private set; }

    public Guid? CurrentAgendaItemId { get; private set; }

    public Guid? CurrentReporterId { get; private set; }

    /// <summary>When the timer last started or resumed; null while it is not running.</summary>
    public DateTimeOffset? RunningSince { get; private set; }

    /// <summary>Speaking time of the current reporter before the last start or resume.</summary>
    public TimeSpan ElapsedBeforeRun { get; private set; }

    public TimerState Timer => RunningSince is not null ? TimerState.Running
        : ElapsedBeforeRun > TimeSpan.Zero ? TimerState.Paused
        : TimerState.Idle;

    /// <summary>Finished on-site reports with their actual duration, in the order they were given.</summary>
    public IReadOnlyList<Speech> Speeches => _speeches;

    /// <summary>The secret of the read-only projector link (大屏链接); null when no link is active.</summary>
    public string? ProjectorToken { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public static MeetingProgress Create(Guid meetingId, DateTimeOffset now) => new(meetingId, now);

    public TimeSpan Elapsed(DateTimeOffset now) =>
        ElapsedBeforeRun + (RunningSince is { } since && now > since ? now - since : TimeSpan.Zero);

    public Speech? SpeechOf(Guid reporterId) => _speeches.FirstOrDefault(s => s.ReporterId == reporterId);

    /// <summary>Moves to another agenda item (述职与点评 → 民主测评 → 领导讲话); never while someone is speaking.</summary>
    public void MoveToAgendaItem(Guid agendaItemId, DateTimeOffset now)
    {
        EnsureNotSpeaking("切换议程");
        CurrentAgendaItemId = agendaItemId;
        UpdatedAt = now;
    }

    /// <summary>Puts a reporter at the lectern. A paused report must be finished first so its time is not lost.</summary>
    public void SelectReporter(Guid reporterId, DateTimeOffset now)
    {
        if (CurrentReporterId == reporterId)
        {
            return;
        }

        EnsureNotSpeaking("切换述职对象");
        if (Timer == TimerState.Paused)
        {
            throw new DomainException("当前述职已暂停但尚未结束，请先点击“结束”记录其用时。");
        }

        CurrentReporterId = reporterId;
        UpdatedAt = now;
    }

    /// <summary>The next on-site reporter in speaking order who has not spoken yet.</summary>
    public void Next(IReadOnlyList<Guid> speakingOrder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(speakingOrder);
        EnsureNotSpeaking("进入下一位");
        var start = CurrentReporterId is { } current ? speakingOrder.ToList().IndexOf(current) + 1 : 0;
        var next = speakingOrder.Skip(start).Concat(speakingOrder.Take(start)).FirstOrDefault(id => SpeechOf(id) is null);
        if (next == Guid.Empty)
        {
            throw new DomainException("现场述职已全部完成。");
        }

        SelectReporter(next, now);
    }

    public void Start(DateTimeOffset now)
    {
        if (CurrentReporterId is not { } reporterId)
        {
            throw new DomainException("请先选择述职对象。");
        }

        if (SpeechOf(reporterId) is not null)
        {
            throw new DomainException("该述职对象已完成述职，不能再次开始计时。");
        }

        if (Timer == TimerState.Running)
        {
            throw new DomainException("计时已在进行中。");
        }

        RunningSince = now;
        UpdatedAt = now;
    }

    public void Pause(DateTimeOffset now)
    {
        if (RunningSince is null)
        {
            throw new DomainException("计时未在进行，无法暂停。");
        }

        ElapsedBeforeRun = Elapsed(now);
        RunningSince = null;
        UpdatedAt = now;
    }

    /// <summary>Ends the current report and records how long it took (overruns stay visible afterwards).</summary>
    public Speech Stop(DateTimeOffset now)
    {
        if (CurrentReporterId is not { } reporterId || Timer == TimerState.Idle)
        {
            throw new DomainException("计时尚未开始，无法结束。");
        }

        var speech = new Speech(reporterId, Elapsed(now), now);
        _speeches.Add(speech);
        ElapsedBeforeRun = TimeSpan.Zero;
        RunningSince = null;
        UpdatedAt = now;
        return speech;
    }

    /// <summary>Issues a new projector link; any earlier link stops working.</summary>
    public string IssueProjectorToken(string token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length != ProjectorTokenLength)
        {
            throw new ArgumentException("A projector token has a fixed length.", nameof(token));
        }

        ProjectorToken = token;
        UpdatedAt = now;
        return token;
    }

    public void RevokeProjectorToken(DateTimeOffset now)
    {
        ProjectorToken = null;
        UpdatedAt = now;
    }

    private void EnsureNotSpeaking(string action)
    {
        if (Timer == TimerState.Running)
        {
            throw new DomainException($"正在计时，不能{action}。请先暂停或结束当前述职。");
        }
    }
}

public enum TimerState
{
    Idle,
    Running,
    Paused,
}

/// <summary>One finished on-site report and how long it actually took.</summary>
public sealed record Speech(Guid ReporterId, TimeSpan Duration, DateTimeOffset EndedAt)
{
    public bool Overran(int timeLimitMinutes) => Duration > TimeSpan.FromMinutes(timeLimitMinutes);
}

/// <summary>How the countdown looks: normal, amber in the last minute, red once over the limit.</summary>
public enum TimerPhase
{
    Normal,
    LastMinute,
    Over,
}

public static class SpeakingTime
{
    public static TimerPhase Phase(TimeSpan elapsed, int timeLimitMinutes)
    {
        var remaining = TimeSpan.FromMinutes(timeLimitMinutes) - elapsed;
        return remaining < TimeSpan.Zero ? TimerPhase.Over
            : remaining <= TimeSpan.FromMinutes(1) ? TimerPhase.LastMinute
            : TimerPhase.Normal;
    }

    /// <summary>"5:42", or "-0:17" once over: what the countdown shows.</summary>
    public static string Countdown(TimeSpan elapsed, int timeLimitMinutes)
    {
        var remaining = TimeSpan.FromMinutes(timeLimitMinutes) - elapsed;
        var seconds = (long)Math.Ceiling(Math.Abs(remaining.TotalSeconds) - 0.0005);
        var text = $"{seconds / 60}:{seconds % 60:00}";
        return remaining < TimeSpan.Zero && seconds > 0 ? "-" + text : text;
    }

    /// <summary>"6分12秒": an actual speaking time as the minutes print it.</summary>
    public static string Chinese(TimeSpan duration)
    {
        var seconds = (long)Math.Round(duration.TotalSeconds, MidpointRounding.AwayFromZero);
        return seconds >= 60 ? $"{seconds / 60}分{seconds % 60:00}秒" : $"{seconds}秒";
    }
}
