using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Pages.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Meetings;

/// <summary>
/// The reporter picker at city scale (issue 18): a name search, pages of <see cref="ReportersModel.PageSize"/> with the
/// total, and adding every unit that matches the filter after a confirmation that names how many.
/// </summary>
public sealed class ReporterPickerTests : AppTest
{
    private const int Branches = 130;

    /// <summary>130 branches under a new 清河区 street committee, named 第001 … 第130, in the test's own database.</summary>
    private Task<Guid> ArrangeAsync() => DbAsync(async db =>
    {
        await BinjiangStreet.AddAsync(db, Branches);
        return await new MeetingBuilder().SaveAsync(db);
    });

    private static List<string> Listed(IHtmlDocument page) =>
        page.QuerySelectorAll("#candidate-list label").Select(l => l.ChildNodes[0].TextContent.Trim()).ToList();

    private Task<List<string>> ReportersAsync(Guid id) =>
        DbAsync(db => db.Reporters.Where(r => r.MeetingId == id).OrderBy(r => r.WrittenOrder).ThenBy(r => r.Order).Select(r => r.UnitName).ToListAsync());

    [Fact]
    public async Task Search_lists_matching_units_a_page_at_a_time_with_the_total()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");

        var first = await organizer.GetAsync($"/Meetings/Reporters/{id}?search=滨江第");
        var second = await organizer.GetAsync($"/Meetings/Reporters/{id}?search=滨江第&p=2");
        var one = await organizer.GetAsync($"/Meetings/Reporters/{id}?search=第042");

        Assert.Equal($"共 {Branches} 个可添加的单位，第 1/2 页，每页 {ReportersModel.PageSize} 个。", first.QuerySelector("#candidate-count")!.TextContent.Trim());
        Assert.Equal(ReportersModel.PageSize, Listed(first).Count);
        Assert.Equal(Branches - ReportersModel.PageSize, Listed(second).Count);
        Assert.Equal(Enumerable.Range(1, Branches).Select(i => $"滨江第{i:D3}党支部"), Listed(first).Concat(Listed(second)));
        Assert.NotNull(first.QuerySelector("nav[aria-label='可添加单位的分页'] a[href*='p=2'][href*='search=']"));
        Assert.Equal(["滨江第042党支部"], Listed(one));
        Assert.Equal("共 1 个可添加的单位。", one.QuerySelector("#candidate-count")!.TextContent.Trim());
    }

    [Fact]
    public async Task Adding_all_matches_asks_first_naming_the_count_then_adds_every_page_in_order()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Meetings/Reporters/{id}?search=滨江第");

        using var asked = await organizer.SubmitAsync(page, "form[action*='handler=AddMatching']", new() { ["mode"] = "Written" });
        var confirmation = await Session.ParseAsync(asked);
        Assert.Contains($"确定添加全部{Branches}个单位？", confirmation.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"名称含“滨江第”、尚未添加的{Branches}个单位全部添加为述职对象（书面述职）", confirmation.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await ReportersAsync(id));

        using var done = await organizer.ConfirmAsync(asked);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("search=", done.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Enumerable.Range(1, Branches).Select(i => $"滨江第{i:D3}党支部"), await ReportersAsync(id));
        var after = await organizer.GetAsync(done.Headers.Location!.OriginalString);
        Assert.Equal("没有符合条件、可添加的单位。", after.QuerySelector("#candidate-count")!.TextContent.Trim());
        Assert.All((await DbAsync(db => db.Reporters.Where(r => r.MeetingId == id).ToListAsync())), r => Assert.Equal(ReportMode.Written, r.Mode));
    }

    [Fact]
    public async Task Adding_all_matches_adds_nothing_when_the_match_changed_since_the_page_was_shown()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Meetings/Reporters/{id}?search=滨江第");
        await DbAsync(async db =>
        {
            var street = await db.Organizations.SingleAsync(o => o.Name == "中共清河区滨江街道工作委员会");
            db.Organizations.Add(Organization.CreateChild(street, "滨江第131党支部", OrganizationType.Branch, OrganizationCategory.Community));
            return await db.SaveChangesAsync();
        });

        using var response = await organizer.ConfirmAsync(await organizer.SubmitAsync(page, "form[action*='handler=AddMatching']", new() { ["mode"] = "OnSite" }));

        Assert.Equal($"符合筛选条件的单位已变为{Branches + 1}个，请核对后重新添加。", (await Session.ParseAsync(response)).Summary());
        Assert.Empty(await ReportersAsync(id));
    }

    [Fact]
    public async Task Organizer_of_another_district_cannot_add_all_matches()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Meetings/Reporters/{id}?search=滨江第");
        using var liulin = await SignInAsync("organizer.liulin");
        // Qinghe's form replayed with Liulin's own antiforgery token: the meeting is still not theirs.
        var token = ((IHtmlInputElement)(await liulin.GetAsync("/Account/ChangePassword")).QuerySelector("input[name=__RequestVerificationToken]")!).Value;

        using var response = await liulin.SubmitAsync(page, "form[action*='handler=AddMatching']", new()
        {
            ["mode"] = "OnSite",
            ["__RequestVerificationToken"] = token,
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await ReportersAsync(id));
    }
}
