using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Web.Pages.Vote;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

/// <summary>
/// The ballot as its script submits it: the review step in the browser and one POST to /v/ballot, which must keep
/// every guarantee of the page's own submit step.
/// </summary>
public class BallotSubmissionTests : EvaluationTest
{
    private const string Confirm = "button[data-ballot-confirm]";

    /// <summary>The app's settings for these tests; <see cref="BallotSubmissionWithoutMultiplexingTests"/> changes one.</summary>
    private protected virtual Dictionary<string, string> Settings => new() { ["Voting:FailedCodesPerAddress"] = "20", ["Voting:GuessDelayMaxSeconds"] = "1" };

    internal override AppFactory CreateFactory(string connectionString) => new(connectionString, settings: Settings);

    /// <summary>Submits the ballot form through its 确认提交 button as the script does, and reads the JSON answer.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Answer)> ConfirmAsync(Session voter, IHtmlDocument ballot, Dictionary<string, string> grades)
    {
        using var response = await voter.SubmitAsync(ballot, "main form", grades, Confirm, accept: "application/json");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string Error(JsonElement answer) => answer.GetProperty("error").GetString()!;

    private Task<BallotCodeState> CodeStateAsync() => DbAsync(db => db.BallotCodes.Select(c => c.State).SingleAsync());

    [Fact]
    public async Task Ballot_page_offers_the_one_request_submission_to_its_script()
    {
        var meeting = await EvaluatingMeetingAsync();
        var code = (await IssueAsync(meeting, 1))[0];
        using var voter = Anonymous();

        var ballot = await voter.GetAsync($"/v/{code}");

        Assert.Equal(BallotSubmission.Path, ballot.QuerySelector(Confirm)!.GetAttribute("formaction"));
        Assert.True(ballot.QuerySelector("[data-ballot-review]")!.HasAttribute("hidden"));
        Assert.NotNull(ballot.QuerySelector("script[src^='/js/ballot.js']"));
        var items = ballot.QuerySelectorAll("fieldset.ballot-item");
        Assert.Equal(14, items.Length);
        Assert.Equal(Dongcheng, items[0].GetAttribute("data-unit"));
        Assert.False(string.IsNullOrEmpty(items[0].GetAttribute("data-secretary")));
    }

    [Fact]
    public async Task One_request_stores_the_marks_and_spends_the_code_and_a_second_one_is_refused()
    {
        var meeting = await EvaluatingMeetingAsync();
        var code = (await IssueAsync(meeting, 1))[0];
        var order = await BallotOrderAsync(meeting);
        using var voter = Anonymous();
        var ballot = await voter.GetAsync($"/v/{code.ToLowerInvariant()}");

        var (status, answer) = await ConfirmAsync(voter, ballot, new() { [$"Grades[{order[0]}]"] = "好", [$"Grades[{order[1]}]"] = "一般", [$"Grades[{order[2]}]"] = "" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(answer.GetProperty("done").GetBoolean());
        var stored = (await StoredBallotsAsync()).Single();
        Assert.Equal(meeting, stored.MeetingId);
        Assert.Equal(await DbAsync(db => db.BallotCodes.Select(c => c.GroupKey).SingleAsync()), stored.GroupKey);
        Assert.Equal(order.Order(), stored.Grades.Keys.Order());
        Assert.Equal("好", stored.Grades[order[0]]);
        Assert.Equal("一般", stored.Grades[order[1]]);
        Assert.All(order.Skip(2), id => Assert.Null(stored.Grades[id]));
        Assert.Equal(BallotCodeState.Used, await CodeStateAsync());

        // The same page sent again (a double tap, a replay) changes nothing.
        var (again, refusal) = await ConfirmAsync(voter, ballot, new() { [$"Grades[{order[0]}]"] = "差" });
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal(IndexModel.UsedCode, Error(refusal));
        Assert.Equal("Code", refusal.GetProperty("field").GetString());
        Assert.Equal(1, await ReceivedAsync());
        Assert.Equal("好", (await StoredBallotsAsync()).Single().Grades[order[0]]);
    }

    [Fact]
    public async Task Ballots_the_rules_refuse_are_explained_and_the_code_stays_usable()
    {
        var meeting = await EvaluatingMeetingAsync(m => m.SetEvaluationRules(EvaluationRules.Create(quotas: [new GradeQuota("好", 1)])));
        var code = (await IssueAsync(meeting, 1))[0];
        var order = await BallotOrderAsync(meeting);
        using var voter = Anonymous();

        var (quota, quotaAnswer) = await ConfirmAsync(voter, await voter.GetAsync($"/v/{code}"), new() { [$"Grades[{order[0]}]"] = "好", [$"Grades[{order[1]}]"] = "好" });
        var (blank, blankAnswer) = await ConfirmAsync(voter, await voter.GetAsync($"/v/{code}"), []);

        Assert.Equal(HttpStatusCode.BadRequest, quota);
        Assert.Equal("评为“好”的不能超过1人，您选了2人，请调整。", Error(quotaAnswer));
        Assert.Equal(JsonValueKind.Null, quotaAnswer.GetProperty("field").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, blank);
        Assert.Equal(IndexModel.BlankQuestion, Error(blankAnswer));
        Assert.Equal(0, await ReceivedAsync());
        Assert.Equal(BallotCodeState.Issued, await CodeStateAsync());

        var (fixedUp, _) = await ConfirmAsync(voter, await voter.GetAsync($"/v/{code}"), new() { [$"Grades[{order[0]}]"] = "好", [$"Grades[{order[1]}]"] = "较好" });
        Assert.Equal(HttpStatusCode.OK, fixedUp);
    }

    [Theory]
    [InlineData("not-a-reporter", "好")]
    [InlineData("00000000-0000-0000-0000-000000000001", "好")]
    [InlineData(null, "优秀")]
    public async Task Forged_fields_are_refused(string? reporter, string grade)
    {
        var meeting = await EvaluatingMeetingAsync();
        var code = (await IssueAsync(meeting, 1))[0];
        var first = (await BallotOrderAsync(meeting))[0];
        using var voter = Anonymous();
        var ballot = await voter.GetAsync($"/v/{code}");
        var form = (IHtmlFormElement)ballot.QuerySelector("main form")!;
        var field = $"Grades[{reporter ?? first.ToString()}]";
        if (reporter is not null)
        {
            // A radio the page never had, as a forged request would carry it.
            var forged = ballot.CreateElement("input");
            forged.SetAttribute("type", "hidden");
            forged.SetAttribute("name", field);
            form.AppendChild(forged);
        }
        else
        {
            form.QuerySelector($"input[name='{field}'][value='好']")!.SetAttribute("value", grade);
        }

        var (status, answer) = await ConfirmAsync(voter, ballot, reporter is null ? new() { [field] = grade } : new() { [field] = grade, [$"Grades[{first}]"] = "好" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(reporter is null ? "评价等次无效，请重新选择。" : "测评票内容与本次会议不符，请刷新后重新填写。", Error(answer));
        Assert.Equal(0, await ReceivedAsync());
        Assert.Equal(BallotCodeState.Issued, await CodeStateAsync());
    }

    [Fact]
    public async Task Without_its_own_antiforgery_token_a_submission_is_refused()
    {
        var meeting = await EvaluatingMeetingAsync();
        var code = (await IssueAsync(meeting, 1))[0];
        var first = (await BallotOrderAsync(meeting))[0];
        using var voter = Anonymous();
        var ballot = await voter.GetAsync($"/v/{code}");
        using var other = Anonymous();

        // Another browser replays the form (no matching antiforgery cookie); a bare post has no token at all.
        using var replayed = await other.SubmitAsync(ballot, "main form", new() { [$"Grades[{first}]"] = "好" }, Confirm, accept: "application/json");
        using var bare = await voter.Client.PostAsync(BallotSubmission.Path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = code, [$"Grades[{first}]"] = "好" }));

        foreach (var response in new[] { replayed, bare })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(BallotSubmission.Expired, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }

        Assert.Equal(0, await ReceivedAsync());
        Assert.Equal(BallotCodeState.Issued, await CodeStateAsync());
    }

    [Fact]
    public async Task Fifty_parallel_submissions_of_one_code_store_exactly_one_ballot()
    {
        var meeting = await EvaluatingMeetingAsync();
        var code = (await IssueAsync(meeting, 1))[0];
        var first = (await BallotOrderAsync(meeting))[0];
        var voters = Enumerable.Range(0, 50).Select(_ => Anonymous()).ToList();
        var pages = await Task.WhenAll(voters.Select(v => v.GetAsync($"/v/{code}")));

        var answers = await Task.WhenAll(voters.Zip(pages).Select(x => ConfirmAsync(x.First, x.Second, new() { [$"Grades[{first}]"] = "较好" })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(IndexModel.UsedCode, Error(a.Answer)));
        Assert.Equal(1, await ReceivedAsync());
        voters.ForEach(v => v.Dispose());
    }

    [Fact]
    public async Task A_ballot_sent_after_voting_closed_is_refused()
    {
        var meeting = await EvaluatingMeetingAsync();
        var code = (await IssueAsync(meeting, 1))[0];
        var first = (await BallotOrderAsync(meeting))[0];
        using var voter = Anonymous();
        var ballot = await voter.GetAsync($"/v/{code}");
        using var organizer = await SignInAsync("organizer");
        await organizer.FollowAsync(await organizer.SubmitConfirmedAsync($"/Evaluation/Codes/{meeting}", "form[action*='handler=CloseVoting']", []));

        var (status, answer) = await ConfirmAsync(voter, ballot, new() { [$"Grades[{first}]"] = "好" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(IndexModel.InvalidCode, Error(answer));
        Assert.Equal(0, await ReceivedAsync());
        Assert.Equal(BallotCodeState.Issued, await CodeStateAsync());
    }

    [Fact]
    public async Task The_pages_claim_is_a_shortcut_the_statement_checks_and_never_trusts()
    {
        var meeting = await EvaluatingMeetingAsync();
        var codes = await IssueAsync(meeting, 3);
        var first = (await BallotOrderAsync(meeting))[0];
        var group = await DbAsync(db => db.BallotCodes.Select(c => c.GroupKey).FirstAsync());
        using var voter = Anonymous();
        var ballot = await voter.GetAsync($"/v/{codes[0]}");
        var claim = ballot.QuerySelector($"main form input[name='{BallotSubmission.ClaimField}']")!.GetAttribute("value")!;

        // The page's claim names the code's meeting and group, and casting with it works without reading the code.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var box = scope.ServiceProvider.GetRequiredService<BallotBox>();
            var claimed = await box.ClaimAsync(codes[0], claim, default);
            Assert.NotNull(claimed);
            Assert.True(claimed.Claimed);
            Assert.Equal(meeting, claimed.Meeting.Id);
            Assert.Equal(group, claimed.GroupKey);
            Assert.Null(await box.ClaimAsync(codes[0], "not a claim", default));

            // Once the meeting has changed, the claimed version no longer holds and nothing is stored with it.
            await DbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE meetings SET title = title WHERE id = {meeting}"));
            var stale = Ballot.Cast(meeting, group, new Dictionary<Guid, string?> { [first] = "好" }, claimed.Reporters.Select(r => r.Id).ToList(), claimed.Rules);
            Assert.False(await box.CastAsync(claimed, stale, default));
            Assert.Equal(0, await ReceivedAsync());
        }

        // A page from before the change still submits: the ballot goes the long way and is checked against the meeting as it is now.
        var (status, _) = await ConfirmAsync(voter, ballot, new() { [$"Grades[{first}]"] = "好" });
        Assert.Equal(HttpStatusCode.OK, status);

        // A forged claim (another group, another meeting) cannot put a ballot in a group or meeting its code is not for.
        var other = await EvaluatingMeetingAsync();
        var otherClaim = (await voter.GetAsync($"/v/{(await IssueAsync(other, 1))[0]}")).QuerySelector($"input[name='{BallotSubmission.ClaimField}']")!.GetAttribute("value")!;
        foreach (var (code, forged) in new[] { (codes[1], claim[..claim.LastIndexOf('.')] + "." + Guid.NewGuid()), (codes[2], otherClaim) })
        {
            var page = await voter.GetAsync($"/v/{code}");
            page.QuerySelector($"input[name='{BallotSubmission.ClaimField}']")!.SetAttribute("value", forged);
            var (forgedStatus, _) = await ConfirmAsync(voter, page, new() { [$"Grades[{first}]"] = "较好" });
            Assert.Equal(HttpStatusCode.OK, forgedStatus);
        }

        var stored = await StoredBallotsAsync();
        Assert.Equal(3, stored.Count);
        Assert.All(stored, b => Assert.Equal(meeting, b.MeetingId));
        Assert.All(stored, b => Assert.Equal(group, b.GroupKey));
    }

    [Fact]
    public async Task A_form_with_more_fields_than_any_ballot_gets_the_ballots_own_message_not_a_server_error()
    {
        var meeting = await EvaluatingMeetingAsync();
        var code = (await IssueAsync(meeting, 1))[0];
        using var voter = Anonymous();
        var ballot = await voter.GetAsync($"/v/{code}");
        var token = ballot.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>($"Grades[{Guid.NewGuid()}]", "好"))
            .Append(new("__RequestVerificationToken", token)).Append(new("Code", code)).ToList();

        using var script = await voter.Client.PostAsync(BallotSubmission.Path, new FormUrlEncodedContent(fields));
        using var page = await voter.Client.PostAsync("/v?handler=Submit", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, script.StatusCode);
        Assert.Equal(BallotSubmission.NotThisBallot, Error(JsonDocument.Parse(await script.Content.ReadAsStringAsync()).RootElement));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(BallotCodeState.Issued, await CodeStateAsync());
    }

    [Fact]
    public async Task Submissions_with_codes_that_do_not_exist_count_as_guesses_and_are_slowed_with_a_Chinese_answer()
    {
        var meeting = await EvaluatingMeetingAsync();
        var code = (await IssueAsync(meeting, 1))[0];
        using var voter = Anonymous();
        ClientAddress.Use(voter, "203.0.113.21");
        var ballot = await voter.GetAsync($"/v/{code}");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            using var guess = await voter.SubmitAsync(ballot, "main form", new() { ["Code"] = BallotCodeFormat.Generate(), ["Ballot"] = "forged" }, Confirm, accept: "application/json");
            answers.Add(guess.StatusCode);
            if (guess.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(BallotSubmission.TooManyFailures, Error(JsonDocument.Parse(await guess.Content.ReadAsStringAsync()).RootElement));
            }
        }

        Assert.All(answers.Take(20), status => Assert.Equal(HttpStatusCode.BadRequest, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[20]);
        Assert.Equal(0, await ReceivedAsync());

        // The real code on the same page still casts its ballot at once.
        var (status, answer) = await ConfirmAsync(voter, ballot, new() { ["Code"] = code, [$"Grades[{(await BallotOrderAsync(meeting))[0]}]"] = "好" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(answer.GetProperty("done").GetBoolean());
    }
}

/// <summary>
/// Every submission test again with the voting connections pooled the ordinary way instead of multiplexed
/// (<c>Voting:Multiplexing=false</c>, ADR 0010): the guarantees must not depend on how statements reach the database.
/// </summary>
public sealed class BallotSubmissionWithoutMultiplexingTests : BallotSubmissionTests
{
    private protected override Dictionary<string, string> Settings => new(base.Settings) { ["Voting:Multiplexing"] = "false" };
}
