using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

public sealed class VotingTests : AppTest
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, settings: new Dictionary<string, string> { ["Voting:FailedCodesPerAddress"] = "20", ["Voting:GuessDelayMaxSeconds"] = "1" });

    private async Task<Guid> VotingMeetingAsync()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).Published().SaveAsync(db));
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == id);
            meeting.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
            meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>Issues codes through the staff page and reads them off the printed slips.</summary>
    private async Task<List<string>> IssueAsync(Guid meetingId, int count)
    {
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Evaluation/Codes/{meetingId}");
        using var response = await organizer.SubmitAsync(page, "form[action*='handler=Issue']", new() { ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var slips = await organizer.FollowAsync(response);
        return slips.QuerySelectorAll(".slip-code").Select(e => e.TextContent.Trim()).ToList();
    }

    private async Task<Guid> ReporterAsync(Guid meetingId, string unit) =>
        await DbAsync(db => db.Reporters.Where(r => r.MeetingId == meetingId && r.UnitName == unit).Select(r => r.Id).SingleAsync());

    [Fact]
    public async Task Codes_are_printed_once_on_slips_and_stored_only_as_hashes()
    {
        var meeting = await VotingMeetingAsync();

        var codes = await IssueAsync(meeting, 5);

        Assert.Equal(5, codes.Count);
        Assert.All(codes, c => Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$", c));
        var stored = await DbAsync(db => db.BallotCodes.AsNoTracking().Where(c => c.MeetingId == meeting).ToListAsync());
        Assert.Equal(codes.Select(CodeHash).Order(), stored.Select(c => c.Hash).Order());
        Assert.DoesNotContain(stored, c => codes.Any(code => c.Hash.Contains(code.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal)));

        using var organizer = await SignInAsync("organizer");
        var later = await organizer.GetAsync($"/Evaluation/Codes/{meeting}");
        Assert.Empty(later.QuerySelectorAll(".slip-code"));
        Assert.Equal("5", later.QuerySelector("tbody tr .issued")!.TextContent);
    }

    [Fact]
    public async Task Voter_reviews_and_submits_once_and_the_ballot_holds_nothing_but_the_marks()
    {
        var meeting = await VotingMeetingAsync();
        var code = (await IssueAsync(meeting, 1))[0];
        var dongcheng = await ReporterAsync(meeting, Dongcheng);
        var xicheng = await ReporterAsync(meeting, Xicheng);
        using var voter = Anonymous();

        var ballot = await voter.GetAsync($"/v/{code.ToLowerInvariant()}");
        Assert.Equal(14, ballot.QuerySelectorAll("fieldset.ballot-item").Length);
        var review = await voter.FollowAsync(await voter.SubmitAsync(ballot, "main form", new() { [$"Grades[{dongcheng}]"] = "好", [$"Grades[{xicheng}]"] = "" }, "button[formaction*='handler=Review']"));
        Assert.Equal("请核对您的评价", review.QuerySelector("h2")!.TextContent);
        Assert.Contains("弃权", review.QuerySelector("ol")!.TextContent, StringComparison.Ordinal);

        var done = await voter.FollowAsync(await voter.SubmitAsync(review, "main form", [], "button[formaction*='handler=Submit']"));
        Assert.Equal("投票成功", done.Heading());

        var stored = (await StoredBallotsAsync()).Single();
        Assert.Equal("好", stored.Grades[dongcheng]);
        Assert.Null(stored.Grades[xicheng]);
        Assert.Equal(14, stored.Grades.Count);
        Assert.Equal(BallotCodeState.Used, await DbAsync(db => db.BallotCodes.Select(c => c.State).SingleAsync()));

        var again = await voter.GetAsync($"/v/{code}");
        Assert.Equal(ReviewMeetings.Web.Pages.Vote.IndexModel.UsedCode, again.QuerySelector("#code-error")!.TextContent);
    }

    private const string IndexMessage = ReviewMeetings.Web.Pages.Vote.IndexModel.InvalidCode;

    [Theory]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TW")]
    [InlineData("not a code")]
    public async Task Wrong_codes_get_the_same_message_as_used_or_voided_ones(string code)
    {
        var meeting = await VotingMeetingAsync();
        var voided = (await IssueAsync(meeting, 1))[0];
        using var organizer = await SignInAsync("organizer");
        using var voiding = await organizer.SubmitConfirmedAsync($"/Evaluation/Codes/{meeting}", "form[action*='handler=Void']", new() { ["code"] = voided });
        Assert.Equal(HttpStatusCode.Redirect, voiding.StatusCode);
        using var voter = Anonymous();

        var wrong = await voter.GetAsync($"/v?code={Uri.EscapeDataString(code)}");
        var voidedPage = await voter.GetAsync($"/v/{voided}");

        Assert.Equal(IndexMessage, wrong.QuerySelector("#code-error")!.TextContent);
        Assert.Equal(IndexMessage, voidedPage.QuerySelector("#code-error")!.TextContent);
    }

    [Fact]
    public async Task Codes_do_not_work_before_voting_opens_or_after_it_closes()
    {
        var draft = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng).Published().SaveAsync(db));
        var code = (await IssueAsync(draft, 1))[0];
        using var voter = Anonymous();

        Assert.Equal(IndexMessage, (await voter.GetAsync($"/v/{code}")).QuerySelector("#code-error")!.TextContent);
    }

    [Fact]
    public async Task Quota_and_blank_ballots_are_explained_before_anything_is_stored()
    {
        var meeting = await VotingMeetingAsync();
        await DbAsync(async db =>
        {
            var m = await db.Meetings.Include(x => x.Attendance).SingleAsync(x => x.Id == meeting);
            m.Revert(MeetingStatus.InSession, "设置测评规则", byAdministrator: false, Guid.NewGuid(), DateTimeOffset.UtcNow);
            m.SetEvaluationRules(EvaluationRules.Create(quotas: [new GradeQuota("好", 1)]));
            m.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        var code = (await IssueAsync(meeting, 1))[0];
        var dongcheng = await ReporterAsync(meeting, Dongcheng);
        var xicheng = await ReporterAsync(meeting, Xicheng);
        using var voter = Anonymous();
        var ballot = await voter.GetAsync($"/v/{code}");

        using var quota = await voter.SubmitAsync(ballot, "main form", new() { [$"Grades[{dongcheng}]"] = "好", [$"Grades[{xicheng}]"] = "好" }, "button[formaction*='handler=Review']");
        Assert.Equal("评为“好”的不能超过1人，您选了2人，请调整。", (await Session.ParseAsync(quota)).Summary());

        using var blank = await voter.SubmitAsync(await voter.GetAsync($"/v/{code}"), "main form", [], "button[formaction*='handler=Review']");
        Assert.Equal(ReviewMeetings.Web.Pages.Vote.IndexModel.BlankQuestion, (await Session.ParseAsync(blank)).QuerySelector("#blank-question")!.TextContent);
        Assert.Equal(0, await ReceivedAsync());
    }

    [Fact]
    public async Task Ballot_code_counts_once_under_parallel_submissions()
    {
        var meeting = await VotingMeetingAsync();
        var code = (await IssueAsync(meeting, 1))[0];
        var dongcheng = await ReporterAsync(meeting, Dongcheng);
        var voters = Enumerable.Range(0, 50).Select(_ => Anonymous()).ToList();
        var pages = await Task.WhenAll(voters.Select(v => v.GetAsync($"/v/{code}")));

        // Everyone reaches the review step first, then all press 确认提交 at once.
        var reviews = await Task.WhenAll(voters.Zip(pages).Select(async x =>
        {
            using var review = await x.First.SubmitAsync(x.Second, "main form", new() { [$"Grades[{dongcheng}]"] = "较好" }, "button[formaction*='handler=Review']");
            return await Session.ParseAsync(review);
        }));
        var responses = await Task.WhenAll(voters.Zip(reviews).Select(x =>
            x.First.SubmitAsync(x.Second, "main form", [], "button[formaction*='handler=Submit']")));

        var succeeded = 0;
        foreach (var response in responses)
        {
            if ((await Session.ParseAsync(response)).Heading() == "投票成功")
            {
                succeeded++;
            }

            response.Dispose();
        }

        Assert.Equal(1, succeeded);
        Assert.Equal(1, await ReceivedAsync());
        voters.ForEach(v => v.Dispose());
    }

    [Fact]
    public async Task Nothing_in_the_schema_links_a_ballot_to_a_code_a_user_a_time_or_an_order()
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT column_name, data_type, column_default FROM information_schema.columns WHERE table_name = 'ballots' ORDER BY column_name", connection);
        var columns = new List<(string Name, string Type, string? Default)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        Assert.Equal(["grades", "group_key", "id", "meeting_id"], columns.Select(c => c.Name));
        Assert.DoesNotContain(columns, c => c.Type.Contains("time", StringComparison.Ordinal) || c.Type is "integer" or "bigint" || c.Default is not null);
        await using var foreignKeys = new NpgsqlCommand(
            """
            SELECT count(*) FROM information_schema.table_constraints tc
            JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
            WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name IN ('ballot_codes', 'ballot_code_batches') AND ccu.table_name IN ('ballots', 'ballot_inbox')
            """, connection);
        Assert.Equal(0L, (long)(await foreignKeys.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Codes_are_stored_with_room_on_each_page_for_their_one_update()
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT reloptions FROM pg_class WHERE relname = 'ballot_codes'", connection);

        // Half of each page free lets PostgreSQL use a code without touching its indexes (ADR 0010).
        Assert.Contains("fillfactor=50", (string[])(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Guessing_is_slowed_with_a_Chinese_page_while_a_voter_behind_the_same_address_votes_at_once()
    {
        var meeting = await VotingMeetingAsync();
        var codes = await IssueAsync(meeting, 1);
        using var guesser = Anonymous();
        ClientAddress.Use(guesser, "203.0.113.7");
        var last = HttpStatusCode.OK;
        var attempts = 0;
        for (; attempts < 25 && last != HttpStatusCode.TooManyRequests; attempts++)
        {
            last = await guesser.StatusOfAsync($"/v?code={BallotCodeFormat.Display(BallotCodeFormat.Generate())}");
        }

        // The first 20 failures cost nothing; the 21st is answered late and with 429.
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        Assert.Equal(21, attempts);
        var page = await guesser.GetAsync("/v?code=X", HttpStatusCode.TooManyRequests);
        Assert.Equal("操作过于频繁", page.Heading());

        // A real code from the same address (the hall's shared Wi-Fi) opens its ballot as usual.
        using var voter = Anonymous();
        ClientAddress.Use(voter, "203.0.113.7");
        var ballot = await voter.GetAsync($"/v/{codes[0]}");
        Assert.NotEmpty(ballot.QuerySelectorAll("fieldset.ballot-item"));

        // Another address is not slowed down by this one's failures.
        using var other = Anonymous();
        ClientAddress.Use(other, "198.51.100.9");
        Assert.Equal(HttpStatusCode.OK, await other.StatusOfAsync($"/v?code={BallotCodeFormat.Display(BallotCodeFormat.Generate())}"));
    }

    [Fact]
    public async Task A_hall_behind_one_address_is_never_limited_however_many_ballots_it_opens()
    {
        var meeting = await VotingMeetingAsync();
        var codes = await IssueAsync(meeting, 40);

        // 40 phones on one address each open their ballot twice: 80 requests, all answered with the ballot.
        foreach (var code in codes.Concat(codes))
        {
            using var phone = Anonymous();
            ClientAddress.Use(phone, "203.0.113.50");
            Assert.Equal(HttpStatusCode.OK, await phone.StatusOfAsync($"/v/{code}"));
        }
    }
}
