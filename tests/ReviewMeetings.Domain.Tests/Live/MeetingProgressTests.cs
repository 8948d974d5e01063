using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Live;

namespace ReviewMeetings.Domain.Tests.Live;

public sealed class MeetingProgressTests
{
    private static readonly Guid MeetingId = Guid.Parse("3ee70000-0000-0000-0000-000000000001");
    private static readonly Guid First = Guid.Parse("4e904000-0000-0000-0000-000000000001");
    private static readonly Guid Second = Guid.Parse("4e904000-0000-0000-0000-000000000002");
    private static readonly Guid Third = Guid.Parse("4e904000-0000-0000-0000-000000000003");
    private static readonly Guid ReportsItem = Guid.Parse("a9e4da00-0000-0000-0000-000000000001");
    private static readonly Guid EvaluationItem = Guid.Parse("a9e4da00-0000-0000-0000-000000000002");
    private static readonly DateTimeOffset T0 = new(2026, 1, 17, 1, 0, 0, TimeSpan.Zero);
    private static readonly Guid[] Order = [First, Second, Third];

    private static MeetingProgress AtLectern(Guid reporter)
    {
        var progress = MeetingProgress.Create(MeetingId, T0);
        progress.SelectReporter(reporter, T0);
        return progress;
    }

    [Fact]
    public void New_progress_has_no_reporter_and_an_idle_timer()
    {
        var progress = MeetingProgress.Create(MeetingId, T0);

        Assert.Null(progress.CurrentReporterId);
        Assert.Null(progress.CurrentAgendaItemId);
        Assert.Equal(TimerState.Idle, progress.Timer);
        Assert.Equal(TimeSpan.Zero, progress.Elapsed(T0.AddMinutes(5)));
    }

    [Fact]
    public void Running_timer_counts_from_the_server_start_time()
    {
        var progress = AtLectern(First);

        progress.Start(T0);

        Assert.Equal(TimerState.Running, progress.Timer);
        Assert.Equal(TimeSpan.FromSeconds(95), progress.Elapsed(T0.AddSeconds(95)));
    }

    [Fact]
    public void Pause_freezes_the_elapsed_time_and_resume_continues_from_it()
    {
        var progress = AtLectern(First);
        progress.Start(T0);

        progress.Pause(T0.AddSeconds(60));

        Assert.Equal(TimerState.Paused, progress.Timer);
        Assert.Equal(TimeSpan.FromSeconds(60), progress.Elapsed(T0.AddSeconds(600)));

        progress.Start(T0.AddSeconds(600));

        Assert.Equal(TimeSpan.FromSeconds(90), progress.Elapsed(T0.AddSeconds(630)));
    }

    [Fact]
    public void Stop_records_the_actual_duration_including_an_overrun()
    {
        var progress = AtLectern(First);
        progress.Start(T0);
        progress.Pause(T0.AddMinutes(2));
        progress.Start(T0.AddMinutes(3));

        var speech = progress.Stop(T0.AddMinutes(8).AddSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(450), speech.Duration);
        Assert.True(speech.Overran(6));
        Assert.False(speech.Overran(8));
        Assert.Equal(speech, progress.SpeechOf(First));
        Assert.Equal(TimerState.Idle, progress.Timer);
        Assert.Equal(First, progress.CurrentReporterId);
    }

    [Fact]
    public void A_reporter_who_has_spoken_cannot_be_started_twice()
    {
        var progress = AtLectern(First);
        progress.Start(T0);
        progress.Stop(T0.AddMinutes(5));

        var error = Assert.Throws<DomainException>(() => progress.Start(T0.AddMinutes(6)));

        Assert.Equal("该述职对象已完成述职，不能再次开始计时。", error.Message);
        Assert.Single(progress.Speeches);
    }

    [Fact]
    public void Start_while_running_is_refused()
    {
        var progress = AtLectern(First);
        progress.Start(T0);

        Assert.Throws<DomainException>(() => progress.Start(T0.AddSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(10), progress.Elapsed(T0.AddSeconds(10)));
    }

    [Fact]
    public void Start_needs_a_reporter()
    {
        var progress = MeetingProgress.Create(MeetingId, T0);

        var error = Assert.Throws<DomainException>(() => progress.Start(T0));

        Assert.Equal("请先选择述职对象。", error.Message);
    }

    [Fact]
    public void Pause_and_stop_need_a_started_timer()
    {
        var progress = AtLectern(First);

        Assert.Throws<DomainException>(() => progress.Pause(T0));
        Assert.Throws<DomainException>(() => progress.Stop(T0));
        Assert.Empty(progress.Speeches);
    }

    [Fact]
    public void Next_goes_to_the_first_reporter_when_none_is_selected()
    {
        var progress = MeetingProgress.Create(MeetingId, T0);

        progress.Next(Order, T0);

        Assert.Equal(First, progress.CurrentReporterId);
    }

    [Fact]
    public void Next_skips_reporters_who_have_already_spoken()
    {
        var progress = AtLectern(Second);
        progress.Start(T0);
        progress.Stop(T0.AddMinutes(5));
        progress.SelectReporter(First, T0.AddMinutes(6));
        progress.Start(T0.AddMinutes(6));
        progress.Stop(T0.AddMinutes(11));

        progress.Next(Order, T0.AddMinutes(12));

        Assert.Equal(Third, progress.CurrentReporterId);
    }

    [Fact]
    public void Next_after_the_last_reporter_says_all_have_spoken()
    {
        var progress = MeetingProgress.Create(MeetingId, T0);
        foreach (var reporter in Order)
        {
            progress.Next(Order, T0);
            Assert.Equal(reporter, progress.CurrentReporterId);
            progress.Start(T0);
            progress.Stop(T0.AddMinutes(1));
        }

        var error = Assert.Throws<DomainException>(() => progress.Next(Order, T0.AddMinutes(30)));

        Assert.Equal("现场述职已全部完成。", error.Message);
    }

    [Fact]
    public void Next_and_agenda_moves_are_refused_while_someone_is_speaking()
    {
        var progress = AtLectern(First);
        progress.MoveToAgendaItem(ReportsItem, T0);
        progress.Start(T0);

        Assert.Throws<DomainException>(() => progress.Next(Order, T0.AddMinutes(1)));
        Assert.Throws<DomainException>(() => progress.SelectReporter(Second, T0.AddMinutes(1)));
        Assert.Throws<DomainException>(() => progress.MoveToAgendaItem(EvaluationItem, T0.AddMinutes(1)));
        Assert.Equal(First, progress.CurrentReporterId);
        Assert.Equal(ReportsItem, progress.CurrentAgendaItemId);
    }

    [Fact]
    public void A_paused_report_must_be_stopped_before_the_next_reporter()
    {
        var progress = AtLectern(First);
        progress.Start(T0);
        progress.Pause(T0.AddMinutes(1));

        var error = Assert.Throws<DomainException>(() => progress.Next(Order, T0.AddMinutes(2)));

        Assert.Contains("请先点击“结束”", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Agenda_moves_are_explicit_and_free_between_reports()
    {
        var progress = MeetingProgress.Create(MeetingId, T0);

        progress.MoveToAgendaItem(ReportsItem, T0);
        progress.MoveToAgendaItem(EvaluationItem, T0.AddMinutes(50));

        Assert.Equal(EvaluationItem, progress.CurrentAgendaItemId);
    }

    [Fact]
    public void A_new_projector_link_replaces_the_old_and_can_be_revoked()
    {
        var progress = MeetingProgress.Create(MeetingId, T0);
        var first = progress.IssueProjectorToken(new string('a', MeetingProgress.ProjectorTokenLength), T0);
        var second = progress.IssueProjectorToken(new string('b', MeetingProgress.ProjectorTokenLength), T0);

        Assert.NotEqual(first, progress.ProjectorToken);
        Assert.Equal(second, progress.ProjectorToken);

        progress.RevokeProjectorToken(T0);

        Assert.Null(progress.ProjectorToken);
    }

    [Theory]
    [InlineData(0, TimerPhase.Normal)]
    [InlineData(299, TimerPhase.Normal)]
    [InlineData(300, TimerPhase.LastMinute)]
    [InlineData(360, TimerPhase.LastMinute)]
    [InlineData(361, TimerPhase.Over)]
    public void Countdown_turns_amber_in_the_last_minute_and_red_when_over(int seconds, TimerPhase expected) =>
        Assert.Equal(expected, SpeakingTime.Phase(TimeSpan.FromSeconds(seconds), 6));

    [Theory]
    [InlineData(0, "6:00")]
    [InlineData(18, "5:42")]
    [InlineData(359.5, "0:01")]
    [InlineData(360, "0:00")]
    [InlineData(377, "-0:17")]
    [InlineData(425, "-1:05")]
    public void Countdown_text_counts_down_then_shows_the_overrun(double seconds, string expected) =>
        Assert.Equal(expected, SpeakingTime.Countdown(TimeSpan.FromSeconds(seconds), 6));

    [Theory]
    [InlineData(45, "45秒")]
    [InlineData(372, "6分12秒")]
    [InlineData(360, "6分00秒")]
    public void Actual_speaking_time_reads_in_minutes_and_seconds(int seconds, string expected) =>
        Assert.Equal(expected, SpeakingTime.Chinese(TimeSpan.FromSeconds(seconds)));
}
