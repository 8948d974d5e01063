using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Pages.Live;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;
using static ReviewMeetings.Web.Tests.Pages.Live.ConsoleTests;

namespace ReviewMeetings.Web.Tests.Pages.Live;

public sealed class LiveHubTests : AppTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private async Task<Guid> MeetingAsync(bool leaderAssigned = true)
    {
        var builder = new MeetingBuilder().OnSite(Dongcheng, Xicheng, Nanhu).Published();
        return await DbAsync(db => (leaderAssigned ? builder.CommentedBy("leader") : builder).SaveAsync(db));
    }

    /// <summary>Signs in through the login page and returns the session plus its cookies, for a hub client to send.</summary>
    private async Task<(Session Session, string Cookies)> SignInWithCookiesAsync(string userName)
    {
        var jar = new CookieContainer();
        var session = new Session(Factory.CreateDefaultClient(new CookieContainerHandler(jar)));
        var response = await session.SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = userName, ["Input.Password"] = DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (session, jar.GetCookieHeader(Factory.Server.BaseAddress));
    }

    private HubConnection Connect(string? cookies) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Factory.Server.BaseAddress, LiveHub.Path.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => Factory.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                if (cookies is not null)
                {
                    options.Headers["Cookie"] = cookies;
                }
            })
            .Build();

    private static Channel<LiveState> Listen(HubConnection connection)
    {
        var states = Channel.CreateUnbounded<LiveState>();
        connection.On<LiveState>(LiveHub.StateMessage, state => states.Writer.TryWrite(state));
        return states;
    }

    private static async Task<LiveState> NextWhereAsync(Channel<LiveState> states, Func<LiveState, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var state = await states.Reader.ReadAsync(timeout.Token);
            if (condition(state))
            {
                return state;
            }
        }
    }

    private static async Task PressAsync(Session organizer, Guid id, string handler)
    {
        var page = await organizer.GetAsync($"/Live/Console/{id}");
        using var first = await organizer.SubmitAsync(page, $"form[action$='handler={handler}']", []);
        using var confirmed = handler is "StartSession" or "StartEvaluation" ? await organizer.ConfirmAsync(first) : null;
        Assert.Equal(HttpStatusCode.Redirect, (confirmed ?? first).StatusCode);
    }

    [Fact]
    public async Task Console_leader_and_projector_receive_the_same_state_when_the_organizer_acts()
    {
        var id = await MeetingAsync();
        var (organizer, organizerCookies) = await SignInWithCookiesAsync("organizer");
        var (_, leaderCookies) = await SignInWithCookiesAsync("leader");
        await PressAsync(organizer, id, "ProjectorLink");
        var token = await DbAsync(db => db.MeetingProgress.Where(p => p.MeetingId == id).Select(p => p.ProjectorToken).SingleAsync());
        await using var console = Connect(organizerCookies);
        await using var pad = Connect(leaderCookies);
        await using var projector = Connect(cookies: null);
        var consoleStates = Listen(console);
        var padStates = Listen(pad);
        var projectorStates = Listen(projector);
        await Task.WhenAll(console.StartAsync(), pad.StartAsync(), projector.StartAsync());

        var joined = await console.InvokeAsync<LiveState>(nameof(LiveHub.JoinMeeting), id);
        await pad.InvokeAsync<LiveState>(nameof(LiveHub.JoinMeeting), id);
        await projector.InvokeAsync<LiveState>(nameof(LiveHub.JoinProjector), token);
        Assert.Null(joined.Current);

        await PressAsync(organizer, id, "StartSession");
        await PressAsync(organizer, id, "Next");
        await PressAsync(organizer, id, "Start");

        var seen = await Task.WhenAll(
            NextWhereAsync(consoleStates, s => s.Timer.State == "Running"),
            NextWhereAsync(padStates, s => s.Timer.State == "Running"),
            NextWhereAsync(projectorStates, s => s.Timer.State == "Running"));
        Assert.All(seen, s => Assert.Equal(Dongcheng, s.Current?.UnitName));
        Assert.All(seen, s => Assert.Equal("InSession", s.Status));
        Assert.Single(seen.Select(s => (s.Current!.Id, s.ServerNow - s.Timer.ElapsedMs)).Distinct());
        organizer.Dispose();
    }

    [Fact]
    public async Task A_client_that_joins_again_after_a_drop_gets_the_current_state_at_once()
    {
        var id = await MeetingAsync();
        var (organizer, cookies) = await SignInWithCookiesAsync("organizer");
        await PressAsync(organizer, id, "StartSession");
        await PressAsync(organizer, id, "Next");
        await PressAsync(organizer, id, "Start");
        await using var late = Connect(cookies);
        await late.StartAsync();

        var state = await late.InvokeAsync<LiveState>(nameof(LiveHub.JoinMeeting), id);

        Assert.Equal(Dongcheng, state.Current?.UnitName);
        Assert.Equal("Running", state.Timer.State);
        Assert.InRange(state.Timer.ElapsedMs, 0, 60_000);
        organizer.Dispose();
    }

    [Theory]
    [InlineData("secretary")]
    [InlineData("organizer.liulin")]
    public async Task Users_outside_the_meeting_cannot_join_its_group(string user)
    {
        var id = await MeetingAsync();
        var (session, cookies) = await SignInWithCookiesAsync(user);
        await using var connection = Connect(cookies);
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<LiveState>(nameof(LiveHub.JoinMeeting), id));

        Assert.Contains(user == "secretary" ? "unauthorized" : "无权查看该会议", error.Message, StringComparison.OrdinalIgnoreCase);
        session.Dispose();
    }

    [Fact]
    public async Task Leader_not_assigned_to_the_meeting_cannot_join_its_group()
    {
        var id = await MeetingAsync(leaderAssigned: false);
        var (session, cookies) = await SignInWithCookiesAsync("leader");
        await using var connection = Connect(cookies);
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<LiveState>(nameof(LiveHub.JoinMeeting), id));

        Assert.Contains("无权查看该会议", error.Message, StringComparison.Ordinal);
        session.Dispose();
    }

    [Fact]
    public async Task Anonymous_client_needs_a_valid_projector_link_and_a_revoked_one_stops_receiving()
    {
        var id = await MeetingAsync();
        var (organizer, _) = await SignInWithCookiesAsync("organizer");
        await PressAsync(organizer, id, "ProjectorLink");
        var token = await DbAsync(db => db.MeetingProgress.Where(p => p.MeetingId == id).Select(p => p.ProjectorToken).SingleAsync());
        await using var screen = Connect(cookies: null);
        var revoked = new TaskCompletionSource();
        screen.On(LiveHub.RevokedMessage, () => revoked.TrySetResult());
        await screen.StartAsync();

        await Assert.ThrowsAsync<HubException>(() => screen.InvokeAsync<LiveState>(nameof(LiveHub.JoinMeeting), id));
        await Assert.ThrowsAsync<HubException>(() => screen.InvokeAsync<LiveState>(nameof(LiveHub.JoinProjector), new string('0', 32)));
        await screen.InvokeAsync<LiveState>(nameof(LiveHub.JoinProjector), token);
        await PressAsync(organizer, id, "RevokeProjector");

        await revoked.Task.WaitAsync(Patience);
        await Assert.ThrowsAsync<HubException>(() => screen.InvokeAsync<LiveState>(nameof(LiveHub.JoinProjector), token));
        organizer.Dispose();
    }
}
