using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Meetings;

/// <summary>
/// Irreversible steps without script: a post that was not confirmed changes nothing and answers with a page that says
/// what will happen and repeats the form; only its 确定 goes ahead.
/// </summary>
public sealed class ConfirmationTests : AppTest
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";

    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 20);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private Task<MeetingStatus> StatusAsync(Guid id) => DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Status).SingleAsync());

    [Fact]
    public async Task Starting_a_meeting_asks_first_and_warns_when_today_is_not_its_date()
    {
        var id = await DbAsync(db => new MeetingBuilder().On(new DateOnly(2026, 12, 28)).OnSite(Dongcheng).Published().SaveAsync(db));
        using var organizer = await SignInAsync("organizer");

        using var unconfirmed = await organizer.SubmitAsync($"/Meetings/Status/{id}", "form[action*='handler=Advance']", []);

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Equal(MeetingStatus.Published, await StatusAsync(id));
        var page = await Session.ParseAsync(unconfirmed);
        Assert.Equal("确定开始会议？", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("述职对象、述职顺序和议程不能再调整", page.MainText(), StringComparison.Ordinal);
        Assert.Equal("请注意：今天（2026年12月20日）不是会议日期（2026年12月28日）。", page.QuerySelector("[role=alert]")!.TextContent.Trim());
        var form = page.QuerySelector<IHtmlFormElement>("main form")!;
        Assert.EndsWith($"/Meetings/Status/{id}?handler=Advance", form.Action, StringComparison.Ordinal);
        Assert.Equal("InSession", form.QuerySelector<IHtmlInputElement>("input[name=to]")!.Value);
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal($"/Meetings/Status/{id}", page.QuerySelector<IHtmlAnchorElement>("main a.btn")!.PathName);
        Assert.Equal("开始会议", form.QuerySelector("button")!.TextContent.Trim());

        using var confirmed = await organizer.ConfirmAsync(unconfirmed);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(MeetingStatus.InSession, await StatusAsync(id));
    }

    [Fact]
    public async Task No_warning_on_the_meeting_date_and_a_forged_confirmation_still_needs_antiforgery()
    {
        var id = await DbAsync(db => new MeetingBuilder().On(new DateOnly(2026, 12, 20)).OnSite(Dongcheng).Published().SaveAsync(db));
        using var organizer = await SignInAsync("organizer");
        var status = await organizer.GetAsync($"/Meetings/Status/{id}");
        var button = status.QuerySelector("form[action*='handler=Advance'] button")!;
        Assert.Equal("确定开始会议？", button.GetAttribute("data-confirm-title"));
        Assert.Null(button.GetAttribute("data-confirm-warning"));

        using var unconfirmed = await organizer.SubmitAsync(status, "form[action*='handler=Advance']", []);
        Assert.Null((await Session.ParseAsync(unconfirmed)).QuerySelector("main [role=alert]"));

        using var forged = new FormUrlEncodedContent([new("to", "InSession"), new("confirmed", "true")]);
        using var refused = await organizer.Client.PostAsync($"/Meetings/Status/{id}?handler=Advance", forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(MeetingStatus.Published, await StatusAsync(id));
    }
}
