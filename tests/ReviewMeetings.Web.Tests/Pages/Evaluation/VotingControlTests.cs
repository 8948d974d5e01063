using System.Net;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Web.Tests.Infrastructure;
using VoteModel = ReviewMeetings.Web.Pages.Vote.IndexModel;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

public sealed class VotingControlTests : EvaluationTest
{
    private static async Task<string> IssueCodeAsync(Session organizer, Guid meetingId)
    {
        using var response = await organizer.SubmitAsync($"/Evaluation/Codes/{meetingId}", "form[action*='handler=Issue']", new() { ["count"] = "1" });
        return (await organizer.FollowAsync(response)).QuerySelector(".slip-code")!.TextContent.Trim();
    }

    [Fact]
    public async Task After_the_organizer_closes_voting_a_valid_code_is_refused_like_any_invalid_one()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var code = await IssueCodeAsync(organizer, meeting);
        var dongcheng = (await BallotOrderAsync(meeting))[0];
        using var voter = Anonymous();
        var ballot = await voter.GetAsync($"/v/{code}");
        using var reviewing = await voter.SubmitAsync(ballot, "main form", new() { [$"Grades[{dongcheng}]"] = "好" }, "button[formaction*='handler=Review']");
        var review = await Session.ParseAsync(reviewing);

        var closed = await organizer.FollowAsync(await organizer.SubmitConfirmedAsync($"/Evaluation/Codes/{meeting}", "form[action*='handler=CloseVoting']", []));

        Assert.Equal("投票已关闭", closed.QuerySelector("#voting-state")!.TextContent);
        Assert.NotNull(closed.QuerySelector("form[action*='handler=ReopenVoting']"));
        Assert.Equal(VoteModel.InvalidCode, (await voter.GetAsync($"/v/{code}")).QuerySelector("#code-error")!.TextContent);
        Assert.Equal(VoteModel.InvalidCode, (await voter.GetAsync("/v?code=ABCD-EFGH-JKMN-PQRS-TW")).QuerySelector("#code-error")!.TextContent);
        Assert.Contains("已经关闭", VoteModel.InvalidCode, StringComparison.Ordinal);

        // A voter who was on the review step when voting closed cannot submit either.
        using var late = await voter.SubmitAsync(review, "main form", [], "button[formaction*='handler=Submit']");
        Assert.NotEqual("投票成功", (await Session.ParseAsync(late)).Heading());
        Assert.Equal(0, await ReceivedAsync());
        Assert.Equal(BallotCodeState.Issued, await DbAsync(db => db.BallotCodes.Select(c => c.State).SingleAsync()));
    }

    [Fact]
    public async Task Reopened_voting_accepts_unused_codes_again_and_both_steps_are_in_the_history()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var code = await IssueCodeAsync(organizer, meeting);
        await organizer.FollowAsync(await organizer.SubmitConfirmedAsync($"/Evaluation/Codes/{meeting}", "form[action*='handler=CloseVoting']", []));

        var reopened = await organizer.SubmitAndFollowAsync($"/Evaluation/Codes/{meeting}", "form[action*='handler=ReopenVoting']", []);

        Assert.Equal("投票中", reopened.QuerySelector("#voting-state")!.TextContent);
        using var voter = Anonymous();
        Assert.Single((await voter.GetAsync($"/v/{code}")).QuerySelectorAll("main form[method=post]"));
        var history = (await organizer.GetAsync($"/Meetings/Status/{meeting}")).MainText();
        Assert.Contains("测评中，关闭投票", history, StringComparison.Ordinal);
        Assert.Contains("测评中，重新开放投票", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_voting_twice_is_refused_with_a_message()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Evaluation/Codes/{meeting}");
        await organizer.FollowAsync(await organizer.SubmitConfirmedAsync($"/Evaluation/Codes/{meeting}", "form[action*='handler=CloseVoting']", []));

        // The same close button pressed again from a page opened before the first close.
        using var again = await organizer.ConfirmAsync(await organizer.SubmitAsync(page, "form[action*='handler=CloseVoting']", []));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("投票已经关闭。", (await Session.ParseAsync(again)).Summary());
    }
}
