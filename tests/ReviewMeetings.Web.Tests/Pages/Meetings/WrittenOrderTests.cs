using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;
using ReviewMeetings.Web.Tests.Pages.Evaluation;

namespace ReviewMeetings.Web.Tests.Pages.Meetings;

/// <summary>The written part of the schedule keeps the organizer's order on every page and file that lists reporters.</summary>
public sealed class WrittenOrderTests : EvaluationTest
{
    // Added in this order; by code point 区 (U+533A) sorts before 经 (U+7ECF), so a sort by name would put 开发区 last.
    private const string DevelopmentZone = "中共清河经济开发区工作委员会";
    private const string NewOrganizations = "中共清河区“两新”组织工作委员会";
    private const string OrganCommittee = "中共清河区直属机关工作委员会";

    private static List<string> WrittenOnSchedule(IHtmlDocument page) =>
        page.QuerySelectorAll("#written-list li .flex-grow-1").Select(e => e.FirstChild!.TextContent.Trim()).ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ballot_paper_entry_excel_pad_and_minutes_list_written_reporters_in_the_schedule_order(bool moveDevelopmentZoneDown)
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng)
            .Written(DevelopmentZone, NewOrganizations, OrganCommittee).CommentedBy("leader").Published().SaveAsync(db));
        using var organizer = await SignInAsync("organizer");
        var schedule = await organizer.GetAsync($"/Meetings/Reporters/{id}");
        Assert.Equal([DevelopmentZone, NewOrganizations, OrganCommittee], WrittenOnSchedule(schedule).Take(3));
        if (moveDevelopmentZoneDown)
        {
            var reporter = await DbAsync(db => db.Reporters.Where(r => r.MeetingId == id && r.UnitName == DevelopmentZone).Select(r => r.Id).SingleAsync());
            using var moved = await organizer.SubmitAsync(schedule, $"#written-list form:has(input[value='{reporter}'])", [], "button[value='1']");
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
            schedule = await organizer.GetAsync($"/Meetings/Reporters/{id}");
            Assert.Equal([NewOrganizations, DevelopmentZone, OrganCommittee], WrittenOnSchedule(schedule).Take(3));
        }

        var written = WrittenOnSchedule(schedule);
        Assert.True(written.Count > 3);
        Assert.NotEqual(written.Order(StringComparer.Ordinal), written);
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).SingleAsync(m => m.Id == id);
            meeting.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
            meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        List<string> expected = [Dongcheng, Xicheng, .. written];

        var code = (await IssueAsync(id, 1))[0];
        using var voter = Anonymous();
        var ballot = await voter.GetAsync($"/v/{code}");
        Assert.Equal(expected, ballot.QuerySelectorAll("fieldset.ballot-item").Select(f => f.GetAttribute("data-unit")!));

        var group = await GroupKeyAsync(id);
        using (var issued = await organizer.SubmitAsync($"/Evaluation/Paper/{id}", "form[action*='handler=Issued']", new() { [$"Issued[{group}]"] = "1" }))
        using (var created = await organizer.SubmitAsync($"/Evaluation/Paper/{id}", "form[action*='handler=CreateBatch']", new() { ["groupKey"] = group, ["declaredCount"] = "1" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var batch = await DbAsync(db => db.PaperBatches.Where(b => b.MeetingId == id).Select(b => b.Id).SingleAsync());
        var entry = await organizer.GetAsync($"/Evaluation/Batch/{batch}/1");
        Assert.Equal(expected, JsonSerializer.Deserialize<List<string>>(entry.QuerySelector("[data-reporters]")!.GetAttribute("data-reporters")!));

        var excel = ExcelWorkbook.Read(await organizer.Client.GetByteArrayAsync(new Uri($"/Evaluation/Results/{id}?handler=Excel", UriKind.Relative)));
        Assert.Equal(expected.Prepend("测评人类别"), excel.Sheet("原始票据")[0]);

        using var leader = await SignInAsync("leader");
        var pad = await leader.GetAsync($"/Live/Pad/{id}");
        Assert.Equal(written, pad.QuerySelectorAll("nav[aria-label='述职对象'] ul")[1].QuerySelectorAll("a").Select(a => a.TextContent.Trim()));

        var minutes = await organizer.GetAsync($"/Documents/{id}?handler=Minutes");
        Assert.Equal(written, minutes.QuerySelectorAll("p > strong").Select(s => s.TextContent.Trim()).Where(written.Contains));
    }
}
