using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Live;

/// <summary>
/// Pushes <see cref="LiveState"/> to every screen of a meeting. A client joins a meeting's group only after the same
/// visibility check the pages use (or with a valid projector link), and gets the current state back at once, so a
/// screen that reconnects after a Wi-Fi drop catches up immediately.
/// </summary>
[AllowAnonymous]
public sealed class LiveHub(MeetingAccess access, LiveStateReader reader, AppDbContext db, IHttpContextAccessor httpContextAccessor) : Hub
{
    public const string Path = "/hubs/live";
    public const string StateMessage = "state";

    public const string RevokedMessage = "revoked";

    public static string Group(Guid meetingId) => $"meeting:{meetingId:N}";

    /// <summary>Projector-link screens sit in a group named after the link, so a revoked link stops receiving at once.</summary>
    public static string ScreenGroup(Guid meetingId, string token) => $"meeting:{meetingId:N}:screen:{token}";

    [Authorize(Roles = $"{RoleNames.MeetingStaff},{RoleNames.Leader},{RoleNames.Observer}")]
    public async Task<LiveState> JoinMeeting(Guid meetingId)
    {
        // MeetingAccess reads the user from the HTTP context; a hub invocation carries its own.
        httpContextAccessor.HttpContext ??= Context.GetHttpContext();
        var visible = await access.VisibleAsync(Context.ConnectionAborted);
        if (!await visible.AnyAsync(m => m.Id == meetingId, Context.ConnectionAborted))
        {
            throw new HubException("无权查看该会议。");
        }

        return await JoinAsync(meetingId);
    }

    public async Task<LiveState> JoinProjector(string token)
    {
        var meetingId = string.IsNullOrEmpty(token)
            ? null
            : await db.MeetingProgress.Where(p => p.ProjectorToken == token).Select(p => (Guid?)p.MeetingId).SingleOrDefaultAsync(Context.ConnectionAborted);
        return meetingId is { } id ? await JoinAsync(id, ScreenGroup(id, token)) : throw new HubException("大屏链接无效或已被收回。");
    }

    private async Task<LiveState> JoinAsync(Guid meetingId, string? group = null)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, group ?? Group(meetingId), Context.ConnectionAborted);
        return await reader.ReadAsync(meetingId, Context.ConnectionAborted) ?? throw new HubException("会议不存在。");
    }
}

/// <summary>Sends the fresh state of a meeting to everyone watching it.</summary>
public sealed class LiveBroadcaster(IHubContext<LiveHub> hub, LiveStateReader reader, AppDbContext db)
{
    public async Task<LiveState?> PublishAsync(Guid meetingId, CancellationToken cancellationToken = default)
    {
        var state = await reader.ReadAsync(meetingId, cancellationToken);
        if (state is not null)
        {
            var token = await db.MeetingProgress.Where(p => p.MeetingId == meetingId).Select(p => p.ProjectorToken).SingleOrDefaultAsync(cancellationToken);
            var groups = token is null ? [LiveHub.Group(meetingId)] : new[] { LiveHub.Group(meetingId), LiveHub.ScreenGroup(meetingId, token) };
            await hub.Clients.Groups(groups).SendAsync(LiveHub.StateMessage, state, cancellationToken);
        }

        return state;
    }

    /// <summary>Tells the screens of a withdrawn projector link that it no longer works.</summary>
    public Task RevokeAsync(Guid meetingId, string token, CancellationToken cancellationToken = default) =>
        hub.Clients.Group(LiveHub.ScreenGroup(meetingId, token)).SendAsync(LiveHub.RevokedMessage, cancellationToken);
}
