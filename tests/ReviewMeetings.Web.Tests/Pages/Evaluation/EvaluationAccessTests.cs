using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

public sealed class EvaluationAccessTests : EvaluationTest
{
    private async Task<(Guid Meeting, Guid Batch)> MeetingWithBatchAsync()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        using var created = await organizer.SubmitAsync($"/Evaluation/Paper/{meeting}", "form[action*='handler=CreateBatch']",
            new() { ["groupKey"] = await GroupKeyAsync(meeting), ["declaredCount"] = "1" });
        return (meeting, await DbAsync(db => db.PaperBatches.Select(b => b.Id).SingleAsync()));
    }

    private static string[] StaffPages(Guid meeting, Guid batch) =>
    [
        $"/Evaluation/Codes/{meeting}", $"/Evaluation/Spares/{meeting}", $"/Evaluation/Paper/{meeting}", $"/Evaluation/Scores/{meeting}",
        $"/Evaluation/Batch/{batch}", $"/Evaluation/Batch/{batch}/1",
    ];

    [Theory]
    [InlineData("secretary")]
    [InlineData("leader")]
    [InlineData("observer")]
    public async Task Only_staff_reach_codes_paper_entry_and_scores(string userName)
    {
        var (meeting, batch) = await MeetingWithBatchAsync();
        using var session = await SignInAsync(userName);

        foreach (var url in StaffPages(meeting, batch))
        {
            Assert.True(await session.StatusOfAsync(url) == HttpStatusCode.Forbidden, $"{userName} reached {url}");
        }
    }

    [Fact]
    public async Task An_organizer_of_another_district_finds_nothing_and_cannot_post()
    {
        var (meeting, batch) = await MeetingWithBatchAsync();
        using var organizer = await SignInAsync("organizer");
        var batchPage = await organizer.GetAsync($"/Evaluation/Batch/{batch}/1");
        var codesPage = await organizer.GetAsync($"/Evaluation/Codes/{meeting}");
        using var liulin = await SignInAsync("organizer.liulin");

        foreach (var url in StaffPages(meeting, batch))
        {
            Assert.True(await liulin.StatusOfAsync(url) == HttpStatusCode.NotFound, $"organizer.liulin got no 404 for {url}");
        }

        // The Qinghe forms replayed with Liulin's own antiforgery token: the meeting is still not theirs.
        var token = ((IHtmlInputElement)(await liulin.GetAsync("/Account/ChangePassword")).QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        using var entry = await liulin.SubmitAsync(batchPage, "#entry-form", new() { ["Digits"] = "11000000000000", ["__RequestVerificationToken"] = token });
        using var close = await liulin.SubmitAsync(codesPage, "form[action*='handler=CloseVoting']", new() { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.NotFound, entry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, close.StatusCode);
        Assert.Equal(0, await DbAsync(db => db.Set<Domain.Evaluation.PaperEntry>().CountAsync()));
        Assert.Null(await DbAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.VotingClosedAt).SingleAsync()));
    }
}
