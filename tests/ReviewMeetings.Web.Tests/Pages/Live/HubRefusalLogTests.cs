using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Live;
using ReviewMeetings.Web.Tests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace ReviewMeetings.Web.Tests.Pages.Live;

/// <summary>Anyone can knock on the hub with a made-up projector link; the log must stay one quiet line a minute per address.</summary>
public sealed class HubRefusalLogTests : AppTest
{
    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 28);
    private readonly CapturedLog _log = new();

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<ILogEventSink>(_log);
        });

    private HubConnection Connect() =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Factory.Server.BaseAddress, LiveHub.Path.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => Factory.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();

    [Fact]
    public async Task Refused_joins_are_refused_to_the_caller_and_logged_as_one_warning_a_minute_without_a_stack_trace()
    {
        await using var screen = Connect();
        await screen.StartAsync();

        for (var i = 0; i < 5; i++)
        {
            var refusal = await Assert.ThrowsAsync<HubException>(() => screen.InvokeAsync<LiveState>(nameof(LiveHub.JoinProjector), $"made-up-link-{i}"));
            Assert.Contains("大屏链接无效或已被收回。", refusal.Message, StringComparison.Ordinal);
        }

        _clock.Now = _clock.Now.Add(HubRefusals.Window);
        await Assert.ThrowsAsync<HubException>(() => screen.InvokeAsync<LiveState>(nameof(LiveHub.JoinProjector), "one-more"));

        var warnings = _log.Events.Where(e => e.Level == LogEventLevel.Warning && e.Properties["SourceContext"].ToString().Contains(nameof(HubRefusals), StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Null(w.Exception));
        Assert.Equal(["0", "4"], warnings.Select(w => w.Properties["HeldBack"].ToString()));
        Assert.Contains("大屏链接无效或已被收回。", warnings[0].RenderMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(_log.Events, e => e.Level >= LogEventLevel.Error);
    }

    private sealed class CapturedLog : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyCollection<LogEvent> Events => [.. _events];

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
    }
}
