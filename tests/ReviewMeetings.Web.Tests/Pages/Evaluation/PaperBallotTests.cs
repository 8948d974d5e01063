using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

public sealed class PaperBallotTests : EvaluationTest
{
    // 14 reporters: 东城 (1st), 西城 (2nd), then the 12 written reporters.
    private const string DongchengGood = "11000000000000";
    private const string DongchengFair = "21000000000000";
    private const string AllBlank = "00000000000000";

    private static async Task RecordIssuedAsync(Session organizer, Guid meetingId, string groupKey, int count)
    {
        using var saved = await organizer.SubmitAsync($"/Evaluation/Paper/{meetingId}", "form[action*='handler=Issued']",
            new() { [$"Issued[{groupKey}]"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private async Task<Guid> CreateBatchAsync(Session organizer, Guid meetingId, string groupKey, int ballots)
    {
        using var created = await organizer.SubmitAsync($"/Evaluation/Paper/{meetingId}", "form[action*='handler=CreateBatch']",
            new() { ["groupKey"] = groupKey, ["declaredCount"] = ballots.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return await DbAsync(db => db.PaperBatches.Where(b => b.MeetingId == meetingId).OrderByDescending(b => b.Number).Select(b => b.Id).FirstAsync());
    }

    /// <summary>Keys in one side ballot by ballot through the entry box, then marks it complete.</summary>
    private static async Task KeyInAsync(Session clerk, Guid batchId, int side, params string[] ballots)
    {
        var url = $"/Evaluation/Batch/{batchId}/{side}";
        foreach (var ballot in ballots)
        {
            var page = await clerk.SubmitAndFollowAsync(url, "#entry-form", new() { ["Digits"] = ballot });
            Assert.Equal("", page.ErrorFor("Digits"));
        }

        var done = await clerk.SubmitAndFollowAsync(url, "form[action*='handler=Complete']", []);
        Assert.Contains("已标记完成", done.QuerySelector("#progress")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> CountAsync(Session session, Guid batchId) =>
        await session.SubmitAsync($"/Evaluation/Batch/{batchId}", "form[action*='handler=Count']", []);

    [Fact]
    public async Task Two_matching_entries_count_the_batch_into_the_results_as_ordinary_ballots()
    {
        var meeting = await EvaluatingMeetingAsync();
        var group = await GroupKeyAsync(meeting);
        using var clerkA = await SignInAsync("organizer");
        using var clerkB = await SignInSecondClerkAsync();
        await RecordIssuedAsync(clerkA, meeting, group, 3);
        var batch = await CreateBatchAsync(clerkA, meeting, group, 3);

        await KeyInAsync(clerkA, batch, 1, DongchengGood, DongchengFair, AllBlank);
        await KeyInAsync(clerkB, batch, 2, DongchengGood, DongchengFair, AllBlank);
        Assert.Equal("两遍录入逐张逐项完全一致。", (await clerkA.GetAsync($"/Evaluation/Batch/{batch}")).QuerySelector("#agreement")!.TextContent);
        var paper = await clerkA.FollowAsync(await CountAsync(clerkA, batch));

        Assert.Equal("纸质票录入", paper.Heading());
        Assert.Equal("已计入", paper.QuerySelector("#batches tr[data-batch='1'] .state")!.TextContent);
        var ballots = await DbAsync(db => db.Ballots.AsNoTracking().ToListAsync());
        Assert.Equal(3, ballots.Count);
        Assert.All(ballots, b => Assert.Equal(group, b.GroupKey));
        Assert.Equal(0, await DbAsync(db => db.Set<PaperEntry>().CountAsync()));
        var dongcheng = (await BallotOrderAsync(meeting))[0];
        Assert.Equal([null, "好", "较好"], ballots.Select(b => b.Grades[dongcheng]).Order(StringComparer.Ordinal));

        var results = await clerkA.GetAsync($"/Evaluation/Results/{meeting}");
        Assert.Equal("3", results.QuerySelector("#issued")!.TextContent);
        Assert.Equal("3", results.QuerySelector("#returned")!.TextContent);
        Assert.Equal("2", results.QuerySelector("#valid")!.TextContent);
        Assert.Equal("1", results.QuerySelector("#void")!.TextContent);
        Assert.Equal("90.00", results.QuerySelector($"tr[data-unit='{Dongcheng}'] .score")!.TextContent);
        var codes = await clerkA.GetAsync($"/Evaluation/Codes/{meeting}");
        Assert.Equal("3", codes.QuerySelector("#total-paper-counted")!.TextContent);
        Assert.Equal("3", codes.QuerySelector("#total-returned")!.TextContent);
    }

    [Fact]
    public async Task Differences_are_shown_side_by_side_and_nothing_counts_until_a_clerk_corrects_their_side()
    {
        var meeting = await EvaluatingMeetingAsync();
        var group = await GroupKeyAsync(meeting);
        using var clerkA = await SignInAsync("organizer");
        using var clerkB = await SignInSecondClerkAsync();
        var batch = await CreateBatchAsync(clerkA, meeting, group, 2);
        await KeyInAsync(clerkA, batch, 1, DongchengGood, DongchengFair);
        await KeyInAsync(clerkB, batch, 2, DongchengGood, "31000000000000");

        var compare = await clerkA.GetAsync($"/Evaluation/Batch/{batch}");

        var header = compare.QuerySelectorAll("#mismatches th").Select(th => th.TextContent).ToList();
        Assert.Equal(["票号", "述职对象", "第一遍（林晓燕）", "第二遍（周明）"], header);
        var row = Assert.Single(compare.QuerySelectorAll("#mismatches tbody tr"));
        Assert.Equal(["2", $"第1位 {Dongcheng}", "2 较好", "3 一般"], row.Children.Select(c => c.TextContent));
        Assert.Null(compare.QuerySelector("form[action*='handler=Count']"));
        // Every button the instructions tell the clerks to press is on the page.
        var named = Regex.Matches(compare.QuerySelector("#mismatch-help")!.TextContent, "“([^”]+)”").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(named);
        var buttons = compare.QuerySelectorAll("a.btn, button").Select(b => b.TextContent.Trim()).ToList();
        Assert.All(named, name => Assert.Contains(name, buttons));
        Assert.Equal(0, await DbAsync(db => db.Ballots.CountAsync()));
        Assert.Equal("不一致，待核对", (await clerkA.GetAsync($"/Evaluation/Paper/{meeting}")).QuerySelector("#batches .state")!.TextContent);

        await clerkB.SubmitAndFollowAsync($"/Evaluation/Batch/{batch}/2", "form[action*='handler=Reopen']", []);
        var corrected = await clerkB.SubmitAndFollowAsync($"/Evaluation/Batch/{batch}/2", "#entries tr[data-position='2'] form", new() { ["Digits"] = DongchengFair });
        Assert.Equal(DongchengFair, ((IHtmlInputElement)corrected.QuerySelector("#entry-2")!).Value);
        await clerkB.SubmitAndFollowAsync($"/Evaluation/Batch/{batch}/2", "form[action*='handler=Complete']", []);
        using var counted = await CountAsync(clerkB, batch);

        Assert.Equal(HttpStatusCode.Redirect, counted.StatusCode);
        Assert.Equal(2, await DbAsync(db => db.Ballots.CountAsync()));
    }

    [Fact]
    public async Task The_clerk_of_one_side_cannot_key_in_the_other()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var clerk = await SignInAsync("organizer");
        var batch = await CreateBatchAsync(clerk, meeting, await GroupKeyAsync(meeting), 2);
        var first = await clerk.SubmitAndFollowAsync($"/Evaluation/Batch/{batch}/1", "#entry-form", new() { ["Digits"] = DongchengGood });

        var second = await clerk.GetAsync($"/Evaluation/Batch/{batch}/2");

        Assert.Equal("您已录入本批次的第一遍，同一人不能录入两遍，请由另一位工作人员录入第二遍。", second.QuerySelector("#refusal")!.TextContent);
        Assert.Null(second.QuerySelector("#entry-form"));
        Assert.NotNull(second.QuerySelector($"a[href='/Evaluation/Batch/{batch}']"));
        // Posting to the second side anyway, with the first side's form aimed at it.
        var form = (IHtmlFormElement)first.QuerySelector("#entry-form")!;
        form.Action = form.Action.Replace($"/{batch}/1", $"/{batch}/2", StringComparison.Ordinal);
        using var forced = await clerk.SubmitAsync(first, "#entry-form", new() { ["Digits"] = DongchengGood });
        Assert.Contains("同一人不能录入两遍", (await Session.ParseAsync(forced)).Summary(), StringComparison.Ordinal);
        Assert.Equal(0, await DbAsync(db => db.Set<PaperEntry>().CountAsync(e => e.Side == EntrySide.Second)));
    }

    [Fact]
    public async Task Counting_the_same_batch_twice_at_once_counts_it_once()
    {
        var meeting = await EvaluatingMeetingAsync();
        var group = await GroupKeyAsync(meeting);
        using var clerkA = await SignInAsync("organizer");
        using var clerkB = await SignInSecondClerkAsync();
        var batch = await CreateBatchAsync(clerkA, meeting, group, 2);
        await KeyInAsync(clerkA, batch, 1, DongchengGood, DongchengFair);
        await KeyInAsync(clerkB, batch, 2, DongchengGood, DongchengFair);
        var pageA = await clerkA.GetAsync($"/Evaluation/Batch/{batch}");
        var pageB = await clerkB.GetAsync($"/Evaluation/Batch/{batch}");

        var responses = await Task.WhenAll(
            clerkA.SubmitAsync(pageA, "form[action*='handler=Count']", []),
            clerkB.SubmitAsync(pageB, "form[action*='handler=Count']", []));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        var refused = await Session.ParseAsync(responses.Single(r => r.StatusCode != HttpStatusCode.Redirect));
        Assert.Contains(refused.Summary(), new[] { Web.Pages.Evaluation.BatchModel.ConflictMessage, "本批次已计入结果，不能再修改。" });
        Assert.Equal(2, await DbAsync(db => db.Ballots.CountAsync()));
        Assert.Equal(PaperBatchState.Counted, await DbAsync(db => db.PaperBatches.Select(b => b.State).SingleAsync()));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData("1100", "应输入14位数字（每位述职对象一位），现为4位。")]
    [InlineData("1150000000000x", "第3位“5”无效：只能输入0到4（1=好，2=较好，3=一般，4=差，0=弃权）。")]
    [InlineData("", "请输入这张票的14位数字。")]
    public async Task A_mistyped_ballot_is_explained_next_to_the_box_and_not_stored(string digits, string message)
    {
        var meeting = await EvaluatingMeetingAsync();
        using var clerk = await SignInAsync("organizer");
        var batch = await CreateBatchAsync(clerk, meeting, await GroupKeyAsync(meeting), 1);

        using var response = await clerk.SubmitAsync($"/Evaluation/Batch/{batch}/1", "#entry-form", new() { ["Digits"] = digits });

        var page = await Session.ParseAsync(response);
        Assert.Equal(message, page.ErrorFor("Digits"));
        Assert.Equal(digits, ((IHtmlInputElement)page.QuerySelector("#digits")!).Value);
        Assert.Equal(0, await DbAsync(db => db.Set<PaperEntry>().CountAsync()));
    }

    [Fact]
    public async Task Entered_ballots_can_be_corrected_and_deleted_before_the_side_is_complete()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var clerk = await SignInAsync("organizer");
        var batch = await CreateBatchAsync(clerk, meeting, await GroupKeyAsync(meeting), 3);
        var url = $"/Evaluation/Batch/{batch}/1";
        foreach (var ballot in new[] { DongchengGood, DongchengGood, DongchengFair })
        {
            await clerk.SubmitAndFollowAsync(url, "#entry-form", new() { ["Digits"] = ballot });
        }

        using var wrong = await clerk.SubmitAsync(url, "#entries tr[data-position='1'] form", new() { ["Digits"] = "12" });
        Assert.Equal("应输入14位数字（每位述职对象一位），现为2位。", (await Session.ParseAsync(wrong)).ErrorFor("Entries[1]"));
        var page = await clerk.SubmitAndFollowAsync(url, "#entries tr[data-position='2'] form", [], "button[formaction*='handler=Remove']");

        Assert.Equal(["2", "1"], page.QuerySelectorAll("#entries tbody tr").Select(r => r.GetAttribute("data-position")!));
        Assert.Equal(DongchengFair, ((IHtmlInputElement)page.QuerySelector("#entry-2")!).Value);
        Assert.Equal("好 2，弃权 12", page.QuerySelector("#entries tr[data-position='1'] td:last-child")!.TextContent);
        Assert.Equal("第3张", page.QuerySelector("#entry-form label")!.TextContent);
    }

    [Fact]
    public async Task More_returned_than_issued_across_phone_and_paper_voids_the_round()
    {
        var meeting = await EvaluatingMeetingAsync();
        var group = await GroupKeyAsync(meeting);
        using var clerkA = await SignInAsync("organizer");
        using var clerkB = await SignInSecondClerkAsync();
        await RecordIssuedAsync(clerkA, meeting, group, 1);
        var batch = await CreateBatchAsync(clerkA, meeting, group, 2);
        await KeyInAsync(clerkA, batch, 1, DongchengGood, DongchengFair);
        await KeyInAsync(clerkB, batch, 2, DongchengGood, DongchengFair);
        (await CountAsync(clerkA, batch)).Dispose();

        var results = await clerkA.GetAsync($"/Evaluation/Results/{meeting}");

        Assert.Equal("1", results.QuerySelector("#issued")!.TextContent);
        Assert.Equal("2", results.QuerySelector("#returned")!.TextContent);
        Assert.Contains("收回票数多于发出票数，本轮测评无效。", results.MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paper_issued_must_be_a_whole_number_shown_next_to_its_group()
    {
        var meeting = await EvaluatingMeetingAsync();
        var group = await GroupKeyAsync(meeting);
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.SubmitAsync($"/Evaluation/Paper/{meeting}", "form[action*='handler=Issued']", new() { [$"Issued[{group}]"] = "十" });

        Assert.Equal("请输入0到10000之间的整数。", (await Session.ParseAsync(response)).ErrorFor($"Issued[{group}]"));
        Assert.Equal(0, await DbAsync(db => db.PaperIssues.CountAsync()));
    }

    [Fact]
    public async Task Deleting_a_batch_asks_first_and_an_unconfirmed_post_keeps_the_batch_and_its_entries()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var clerk = await SignInAsync("organizer");
        var batch = await CreateBatchAsync(clerk, meeting, await GroupKeyAsync(meeting), 5);
        await clerk.SubmitAndFollowAsync($"/Evaluation/Batch/{batch}/1", "#entry-form", new() { ["Digits"] = DongchengGood });
        var paper = await clerk.GetAsync($"/Evaluation/Paper/{meeting}");
        Assert.Equal("确定删除第1批？", paper.QuerySelector("form[action*='handler=DeleteBatch'] button")!.GetAttribute("data-confirm-title"));

        using var unconfirmed = await clerk.SubmitAsync(paper, "form[action*='handler=DeleteBatch']", []);

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Equal(1, await DbAsync(db => db.PaperBatches.CountAsync()));
        Assert.Equal(1, await DbAsync(db => db.Set<PaperEntry>().CountAsync()));
        var question = await Session.ParseAsync(unconfirmed);
        Assert.Equal("确定删除第1批？", question.Heading());
        Assert.Contains("第1批", question.MainText(), StringComparison.Ordinal);
        Assert.Contains("已录入1张、0张）将一并删除，不能恢复", question.MainText(), StringComparison.Ordinal);
        Assert.Equal(batch.ToString(), question.QuerySelector("main form input[name=batchId]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_batch_set_up_by_mistake_can_be_deleted_with_its_entries_until_it_is_counted()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var clerk = await SignInAsync("organizer");
        var batch = await CreateBatchAsync(clerk, meeting, await GroupKeyAsync(meeting), 5);
        await clerk.SubmitAndFollowAsync($"/Evaluation/Batch/{batch}/1", "#entry-form", new() { ["Digits"] = DongchengGood });

        using var deleted = await clerk.SubmitConfirmedAsync($"/Evaluation/Paper/{meeting}", "form[action*='handler=DeleteBatch']", []);
        var page = await clerk.FollowAsync(deleted);

        Assert.Null(page.QuerySelector("#batches"));
        Assert.Equal(0, await DbAsync(db => db.PaperBatches.CountAsync()));
        Assert.Equal(0, await DbAsync(db => db.Set<PaperEntry>().CountAsync()));
    }
}
