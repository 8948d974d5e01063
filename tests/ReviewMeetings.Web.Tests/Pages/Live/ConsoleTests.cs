using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Live;

public sealed class ConsoleTests : AppTest
{
    internal const string Dongcheng = "中共清河区东城街道工作委员会";
    internal const string Xicheng = "中共清河区西城街道工作委员会";
    internal const string Nanhu = "中共清河区南湖街道工作委员会";

    private static string Console(Guid id) => $"/Live/Console/{id}";

    private static string Handler(string name) => $"form[action$='handler={name}']";

    private async Task<Guid> PublishedMeetingAsync() =>
        await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng, Nanhu).CommentedBy("leader").Published().SaveAsync(db));

    /// <summary>Presses a console button the way a browser without script does; the lifecycle steps go through their confirmation page.</summary>
    internal static async Task<string> PressAsync(Session session, Guid id, string handler, Dictionary<string, string>? values = null)
    {
        using var response = await session.SubmitAsync(await session.GetAsync(Console(id)), Handler(handler), values ?? []);
        using var done = handler is "StartSession" or "StartEvaluation" ? await session.ConfirmAsync(response) : null;
        var page = await session.FollowAsync(done ?? response);
        return page.GetElementById("live-message")!.TextContent.Trim();
    }

    [Fact]
    public async Task Organizer_runs_the_reports_from_the_console_and_the_actual_duration_is_recorded()
    {
        var id = await PublishedMeetingAsync();
        using var organizer = await SignInAsync("organizer");

        Assert.Equal("会议开始。", await PressAsync(organizer, id, "StartSession"));
        Assert.Equal("已切换到下一位述职对象。", await PressAsync(organizer, id, "Next"));
        Assert.Equal("开始计时。", await PressAsync(organizer, id, "Start"));
        Assert.StartsWith("述职结束，用时", await PressAsync(organizer, id, "Stop"), StringComparison.Ordinal);
        await PressAsync(organizer, id, "Next");

        var page = await organizer.GetAsync(Console(id));
        var progress = await DbAsync(db => db.MeetingProgress.AsNoTracking().SingleAsync(p => p.MeetingId == id));
        var reporters = await DbAsync(db => db.Reporters.Where(r => r.MeetingId == id).ToDictionaryAsync(r => r.UnitName, r => r.Id));
        var speech = Assert.Single(progress.Speeches);
        Assert.Equal(reporters[Dongcheng], speech.ReporterId);
        Assert.Equal(reporters[Xicheng], progress.CurrentReporterId);
        Assert.Contains("第2位 / 共3位", page.QuerySelector("[data-live-order]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("西城街道", page.QuerySelector("[data-live-unit]")!.TextContent, StringComparison.Ordinal);
        var firstRow = page.QuerySelectorAll("#reporters-heading + table tbody tr")[0];
        Assert.Contains("秒", firstRow.Children[2].TextContent, StringComparison.Ordinal);
        var agenda = page.QuerySelector("#agenda-heading + ol [aria-current=step]")!;
        Assert.Contains("述职与点评", agenda.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_a_reporter_who_has_already_spoken_is_refused_with_the_reason()
    {
        var id = await PublishedMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        await PressAsync(organizer, id, "StartSession");
        await PressAsync(organizer, id, "Next");
        await PressAsync(organizer, id, "Start");
        await PressAsync(organizer, id, "Stop");
        var page = await organizer.GetAsync(Console(id));

        var response = await organizer.SubmitAsync(page, Handler("Start"), [], accept: "application/json");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("该述职对象已完成述职，不能再次开始计时。", body.RootElement.GetProperty("error").GetString());
        Assert.Single(await DbAsync(db => db.MeetingProgress.AsNoTracking().Where(p => p.MeetingId == id).Select(p => p.Speeches).SingleAsync()));
    }

    [Fact]
    public async Task Background_button_press_answers_with_the_new_state_as_json()
    {
        var id = await PublishedMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        await PressAsync(organizer, id, "StartSession");
        var page = await organizer.GetAsync(Console(id));

        var response = await organizer.SubmitAsync(page, Handler("Next"), [], accept: "application/json");

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var state = body.RootElement.GetProperty("state");
        Assert.Equal(Dongcheng, state.GetProperty("current").GetProperty("unitName").GetString());
        Assert.Equal(1, state.GetProperty("current").GetProperty("order").GetInt32());
        Assert.Equal(360, state.GetProperty("timeLimitSeconds").GetInt32());
        Assert.Equal("Idle", state.GetProperty("timer").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Timer_cannot_start_before_the_meeting_is_under_way()
    {
        var id = await PublishedMeetingAsync();
        using var organizer = await SignInAsync("organizer");

        var message = await PressAsync(organizer, id, "Next");

        Assert.Equal("会议尚未开始或已经结束，不能操作会议进程。", message);
        Assert.Equal(MeetingStatus.Published, await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task Moving_to_the_evaluation_opens_voting_and_switches_the_agenda()
    {
        var id = await PublishedMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        await PressAsync(organizer, id, "StartSession");

        await PressAsync(organizer, id, "StartEvaluation");

        var page = await organizer.GetAsync(Console(id));
        Assert.Equal(MeetingStatus.Evaluating, await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
        Assert.Contains("民主测评", page.QuerySelector("#agenda-heading + ol [aria-current=step]")!.TextContent, StringComparison.Ordinal);
        // The organizer never saved rules: the defaults, one rater group per attendance group, are stored and frozen.
        var meeting = await DbAsync(db => db.Meetings.Include(m => m.Attendance).AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.NotNull(meeting.EvaluationRules);
        Assert.Equal(meeting.Attendance.Select(g => g.Id.ToString()).Order(), meeting.EvaluationRules!.Groups.Select(g => g.Key).Order());
    }

    [Fact]
    public async Task Projector_link_opens_without_signing_in_until_it_is_revoked()
    {
        var id = await PublishedMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        await PressAsync(organizer, id, "ProjectorLink");
        var link = (await organizer.GetAsync(Console(id))).QuerySelector("[data-projector-link]")!.GetAttribute("href")!;
        using var hall = Anonymous();

        var screen = await hall.GetAsync(link);
        var title = await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Title).SingleAsync());
        Assert.Equal(title, screen.QuerySelector(".projector-title")!.TextContent.Trim());
        Assert.Null(screen.QuerySelector("form"));
        Assert.DoesNotContain(link[^32..], screen.GetElementById("live-initial")!.TextContent, StringComparison.Ordinal);

        await PressAsync(organizer, id, "RevokeProjector");

        Assert.Equal(HttpStatusCode.NotFound, await hall.StatusOfAsync(link));
        Assert.Equal(HttpStatusCode.NotFound, await hall.StatusOfAsync("/screen/" + new string('0', 32)));
    }

    [Theory]
    [InlineData("secretary", HttpStatusCode.Forbidden)]
    [InlineData("leader", HttpStatusCode.Forbidden)]
    [InlineData("observer", HttpStatusCode.Forbidden)]
    [InlineData("organizer.liulin", HttpStatusCode.NotFound)]
    public async Task Only_organizers_of_the_host_subtree_reach_the_console(string user, HttpStatusCode expected)
    {
        var id = await PublishedMeetingAsync();
        using var session = await SignInAsync(user);

        Assert.Equal(expected, await session.StatusOfAsync(Console(id)));
        Assert.Equal(expected, await session.StatusOfAsync($"/Live/Projector/{id}"));
        Assert.Equal(expected, await session.StatusOfAsync($"/Live/Comments/{id}"));
    }

    [Fact]
    public async Task Organizer_from_another_subtree_cannot_press_console_buttons()
    {
        var id = await PublishedMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync(Console(id));
        using var other = await SignInAsync("organizer.liulin");
        var token = (await other.GetAsync("/Account/ChangePassword")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await other.Client.PostAsync(
            new Uri(page.QuerySelector(Handler("StartSession"))!.GetAttribute("action")!, UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(MeetingStatus.Published, await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
    }
}
