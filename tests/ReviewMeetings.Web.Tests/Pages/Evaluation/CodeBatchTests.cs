using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Web.Pages.Evaluation;
using ReviewMeetings.Web.Pages.Vote;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

/// <summary>Ballot codes issued in named batches (ADR 0014): idempotent issuing, the reprint window, voiding and spares.</summary>
public sealed class CodeBatchTests : EvaluationTest
{
    private static readonly string[] Counts = ["54", "54", "52", "2"];
    private static readonly string[] CountSelectors = ["#issued", "#returned", "#valid", "#void"];
    private static readonly string[] CountLabels = ["发出", "收回", "有效票", "废票"];
    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 28);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(
            connectionString,
            settings: new Dictionary<string, string> { ["Voting:FailedCodesPerAddress"] = "2", ["Voting:GuessDelayMaxSeconds"] = "1" },
            services: services => services.AddSingleton<TimeProvider>(_clock));

    private static async Task<HttpResponseMessage> IssueFormAsync(Session organizer, IHtmlDocument page, int count) =>
        await organizer.SubmitAsync(page, "form[action*='handler=Issue']", new() { ["count"] = count.ToString(CultureInfo.InvariantCulture) });

    private Task<List<BallotCodeBatch>> BatchesAsync(Guid meeting) =>
        DbAsync(db => db.BallotCodeBatches.AsNoTracking().Where(b => b.MeetingId == meeting).ToListAsync());

    private static List<string> SlipCodes(IHtmlDocument page) =>
        page.QuerySelectorAll(".slip-code").Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public async Task Posting_one_issuing_form_again_or_twice_at_once_makes_one_batch_and_counts_its_codes_once()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Evaluation/Codes/{meeting}");

        using var first = await IssueFormAsync(organizer, page, 5);
        using var refreshed = await IssueFormAsync(organizer, page, 5);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, refreshed.Headers.Location);
        var batch = Assert.Single(await BatchesAsync(meeting));
        Assert.Equal($"/Evaluation/CodeBatch/{batch.Id}", first.Headers.Location!.OriginalString);
        Assert.Equal(5, SlipCodes(await organizer.GetAsync(first.Headers.Location.OriginalString)).Count);

        // A double click: the same form posted twice at the same moment. The batch's primary key lets one in.
        var again = await organizer.GetAsync($"/Evaluation/Codes/{meeting}");
        var both = await Task.WhenAll(IssueFormAsync(organizer, again, 3), IssueFormAsync(organizer, again, 3));

        Assert.All(both, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(both[0].Headers.Location, both[1].Headers.Location);
        Assert.Equal(2, (await BatchesAsync(meeting)).Count);
        Assert.Equal(8, await DbAsync(db => db.BallotCodes.CountAsync(c => c.MeetingId == meeting)));
        var counts = await organizer.GetAsync($"/Evaluation/Codes/{meeting}");
        Assert.Equal("8", counts.QuerySelector("#total-issued")!.TextContent);
        Assert.Equal(2, counts.QuerySelectorAll("#batches tbody tr").Length);
        foreach (var response in both)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Slips_are_shown_again_only_to_their_issuer_within_the_window_and_then_nothing_stored_opens_to_them()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        using var issued = await IssueFormAsync(organizer, await organizer.GetAsync($"/Evaluation/Codes/{meeting}"), 4);
        var url = issued.Headers.Location!.OriginalString;
        var codes = SlipCodes(await organizer.GetAsync(url));
        var batch = Assert.Single(await BatchesAsync(meeting));
        var keys = Factory.Services.GetRequiredService<VotingKeys>();
        var canonical = codes.Select(c => BallotCodeFormat.Normalize(c)!).ToList();

        // Within the window: the printer jammed, the same user prints the same codes again.
        _clock.Now = _clock.Now.AddMinutes(9);
        Assert.Equal(codes, SlipCodes(await organizer.GetAsync(url)));
        Assert.Equal(canonical, keys.OpenCodes(batch.Id, batch.IssuedBy, batch.SealedCodes!));

        // Another organizer of the district sees the batch but not its codes; the sealed codes do not open for them.
        using var colleague = await SignInSecondClerkAsync();
        var theirs = await colleague.GetAsync(url);
        Assert.Empty(theirs.QuerySelectorAll(".slip-code"));
        Assert.NotNull(theirs.QuerySelector("#codes-gone"));
        using (var pdf = await colleague.Client.GetAsync($"{url}?handler=Pdf"))
        {
            Assert.NotEqual("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        }

        var colleagueId = await DbAsync(db => db.Users.Where(u => u.UserName == SecondClerk).Select(u => u.Id).SingleAsync());
        Assert.Null(keys.OpenCodes(batch.Id, colleagueId, batch.SealedCodes!));

        // A second batch nobody opens again is erased by the sweep alone.
        using var other = await IssueFormAsync(organizer, await organizer.GetAsync($"/Evaluation/Codes/{meeting}"), 2);

        // After the window: gone for good, on read and in the sweep.
        _clock.Now = _clock.Now.AddMinutes(11);
        var later = await organizer.GetAsync(url);
        Assert.Empty(later.QuerySelectorAll(".slip-code"));
        Assert.Contains("已无法再次显示", later.QuerySelector("#codes-gone")!.TextContent, StringComparison.Ordinal);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CodeReprints>().ForgetExpiredAsync(scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>(), default);
        }

        // An insider reads every batch row: no sealed codes are left to open with the secret, and no code is in plain.
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT id, sealed_codes, row_to_json(b)::text FROM ballot_code_batches b", connection);
        await using var rows = await read.ExecuteReaderAsync();
        var seen = 0;
        while (await rows.ReadAsync())
        {
            seen++;
            Assert.True(rows.IsDBNull(1), "a batch past its window still holds sealed codes");
            var text = rows.GetString(2);
            Assert.DoesNotContain(canonical, c => text.Contains(c, StringComparison.Ordinal));
        }

        Assert.Equal(2, seen);
        Assert.All(await BatchesAsync(meeting), b => Assert.Null(b.SealedCodes));
    }

    [Fact]
    public async Task A_batch_never_handed_out_is_voided_whole_with_a_reason_after_confirmation_and_a_used_one_is_refused()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        using var issued = await IssueFormAsync(organizer, await organizer.GetAsync($"/Evaluation/Codes/{meeting}"), 3);
        var url = issued.Headers.Location!.OriginalString;

        using var empty = await organizer.SubmitAsync(url, "form[action*='handler=Void']", new() { ["Reason"] = " " });
        Assert.Equal("请填写作废原因", (await Session.ParseAsync(empty)).QuerySelector("#Reason-error")!.TextContent.Trim());

        using var unconfirmed = await organizer.SubmitAsync(url, "form[action*='handler=Void']", new() { ["Reason"] = "打印错位，整批重印" });
        Assert.Equal("确定整批作废这些测评码？", (await Session.ParseAsync(unconfirmed)).QuerySelector("h1")!.TextContent);
        Assert.All(await DbAsync(db => db.BallotCodes.Select(c => c.State).ToListAsync()), s => Assert.Equal(BallotCodeState.Issued, s));

        var voided = await organizer.FollowAsync(await organizer.ConfirmAsync(unconfirmed));
        Assert.Contains("打印错位，整批重印", voided.QuerySelector("#batch-voided")!.TextContent, StringComparison.Ordinal);
        Assert.All(await DbAsync(db => db.BallotCodes.Select(c => c.State).ToListAsync()), s => Assert.Equal(BallotCodeState.Voided, s));
        Assert.Equal("0", (await organizer.GetAsync($"/Evaluation/Codes/{meeting}")).QuerySelector("#total-issued")!.TextContent);

        // A batch one of whose codes has voted was handed out: it cannot be voided as a whole.
        using var second = await IssueFormAsync(organizer, await organizer.GetAsync($"/Evaluation/Codes/{meeting}"), 2);
        var secondUrl = second.Headers.Location!.OriginalString;
        var code = SlipCodes(await organizer.GetAsync(secondUrl))[0];
        await VoteAsync(code, blank: false);
        using var refused = await organizer.SubmitConfirmedAsync(secondUrl, "form[action*='handler=Void']", new() { ["Reason"] = "整批遗失" });
        Assert.Contains("不能整批作废", (await Session.ParseAsync(refused)).Summary(), StringComparison.Ordinal);
        var secondId = Guid.Parse(secondUrl[(secondUrl.LastIndexOf('/') + 1)..]);
        Assert.Equal(
            [BallotCodeState.Issued, BallotCodeState.Used],
            (await DbAsync(db => db.BallotCodes.Where(c => c.BatchId == secondId).Select(c => c.State).ToListAsync())).Order());
    }

    [Fact]
    public async Task Voiding_one_code_and_closing_voting_each_ask_first_and_change_nothing_until_confirmed()
    {
        var meeting = await EvaluatingMeetingAsync();
        var code = (await IssueAsync(meeting, 1))[0];
        using var organizer = await SignInAsync("organizer");

        using var voidAsked = await organizer.SubmitAsync($"/Evaluation/Codes/{meeting}", "form[action*='handler=Void']", new() { ["code"] = code });
        Assert.Contains("确定作废测评码", (await Session.ParseAsync(voidAsked)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(BallotCodeState.Issued, await DbAsync(db => db.BallotCodes.Select(c => c.State).SingleAsync()));
        using var voided = await organizer.ConfirmAsync(voidAsked);
        Assert.Equal(HttpStatusCode.Redirect, voided.StatusCode);
        Assert.Equal(BallotCodeState.Voided, await DbAsync(db => db.BallotCodes.Select(c => c.State).SingleAsync()));

        using var closeAsked = await organizer.SubmitAsync($"/Evaluation/Codes/{meeting}", "form[action*='handler=CloseVoting']", []);
        var question = await Session.ParseAsync(closeAsked);
        Assert.Equal("确定关闭投票？", question.QuerySelector("h1")!.TextContent);
        Assert.Contains("测评码都不能再使用", question.QuerySelector("#confirm-consequence")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("封存", question.QuerySelector("#confirm-consequence")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await DbAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.VotingClosedAt).SingleAsync()));
        using var closed = await organizer.ConfirmAsync(closeAsked);
        Assert.NotNull(await DbAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.VotingClosedAt).SingleAsync()));
    }

    [Fact]
    public async Task Spares_pasted_or_scanned_are_recorded_once_as_not_handed_out_and_a_used_code_is_reported_unchanged()
    {
        var meeting = await EvaluatingMeetingAsync();
        var codes = await IssueAsync(meeting, 5);
        await VoteAsync(codes[0], blank: false);
        using var organizer = await SignInAsync("organizer");

        var list = string.Join('\n', codes[0], codes[1], codes[1].ToLowerInvariant().Replace("-", "", StringComparison.Ordinal), $"http://localhost/v/{BallotCodeFormat.Normalize(codes[2])}", "ABCD-EFGH");
        var result = await organizer.FollowAsync(await organizer.SubmitAsync($"/Evaluation/Spares/{meeting}", "form:has(textarea)", new() { ["Codes"] = list }));

        Assert.Equal("2", result.QuerySelector("#spares-recorded")!.TextContent);
        var report = result.QuerySelector("#spares-result")!.TextContent;
        Assert.Contains("本次新登记 2 个", report, StringComparison.Ordinal);
        Assert.Contains($"{codes[0]}：已投票", report, StringComparison.Ordinal);
        Assert.Contains("ABCD-EFGH：无法识别", report, StringComparison.Ordinal);
        Assert.Equal(BallotCodeState.Used, await StateAsync(codes[0]));
        Assert.Equal(BallotCodeState.NotHandedOut, await StateAsync(codes[1]));
        Assert.Equal(BallotCodeState.NotHandedOut, await StateAsync(codes[2]));

        // The same list again changes nothing; a scanner's single code answers with the new count.
        var again = await organizer.FollowAsync(await organizer.SubmitAsync($"/Evaluation/Spares/{meeting}", "form:has(textarea)", new() { ["Codes"] = list }));
        Assert.Equal("2", again.QuerySelector("#spares-recorded")!.TextContent);
        using var scanned = await organizer.SubmitAsync(again, "form[action*='handler=One']", new() { ["code"] = codes[3] }, accept: "application/json");
        var answer = JsonDocument.Parse(await scanned.Content.ReadAsStringAsync()).RootElement;
        Assert.True(answer.GetProperty("ok").GetBoolean());
        Assert.Equal(3, answer.GetProperty("recorded").GetInt32());
        var page = await organizer.GetAsync($"/Evaluation/Codes/{meeting}");
        Assert.Equal("2", page.QuerySelector("#total-issued")!.TextContent);
        Assert.Equal("3", page.QuerySelector("#total-not-handed-out")!.TextContent);
    }

    [Fact]
    public async Task A_used_code_says_it_has_voted_and_a_voided_or_unknown_one_gets_the_one_message_and_only_guesses_count()
    {
        var meeting = await EvaluatingMeetingAsync();
        var codes = await IssueAsync(meeting, 2);
        await VoteAsync(codes[0], blank: false);
        using var organizer = await SignInAsync("organizer");
        using var voided = await organizer.SubmitConfirmedAsync($"/Evaluation/Codes/{meeting}", "form[action*='handler=Void']", new() { ["code"] = codes[1] });
        using var voter = Anonymous();

        // This address may fail twice (Voting:FailedCodesPerAddress): a used code, however often, is no guess.
        for (var i = 0; i < 3; i++)
        {
            var used = await voter.GetAsync($"/v/{codes[0]}");
            Assert.Equal(IndexModel.UsedCode, used.QuerySelector("#code-error")!.TextContent);
        }

        var typed = await voter.GetAsync($"/v?code={Uri.EscapeDataString(codes[0].ToLowerInvariant())}");
        var voidedPage = await voter.GetAsync($"/v/{codes[1]}");
        Assert.Equal(IndexModel.UsedCode, typed.QuerySelector("#code-error")!.TextContent);
        Assert.StartsWith("此测评码已完成投票", IndexModel.UsedCode, StringComparison.Ordinal);
        Assert.Equal(IndexModel.InvalidCode, voidedPage.QuerySelector("#code-error")!.TextContent);

        // Codes that do not exist are guesses: the third is slowed and refused.
        Assert.Equal(IndexModel.InvalidCode, (await voter.GetAsync("/v/ABCD-EFGH-JKMN-PQRS-TW")).QuerySelector("#code-error")!.TextContent);
        Assert.Equal(IndexModel.InvalidCode, (await voter.GetAsync("/v/ABCD-EFGH-JKMN-PQRS-TX")).QuerySelector("#code-error")!.TextContent);
        Assert.Equal(HttpStatusCode.TooManyRequests, await voter.StatusOfAsync("/v/ABCD-EFGH-JKMN-PQRS-TY"));
    }

    [Fact]
    public async Task Printed_60_handed_out_54_and_52_valid_and_2_blank_back_reads_the_same_on_the_results_the_excel_file_and_the_minutes()
    {
        var meeting = await EvaluatingMeetingAsync();
        var codes = await IssueAsync(meeting, 60);
        for (var i = 0; i < 54; i++)
        {
            await VoteAsync(codes[i], blank: i >= 52);
        }

        using var organizer = await SignInAsync("organizer");
        await organizer.SubmitAsync($"/Evaluation/Spares/{meeting}", "form:has(textarea)", new() { ["Codes"] = string.Join('\n', codes.Skip(54)) });
        await organizer.FollowAsync(await organizer.SubmitConfirmedAsync($"/Evaluation/Codes/{meeting}", "form[action*='handler=CloseVoting']", []));
        await DbAsync(async db =>
        {
            var m = await db.Meetings.SingleAsync(x => x.Id == meeting);
            m.Close(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });

        var results = await organizer.GetAsync($"/Evaluation/Results/{meeting}");
        Assert.Equal(Counts, CountSelectors.Select(s => results.QuerySelector(s)!.TextContent.Trim()));

        var excel = ExcelWorkbook.Read(await organizer.Client.GetByteArrayAsync(new Uri($"/Evaluation/Results/{meeting}?handler=Excel", UriKind.Relative)));
        var sheet = excel.Sheet("测评结果");
        string Value(string label) => sheet.Single(row => row.Count > 1 && row[0] == label)[1];
        Assert.Equal(Counts, CountLabels.Select(Value));

        var minutes = PdfText.TextOf(await organizer.Client.GetByteArrayAsync(new Uri($"/Documents/{meeting}?handler=Minutes&pdf=true", UriKind.Relative)));
        Assert.Contains(PdfText.Readable("发出测评票54张，收回54张，其中有效票52张、废票2张"), minutes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blank_phone_ballot_is_confirmed_then_stored_sealed_at_the_same_size_as_any_other()
    {
        var meeting = await EvaluatingMeetingAsync();
        var codes = await IssueAsync(meeting, 2);
        using var voter = Anonymous();

        // Without script: the review step asks, and only the confirmed submit stores the ballot.
        var review = await voter.FollowAsync(await voter.SubmitAsync(await voter.GetAsync($"/v/{codes[0]}"), "main form", [], "button[formaction*='handler=Review']"));
        Assert.Equal(IndexModel.BlankQuestion, review.QuerySelector("#blank-question")!.TextContent);
        Assert.Equal(0, await ReceivedAsync());
        var done = await voter.FollowAsync(await voter.SubmitAsync(review, "main form", [], "button[formaction*='handler=Submit']"));
        Assert.Equal("投票成功", done.QuerySelector("h1")!.TextContent);

        await VoteAsync(codes[1], blank: false);
        var sizes = await DbAsync(db => db.BallotInbox.Select(b => b.Sealed.Length).ToListAsync());
        Assert.Equal(2, sizes.Count);
        Assert.Single(sizes.Distinct());
        var stored = await StoredBallotsAsync();
        Assert.Single(stored, b => b.Grades.Values.All(g => g is null));
        Assert.Equal(BallotCodeState.Used, await StateAsync(codes[0]));
    }

    [Fact]
    public async Task A_form_brought_back_and_changed_issues_nothing_and_says_so_and_pages_with_codes_are_never_cached()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Evaluation/Codes/{meeting}");
        using var issued = await IssueFormAsync(organizer, page, 6);

        // Back, then another count in the same (cached) form: not a repeat of the first press, and not a new batch.
        using var changed = await IssueFormAsync(organizer, page, 2);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("这张表单已经生成过一批测评码（6个），没有再生成", (await Session.ParseAsync(changed)).Summary(), StringComparison.Ordinal);
        Assert.Single(await BatchesAsync(meeting));
        Assert.Equal(6, await DbAsync(db => db.BallotCodes.CountAsync(c => c.MeetingId == meeting)));

        // The browser must not keep the slips (live codes) nor the form (its batch id) for Back or History.
        using var batchPage = await organizer.Client.GetAsync(issued.Headers.Location);
        using var codesPage = await organizer.Client.GetAsync($"/Evaluation/Codes/{meeting}");
        Assert.Contains("no-store", batchPage.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("no-store", codesPage.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_batch_page_reads_the_same_whether_or_not_its_code_has_voted_and_a_batch_is_voided_after_its_window()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        using var issued = await IssueFormAsync(organizer, await organizer.GetAsync($"/Evaluation/Codes/{meeting}"), 1);
        var url = issued.Headers.Location!.OriginalString;
        var code = SlipCodes(await organizer.GetAsync(url))[0];
        _clock.Now = _clock.Now.AddMinutes(11);

        // A replacement slip for one named voter: its batch page must not tell staff whether that voter has voted.
        var before = (await organizer.GetAsync(url)).MainText();
        await VoteAsync(code, blank: false);
        Assert.Equal(before, (await organizer.GetAsync(url)).MainText());

        // Another one-code batch, opened once after its window (which erases the sealed codes) and then voided.
        using var second = await IssueFormAsync(organizer, await organizer.GetAsync($"/Evaluation/Codes/{meeting}"), 1);
        var secondUrl = second.Headers.Location!.OriginalString;
        var form = await organizer.GetAsync(secondUrl);
        _clock.Now = _clock.Now.AddMinutes(11);
        await organizer.GetAsync(secondUrl);
        using var voided = await organizer.ConfirmAsync(await organizer.SubmitAsync(form, "form[action*='handler=Void']", new() { ["Reason"] = "打印错位" }));
        Assert.Equal(HttpStatusCode.Redirect, voided.StatusCode);
    }

    [Fact]
    public async Task Once_the_results_are_published_no_code_or_batch_can_be_voided()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        using var issued = await IssueFormAsync(organizer, await organizer.GetAsync($"/Evaluation/Codes/{meeting}"), 2);
        var url = issued.Headers.Location!.OriginalString;
        var codes = SlipCodes(await organizer.GetAsync(url));
        var batchForm = await organizer.GetAsync(url);
        var codesForm = await organizer.GetAsync($"/Evaluation/Codes/{meeting}");
        await DbAsync(async db =>
        {
            var m = await db.Meetings.SingleAsync(x => x.Id == meeting);
            m.Close(Guid.NewGuid(), _clock.GetUtcNow());
            m.PublishResults(Guid.NewGuid(), _clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

        Assert.Null((await organizer.GetAsync(url)).QuerySelector("form[action*='handler=Void']"));
        Assert.Null((await organizer.GetAsync($"/Evaluation/Codes/{meeting}")).QuerySelector("form[action*='handler=Void']"));
        using var staleBatch = await organizer.SubmitAsync(batchForm, "form[action*='handler=Void']", new() { ["Reason"] = "补录" });
        Assert.Contains("测评结果已公布，测评码不能再作废。", (await Session.ParseAsync(staleBatch)).Summary(), StringComparison.Ordinal);
        using var staleCode = await organizer.SubmitAsync(codesForm, "form[action*='handler=Void']", new() { ["code"] = codes[0] });
        Assert.Contains("测评结果已公布，测评码不能再作废。", (await Session.ParseAsync(staleCode)).Summary(), StringComparison.Ordinal);
        Assert.All(await DbAsync(db => db.BallotCodes.Select(c => c.State).ToListAsync()), s => Assert.Equal(BallotCodeState.Issued, s));
    }

    private Task<BallotCodeState> StateAsync(string code)
    {
        var hash = CodeHash(code);
        return DbAsync(db => db.BallotCodes.Where(c => c.Hash == hash).Select(c => c.State).SingleAsync());
    }

    /// <summary>Votes on the phone without script: 好 for the first reporter, or a confirmed blank ballot.</summary>
    private async Task VoteAsync(string code, bool blank)
    {
        var first = (await BallotOrderAsync(await DbAsync(db => db.BallotCodes.Select(c => c.MeetingId).FirstAsync())))[0];
        using var voter = Anonymous();
        var ballot = await voter.GetAsync($"/v/{code}");
        var review = await voter.FollowAsync(await voter.SubmitAsync(ballot, "main form", blank ? [] : new() { [$"Grades[{first}]"] = "好" }, "button[formaction*='handler=Review']"));
        var done = await voter.FollowAsync(await voter.SubmitAsync(review, "main form", [], "button[formaction*='handler=Submit']"));
        Assert.Equal("投票成功", done.QuerySelector("h1")!.TextContent);
    }
}
