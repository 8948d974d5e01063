using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Tests.Infrastructure;
using static ReviewMeetings.Web.Tests.Pages.Rectification.RectificationArrange;

namespace ReviewMeetings.Web.Tests.Pages.Rectification;

/// <summary>
/// Reminding several units from the ledger (整改催办, issue 18): staff tick items, the units' secretaries read the
/// reminder on their dashboard, the units' histories record it; a unit is not reminded twice within the hour.
/// </summary>
public sealed class LedgerRemindersTests : AppTest
{
    private const string Text = "请于12月底前报送整改进展和佐证材料。";
    private readonly TestClock _clock = PinnedClock();

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private Task<Guid> ItemAsync(Guid meetingId, string text) =>
        DbAsync(db => db.RectificationItems.Where(i => i.MeetingId == meetingId && i.Text == text).Select(i => i.Id).SingleAsync());

    private Task<Guid> UnitIdAsync(string name) => DbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private Task<List<RectificationReminder>> RemindersAsync() =>
        DbAsync(db => db.RectificationReminders.AsNoTracking().OrderBy(r => r.SentAt).ThenBy(r => r.OrganizationId).ToListAsync());

    private Task<int> RemindedChangesAsync() =>
        DbAsync(db => db.OrganizationChanges.CountAsync(c => c.Kind == OrganizationChangeKind.RectificationReminded));

    /// <summary>The ledger of the meeting with <paramref name="items"/> ticked.</summary>
    private static async Task<IHtmlDocument> TickedAsync(Session session, Guid meetingId, params Guid[] items)
    {
        var page = await session.GetAsync($"/Rectification/Ledger?meeting={meetingId}");
        foreach (var item in items)
        {
            page.QuerySelector<IHtmlInputElement>($"input[name='Items'][value='{item}']")!.IsChecked = true;
        }

        return page;
    }

    private static async Task<HttpResponseMessage> RemindAsync(Session session, Guid meetingId, string? text, params Guid[] items) =>
        await session.SubmitAsync(await TickedAsync(session, meetingId, items), "#remind-form", text is null ? [] : new() { ["ReminderText"] = text });

    /// <summary>
    /// A reminder post built by hand with the user's own antiforgery token (from the page's sign-out form), as a forged
    /// request would be: only the server's checks stand in the way.
    /// </summary>
    private static async Task<HttpResponseMessage> ForgeAsync(Session session, params Guid[] items)
    {
        var page = await session.GetAsync("/Rectification/Ledger");
        var token = page.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        using var content = new FormUrlEncodedContent(
            [.. items.Select(i => KeyValuePair.Create("Items", i.ToString())), KeyValuePair.Create("ReminderText", Text), KeyValuePair.Create("__RequestVerificationToken", token)]);
        return await session.Client.PostAsync(new Uri("/Rectification/Ledger?handler=Remind", UriKind.Relative), content);
    }

    private static List<string[]> ChangeRows(IHtmlDocument page) =>
        page.QuerySelectorAll("table.unit-changes tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToList();

    [Fact]
    public async Task Staff_remind_two_units_and_the_secretary_reads_it_on_the_dashboard_and_the_unit_history_records_it()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        var (a, b, c) = (await ItemAsync(id, ProblemA), await ItemAsync(id, ProblemB), await ItemAsync(id, ProblemC));
        using var organizer = await SignInAsync("organizer");

        var ledger = await organizer.GetAsync($"/Rectification/Ledger?meeting={id}");
        Assert.Equal(RectificationReminder.DefaultText, ledger.QuerySelector<IHtmlTextAreaElement>("#ReminderText")!.Value);
        using var sent = await RemindAsync(organizer, id, Text, a, b, c);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains($"meeting={id}", sent.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("handler", sent.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var after = await organizer.FollowAsync(sent);
        Assert.Contains($"已向2个单位发出整改催办：{Dongcheng}、{Xicheng}。", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var reminders = await RemindersAsync();
        var (dongcheng, xicheng) = (await UnitIdAsync(Dongcheng), await UnitIdAsync(Xicheng));
        Assert.Equal([(dongcheng, 2), (xicheng, 1)], reminders.OrderBy(r => r.ItemIds.Length == 1).Select(r => (r.OrganizationId, r.ItemIds.Length)));
        Assert.Equal(new[] { a, b }.Order(), reminders.Single(r => r.OrganizationId == dongcheng).ItemIds.Order());
        Assert.All(reminders, r => Assert.Equal((Text, "林晓燕", _clock.GetUtcNow()), (r.Text, r.SenderName, r.SentAt)));

        using var secretary = await SignInAsync("secretary");
        var home = await secretary.GetAsync("/");
        var shown = home.QuerySelector("#unit-reminders li")!;
        Assert.Contains("2026年12月7日 09:00 · 林晓燕", shown.TextContent, StringComparison.Ordinal);
        Assert.Contains(Text, shown.TextContent, StringComparison.Ordinal);
        Assert.Equal(new[] { ProblemA, ProblemB }.Order(StringComparer.Ordinal), shown.QuerySelectorAll("a[href*='/Rectification/Item']").Select(l => l.TextContent.Trim()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(ProblemC, home.MainText(), StringComparison.Ordinal);

        var history = ChangeRows(await organizer.GetAsync($"/Organizations/Details/{dongcheng}"));
        Assert.Contains(history, row => row[1] == "林晓燕" && row[2] == $"整改催办（2项问题）：{Text}");
        Assert.Contains(ChangeRows(await organizer.GetAsync($"/Organizations/Details/{xicheng}")), row => row[2] == $"整改催办（1项问题）：{Text}");
    }

    [Fact]
    public async Task Unit_reminded_within_the_hour_is_skipped_and_named_and_after_an_hour_the_newest_reminder_comes_first()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        var (a, b, c) = (await ItemAsync(id, ProblemA), await ItemAsync(id, ProblemB), await ItemAsync(id, ProblemC));
        using var organizer = await SignInAsync("organizer");
        using var first = await RemindAsync(organizer, id, Text, a);

        _clock.Now = _clock.Now.AddMinutes(30);
        var again = await organizer.FollowAsync(await RemindAsync(organizer, id, Text, b, c));

        Assert.Equal($"已向1个单位发出整改催办：{Xicheng}。以下单位60分钟内已催办过，本次未重复发送：{Dongcheng}。", again.QuerySelector("[role=status]")!.TextContent.Trim());
        var dongcheng = await UnitIdAsync(Dongcheng);
        Assert.Single(await RemindersAsync(), r => r.OrganizationId == dongcheng);

        _clock.Now = _clock.Now.AddMinutes(31);
        using var later = await RemindAsync(organizer, id, "第二次催办：请尽快完成流动党员台账。", b);

        Assert.Equal(2, (await RemindersAsync()).Count(r => r.OrganizationId == dongcheng));
        Assert.Equal(3, await RemindedChangesAsync());
        using var secretary = await SignInAsync("secretary");
        var items = (await secretary.GetAsync("/")).QuerySelectorAll("#unit-reminders li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains("第二次催办", items[0], StringComparison.Ordinal);
        Assert.Contains(Text, items[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "请填写催办内容。")]
    [InlineData("long", "催办内容不能超过300个字。")]
    public async Task Reminder_text_is_required_and_limited_and_the_form_keeps_what_was_ticked_and_typed(string text, string message)
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        var a = await ItemAsync(id, ProblemA);
        var typed = text == "long" ? new string('催', RectificationReminder.TextMaxLength + 1) : text;
        using var organizer = await SignInAsync("organizer");

        using var refused = await RemindAsync(organizer, id, typed, a);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Session.ParseAsync(refused);
        Assert.Equal(message, page.ErrorFor("ReminderText"));
        Assert.Equal(typed, page.QuerySelector<IHtmlTextAreaElement>("#ReminderText")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>($"input[name='Items'][value='{a}']")!.IsChecked);
        Assert.Empty(await RemindersAsync());
        Assert.Equal(0, await RemindedChangesAsync());
    }

    [Fact]
    public async Task Reminder_without_a_ticked_item_is_refused_next_to_the_list_and_keeps_the_text()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        using var organizer = await SignInAsync("organizer");

        using var refused = await RemindAsync(organizer, id, Text);

        var page = await Session.ParseAsync(refused);
        Assert.Equal("请勾选要催办的问题。", page.ErrorFor("Items"));
        Assert.Equal(Text, page.QuerySelector<IHtmlTextAreaElement>("#ReminderText")!.Value);
        Assert.Empty(await RemindersAsync());
    }

    [Fact]
    public async Task Double_submit_reminds_once_whether_the_posts_come_one_after_the_other_or_at_once()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        var (a, c) = (await ItemAsync(id, ProblemA), await ItemAsync(id, ProblemC));
        using var organizer = await SignInAsync("organizer");
        var page = await TickedAsync(organizer, id, a);

        using var firstClick = await organizer.SubmitAsync(page, "#remind-form", []);
        var secondClick = await organizer.FollowAsync(await organizer.SubmitAsync(page, "#remind-form", []));
        var together = await TickedAsync(organizer, id, c);
        var posts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => organizer.SubmitAsync(together, "#remind-form", [])));

        Assert.Equal($"以下单位60分钟内已催办过，本次未重复发送：{Dongcheng}。", secondClick.QuerySelector("[data-error]")!.TextContent.Trim());
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        var reminders = await RemindersAsync();
        Assert.Equal(new[] { await UnitIdAsync(Dongcheng), await UnitIdAsync(Xicheng) }.Order(), reminders.Select(r => r.OrganizationId).Order());
        Assert.All(reminders, r => Assert.Equal(RectificationReminder.DefaultText, r.Text));
        Assert.Equal(2, await RemindedChangesAsync());
        foreach (var post in posts)
        {
            post.Dispose();
        }
    }

    [Fact]
    public async Task Organizer_of_another_district_cannot_remind_units_of_items_outside_her_subtree_even_by_a_forged_post()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        var (a, c) = (await ItemAsync(id, ProblemA), await ItemAsync(id, ProblemC));
        using var liulin = await SignInAsync("organizer.liulin");

        Assert.DoesNotContain(ProblemA, (await liulin.GetAsync("/Rectification/Ledger")).MainText(), StringComparison.Ordinal);
        using var forged = await ForgeAsync(liulin, a, c);

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal("请勾选要催办的问题。", (await Session.ParseAsync(forged)).ErrorFor("Items"));
        Assert.Empty(await RemindersAsync());
        Assert.Equal(0, await RemindedChangesAsync());
    }

    [Fact]
    public async Task Observer_sees_the_ledger_without_the_reminder_form_and_a_forged_reminder_is_forbidden()
    {
        var id = await LedgerMeetingAsync(DbAsync, _clock);
        var a = await ItemAsync(id, ProblemA);
        using var observer = await SignInAsync("observer");

        var ledger = await observer.GetAsync($"/Rectification/Ledger?meeting={id}");
        using var forged = await ForgeAsync(observer, a);

        Assert.Contains(ProblemA, ledger.QuerySelector("#ledger")!.TextContent, StringComparison.Ordinal);
        Assert.Null(ledger.QuerySelector("input[name='Items']"));
        Assert.Null(ledger.QuerySelector("#ReminderText"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Empty(await RemindersAsync());
    }
}
