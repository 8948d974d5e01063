using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Meetings;

/// <summary>A second meeting of one host for one review year: asked for explicitly, naming the existing one, under a title of its own.</summary>
public sealed class DuplicateMeetingTests : AppTest
{
    private const string Title = "清河区2026年度党组织书记抓基层党建工作述职评议会议";

    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 11, 20);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private Task<List<string>> TitlesAsync() =>
        DbAsync(async db => (await db.Meetings.Where(m => m.ReviewYear == 2026).Select(m => m.Title).ToListAsync()).Order(StringComparer.Ordinal).ToList());

    [Fact]
    public async Task A_second_meeting_of_the_year_asks_first_names_the_existing_one_and_needs_another_title()
    {
        await DbAsync(db => new MeetingBuilder().ForYear(2026).On(new DateOnly(2026, 12, 28)).SaveAsync(db));
        using var organizer = await SignInAsync("organizer");
        var form = await organizer.GetAsync("/Meetings/Create");

        using var sameTitle = await organizer.SubmitAsync(form, "main form", new() { ["Input.Title"] = Title, ["Input.Date"] = "2027-01-10" });
        var refused = await Session.ParseAsync(sameTitle);
        Assert.Equal(HttpStatusCode.OK, sameTitle.StatusCode);
        Assert.Equal($"本年度已有名为“{Title}”的会议，再安排一次会议时请使用不同的会议名称（如注明“第二批”）。", refused.ErrorFor("Input.Title"));
        Assert.Equal([Title], await TitlesAsync());

        using var asked = await organizer.SubmitAsync(refused, "main form", new() { ["Input.Title"] = Title + "（第二批）" });
        var question = await Session.ParseAsync(asked);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal("本主办单位已有2026年度的会议，确定再安排一次？", question.Heading());
        Assert.Contains($"已有的会议：“{Title}”（草稿，2026年12月28日）。", question.MainText(), StringComparison.Ordinal);
        Assert.Equal([Title], await TitlesAsync());

        using var confirmed = await organizer.ConfirmAsync(asked);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal([Title, Title + "（第二批）"], await TitlesAsync());
        var created = await DbAsync(db => db.Meetings.SingleAsync(m => m.Title == Title + "（第二批）"));
        Assert.Equal(new DateOnly(2027, 1, 10), created.Date);
    }

    [Fact]
    public async Task A_confirmed_post_with_the_existing_title_is_still_refused()
    {
        await DbAsync(db => new MeetingBuilder().ForYear(2026).On(new DateOnly(2026, 12, 28)).SaveAsync(db));
        using var organizer = await SignInAsync("organizer");

        var form = await organizer.GetAsync("/Meetings/Create");
        form.AddConfirmation("main form");

        using var forged = await organizer.SubmitAsync(form, "main form", new() { ["Input.Title"] = " " + Title });

        var refused = await Session.ParseAsync(forged);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal($"本年度已有名为“{Title}”的会议，再安排一次会议时请使用不同的会议名称（如注明“第二批”）。", refused.ErrorFor("Input.Title"));
        Assert.Equal([Title], await TitlesAsync());
    }

    [Fact]
    public async Task Another_year_or_another_host_is_created_without_asking()
    {
        await DbAsync(db => new MeetingBuilder().ForYear(2025).On(new DateOnly(2026, 1, 15)).SaveAsync(db));
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.SubmitAsync("/Meetings/Create", "main form", new() { ["Input.Title"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([Title], await TitlesAsync());
    }
}

internal static class ForgedConfirmation
{
    /// <summary>Adds confirmed=true to the form, as a post that skips the confirmation page would carry it.</summary>
    public static void AddConfirmation(this IHtmlDocument page, string formSelector)
    {
        var form = page.QuerySelector(formSelector)!;
        var field = page.CreateElement("input");
        field.SetAttribute("type", "hidden");
        field.SetAttribute("name", "confirmed");
        field.SetAttribute("value", "true");
        form.AppendChild(field);
    }
}
