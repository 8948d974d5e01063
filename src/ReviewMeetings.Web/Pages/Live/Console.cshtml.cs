using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Live;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Live;

/// <summary>
/// The organizer's console at the control desk: agenda, current reporter, speaking timer and the projector link. Every
/// button is a plain form; with JavaScript the page posts in the background and all screens follow through SignalR.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class ConsoleModel(MeetingAccess access, AppDbContext db, Saver saver, LiveStateReader reader, LiveBroadcaster broadcaster, TimeProvider clock)
    : PageModel
{
    public const string ConflictMessage = "操作未生效：会议进程刚被他人更新，请查看最新状态后重试。";

    public LiveState State { get; private set; } = null!;

    public string? ProjectorToken { get; private set; }

    /// <summary>Kept under its own key: the layout also shows TempData["Message"], and the page places this one itself.</summary>
    [TempData(Key = "LiveMessage")]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    /// <summary>The meeting's date, for the warning when the meeting is started on another day.</summary>
    public DateOnly? MeetingDate { get; private set; }

    /// <summary>开始会议, worded as on the status page.</summary>
    public Confirmation StartSessionConfirmation => MeetingConfirmations.StartSession(MeetingDate, clock.GetUtcNow());

    /// <summary>开始民主测评, worded as on the status page.</summary>
    public Confirmation StartEvaluationConfirmation => MeetingConfirmations.StartEvaluation;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await access.ManageableAsync(cancellationToken)).Where(m => m.Id == id)
            .Select(m => new { m.Date }).SingleOrDefaultAsync(cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        MeetingDate = meeting.Date;
        State = (await reader.ReadAsync(id, cancellationToken))!;
        ProjectorToken = await db.MeetingProgress.Where(p => p.MeetingId == id).Select(p => p.ProjectorToken).SingleOrDefaultAsync(cancellationToken);
        return Page();
    }

    /// <summary>The panel alone, re-rendered when a pushed state arrives.</summary>
    public async Task<IActionResult> OnGetPanelAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await OnGetAsync(id, cancellationToken);
        return result is PageResult ? Partial("_ConsolePanel", this) : result;
    }

    public Task<IActionResult> OnPostStartAsync(Guid id) =>
        ActAsync(id, (meeting, progress, now) =>
        {
            meeting.EnsureUnderWay();
            var resumed = progress.Timer == TimerState.Paused;
            progress.Start(now);
            return resumed ? "继续计时。" : "开始计时。";
        });

    public Task<IActionResult> OnPostPauseAsync(Guid id) =>
        ActAsync(id, (_, progress, now) =>
        {
            progress.Pause(now);
            return "已暂停计时。";
        });

    public Task<IActionResult> OnPostStopAsync(Guid id) =>
        ActAsync(id, (meeting, progress, now) =>
        {
            var speech = progress.Stop(now);
            var over = speech.Overran(meeting.TimeLimitMinutes) ? "（超时）" : "";
            return $"述职结束，用时{SpeakingTime.Chinese(speech.Duration)}{over}。";
        });

    public Task<IActionResult> OnPostNextAsync(Guid id) =>
        ActAsync(id, (meeting, progress, now) =>
        {
            meeting.EnsureUnderWay();
            progress.Next(meeting.OnSite().Select(r => r.Id).ToList(), now);
            return "已切换到下一位述职对象。";
        });

    public Task<IActionResult> OnPostSelectAsync(Guid id, Guid reporterId) =>
        ActAsync(id, (meeting, progress, now) =>
        {
            meeting.EnsureUnderWay();
            if (!meeting.OnSite().Any(r => r.Id == reporterId))
            {
                throw new DomainException("只能选择现场述职的述职对象。");
            }

            progress.SelectReporter(reporterId, now);
            return "已切换述职对象。";
        });

    public Task<IActionResult> OnPostAgendaAsync(Guid id, Guid agendaItemId) =>
        ActAsync(id, (meeting, progress, now) =>
        {
            meeting.EnsureUnderWay();
            var item = meeting.Agenda.SingleOrDefault(a => a.Id == agendaItemId)
                ?? throw new DomainException("议程不存在，可能已被修改，请刷新页面。");
            progress.MoveToAgendaItem(item.Id, now);
            return $"当前议程：{item.Title}。";
        });

    public Task<IActionResult> OnPostStartSessionAsync(Guid id) =>
        ActAsync(id, meeting => MeetingConfirmations.StartSession(meeting.Date, clock.GetUtcNow()), (meeting, progress, now) =>
        {
            meeting.StartSession(User.UserId(), now);
            if (meeting.Agenda.OrderBy(a => a.Order).FirstOrDefault() is { } first)
            {
                progress.MoveToAgendaItem(first.Id, now);
            }

            return "会议开始。";
        });

    public Task<IActionResult> OnPostStartEvaluationAsync(Guid id) =>
        ActAsync(id, _ => MeetingConfirmations.StartEvaluation, (meeting, progress, now) =>
        {
            if (progress.Timer == TimerState.Running)
            {
                throw new DomainException("正在计时，请先结束当前述职。");
            }

            meeting.StartEvaluation(User.UserId(), now);
            if (meeting.Agenda.FirstOrDefault(a => a.Kind == AgendaItemKind.Evaluation) is { } item)
            {
                progress.MoveToAgendaItem(item.Id, now);
            }

            return "民主测评开始，测评码已可使用。";
        });

    public async Task<IActionResult> OnPostProjectorLinkAsync(Guid id)
    {
        var old = await db.MeetingProgress.Where(p => p.MeetingId == id).Select(p => p.ProjectorToken).SingleOrDefaultAsync();
        var result = await ActAsync(id, (_, progress, now) =>
        {
            progress.IssueProjectorToken(NewToken(), now);
            return old is null ? "已生成大屏链接。" : "已生成新的大屏链接，旧链接随即失效。";
        });
        await TellRevokedScreensAsync(id, old);
        return result;
    }

    public async Task<IActionResult> OnPostRevokeProjectorAsync(Guid id)
    {
        var old = await db.MeetingProgress.Where(p => p.MeetingId == id).Select(p => p.ProjectorToken).SingleOrDefaultAsync();
        var result = await ActAsync(id, (_, progress, now) =>
        {
            progress.RevokeProjectorToken(now);
            return "大屏链接已收回。";
        });
        await TellRevokedScreensAsync(id, old);
        return result;
    }

    private async Task TellRevokedScreensAsync(Guid id, string? old)
    {
        var current = await db.MeetingProgress.Where(p => p.MeetingId == id).Select(p => p.ProjectorToken).SingleOrDefaultAsync();
        if (old is not null && current != old)
        {
            await broadcaster.RevokeAsync(id, old);
        }
    }

    private static string NewToken() =>
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(MeetingProgress.ProjectorTokenLength / 2));

    private Task<IActionResult> ActAsync(Guid id, Func<Meeting, MeetingProgress, DateTimeOffset, string> change) =>
        ActAsync(id, confirmation: null, change);

    /// <summary>
    /// Loads the meeting and its progress, applies one change, saves once, and tells every screen. A step that cannot be
    /// undone comes with its <paramref name="confirmation"/>: unconfirmed, it changes nothing and answers with the
    /// confirmation page (live-console.js only posts such a form in the background once confirm.js has confirmed it).
    /// </summary>
    private async Task<IActionResult> ActAsync(
        Guid id, Func<Meeting, Confirmation>? confirmation, Func<Meeting, MeetingProgress, DateTimeOffset, string> change)
    {
        var meeting = await access.FindManageableAsync(id, HttpContext.RequestAborted);
        if (meeting is null)
        {
            return NotFound();
        }

        if (confirmation is not null && !this.IsConfirmed())
        {
            return this.Confirm(confirmation(meeting));
        }

        var now = clock.GetUtcNow();
        var progress = await db.MeetingProgress.SingleOrDefaultAsync(p => p.MeetingId == id, HttpContext.RequestAborted);
        if (progress is null)
        {
            progress = MeetingProgress.Create(id, now);
            db.MeetingProgress.Add(progress);
        }

        string? message = null;
        var failure = await saver.TrySaveAsync(() => message = change(meeting, progress, now), HttpContext.RequestAborted);
        var error = failure?.MessageOr(ConflictMessage);

        var state = await broadcaster.PublishAsync(id, HttpContext.RequestAborted);
        if (Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            return new JsonResult(new { message = error is null ? message : null, error, state })
            {
                StatusCode = error is null ? StatusCodes.Status200OK : StatusCodes.Status409Conflict,
            };
        }

        Message = error is null ? message : null;
        Error = error;
        return RedirectToPage(new { id });
    }
}
