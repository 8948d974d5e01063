using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;
using static ReviewMeetings.Web.Tests.Pages.Live.ConsoleTests;

namespace ReviewMeetings.Web.Tests.Pages.Live;

public sealed class CommentTests : AppTest
{
    private const string Json = "application/json";

    private async Task<(Guid Meeting, Guid Dongcheng, Guid Xicheng)> MeetingAsync(bool assigned = true)
    {
        var builder = new MeetingBuilder().OnSite(Dongcheng, Xicheng).Written(Nanhu).Published();
        var id = await DbAsync(db => (assigned ? builder.CommentedBy("leader") : builder).SaveAsync(db));
        var reporters = await DbAsync(db => db.Reporters.Where(r => r.MeetingId == id).ToDictionaryAsync(r => r.UnitName, r => r.Id));
        return (id, reporters[Dongcheng], reporters[Xicheng]);
    }

    private static string Pad(Guid meeting, Guid reporter) => $"/Live/Pad/{meeting}?reporter={reporter}";

    private static IHtmlDocument Fill(IHtmlDocument page, params string[] problems)
    {
        var inputs = page.QuerySelectorAll("input[name='Input.Problems']").OfType<IHtmlInputElement>().ToList();
        for (var i = 0; i < inputs.Count; i++)
        {
            inputs[i].Value = i < problems.Length ? problems[i] : "";
        }

        return page;
    }

    private static Dictionary<string, string> Text(string achievements, string expectations = "希望再接再厉。") =>
        new() { ["Input.Achievements"] = achievements, ["Input.Expectations"] = expectations };

    private Task<Comment?> StoredAsync(Guid reporter) =>
        DbAsync(db => db.Comments.AsNoTracking().Include(c => c.History).SingleOrDefaultAsync(c => c.ReporterId == reporter && c.Author == CommentAuthor.Leader));

    [Fact]
    public async Task Leader_autosaves_a_draft_and_gets_the_new_version_and_time()
    {
        var (id, dongcheng, _) = await MeetingAsync();
        using var leader = await SignInAsync("leader");
        var page = Fill(await leader.GetAsync(Pad(id, dongcheng)), "阵地建设滞后", "党员教育方式单一");

        var response = await leader.SubmitAsync(page, "#comment-form", Text("基层组织建设扎实。"), accept: Json);

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var stored = await StoredAsync(dongcheng);
        Assert.NotNull(stored);
        Assert.Equal(stored.Version, body.RootElement.GetProperty("version").GetUInt32());
        Assert.Matches(@"^\d{2}:\d{2}:\d{2}$", body.RootElement.GetProperty("savedAt").GetString());
        Assert.Equal(CommentStatus.Draft, stored.Status);
        Assert.Equal("基层组织建设扎实。", stored.Achievements);
        Assert.Equal(["阵地建设滞后", "党员教育方式单一"], stored.Problems);
        Assert.Equal([CommentAction.Created, CommentAction.Edited], stored.History.Select(h => h.Action).Order());
    }

    [Fact]
    public async Task Save_from_a_second_device_on_an_older_version_is_refused_with_both_texts()
    {
        var (id, dongcheng, _) = await MeetingAsync();
        using var tablet = await SignInAsync("leader");
        using var laptop = await SignInAsync("leader");
        var laptopPage = await laptop.GetAsync(Pad(id, dongcheng));
        (await tablet.SubmitAsync(Fill(await tablet.GetAsync(Pad(id, dongcheng)), "问题甲"), "#comment-form", Text("平板上写的。"), accept: Json)).EnsureSuccessStatusCode();

        var response = await laptop.SubmitAsync(Fill(laptopPage, "问题乙"), "#comment-form", Text("笔记本上写的。"), accept: Json);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var theirs = body.RootElement.GetProperty("conflict");
        Assert.Equal("平板上写的。", theirs.GetProperty("achievements").GetString());
        Assert.Equal("问题甲", theirs.GetProperty("problems")[0].GetString());
        Assert.Equal("平板上写的。", (await StoredAsync(dongcheng))!.Achievements);

        // Keeping the laptop's text: the script resends it on top of the version it was shown.
        laptopPage.QuerySelector<IHtmlInputElement>("input[name='Input.Version']")!.Value = theirs.GetProperty("version").GetUInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await laptop.SubmitAsync(Fill(laptopPage, "问题乙"), "#comment-form", Text("笔记本上写的。"), accept: Json)).EnsureSuccessStatusCode();
        Assert.Equal("笔记本上写的。", (await StoredAsync(dongcheng))!.Achievements);
    }

    [Fact]
    public async Task Conflict_without_scripts_shows_the_message_and_keeps_what_was_typed()
    {
        var (id, dongcheng, _) = await MeetingAsync();
        using var tablet = await SignInAsync("leader");
        using var laptop = await SignInAsync("leader");
        var laptopPage = await laptop.GetAsync(Pad(id, dongcheng));
        (await tablet.SubmitAsync(Fill(await tablet.GetAsync(Pad(id, dongcheng))), "#comment-form", Text("平板上写的。"))).Dispose();

        var page = await Session.ParseAsync(await laptop.SubmitAsync(laptopPage, "#comment-form", Text("笔记本上写的。")));

        Assert.Contains("另一台设备刚保存了这条点评", PageText.Summary(page), StringComparison.Ordinal);
        Assert.Equal("笔记本上写的。", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Achievements']")!.Value);
    }

    [Fact]
    public async Task Submitted_comment_is_locked_until_an_organizer_reopens_it_with_a_reason()
    {
        var (id, dongcheng, _) = await MeetingAsync();
        using var leader = await SignInAsync("leader");
        var page = await leader.FollowAsync(await leader.SubmitAsync(Fill(await leader.GetAsync(Pad(id, dongcheng)), "阵地建设滞后"), "#comment-form", Text("成绩突出。"), "[data-finalize]"));

        Assert.Contains("点评已提交", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.GetElementById("comment-form"));
        Assert.Equal(CommentStatus.Final, (await StoredAsync(dongcheng))!.Status);

        using var organizer = await SignInAsync("organizer");
        var comments = await organizer.GetAsync($"/Live/Comments/{id}");
        var refused = await Session.ParseAsync(await organizer.SubmitAsync(comments, "form[action*='handler=Reopen']", new() { ["reason"] = "" }));
        Assert.Contains("请填写重新开放原因。", refused.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        (await organizer.SubmitAsync(comments, "form[action*='handler=Reopen']", new() { ["reason"] = "领导要求补充" })).Dispose();

        var stored = await StoredAsync(dongcheng);
        Assert.Equal(CommentStatus.Draft, stored!.Status);
        var reopened = stored.History.OrderBy(h => h.At).Last();
        Assert.Equal((CommentAction.Reopened, "领导要求补充"), (reopened.Action, reopened.Reason));
        Assert.NotNull((await leader.GetAsync(Pad(id, dongcheng))).GetElementById("comment-form"));
    }

    [Fact]
    public async Task Empty_comment_cannot_be_submitted_and_the_reason_is_shown()
    {
        var (id, dongcheng, _) = await MeetingAsync();
        using var leader = await SignInAsync("leader");

        var page = await Session.ParseAsync(await leader.SubmitAsync(Fill(await leader.GetAsync(Pad(id, dongcheng))), "#comment-form", Text("", ""), "[data-finalize]"));

        Assert.Contains("点评内容为空，不能提交。", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await StoredAsync(dongcheng));
    }

    [Fact]
    public async Task Too_long_problem_is_refused_next_to_the_problems_and_nothing_is_lost()
    {
        var (id, dongcheng, _) = await MeetingAsync();
        using var leader = await SignInAsync("leader");

        var page = await Session.ParseAsync(await leader.SubmitAsync(
            Fill(await leader.GetAsync(Pad(id, dongcheng)), new string('问', Comment.ProblemMaxLength + 1)), "#comment-form", Text("成绩突出。")));

        Assert.Equal($"每条问题不能超过{Comment.ProblemMaxLength}个字。", PageText.ErrorFor(page, "Input.Problems"));
        Assert.Equal("成绩突出。", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Achievements']")!.Value);
        Assert.Null(await StoredAsync(dongcheng));
    }

    [Fact]
    public async Task Leader_not_assigned_to_the_meeting_can_neither_read_nor_write_comments()
    {
        var (id, dongcheng, _) = await MeetingAsync(assigned: false);
        using var leader = await SignInAsync("leader");
        var token = (await leader.GetAsync("/Account/ChangePassword")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var read = await leader.StatusOfAsync(Pad(id, dongcheng));
        var write = await leader.Client.PostAsync(new Uri($"/Live/Pad/{id}?reporter={dongcheng}&handler=Save", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Achievements", "越权写入")]));

        Assert.Equal(HttpStatusCode.NotFound, read);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Null(await StoredAsync(dongcheng));
    }

    [Theory]
    [InlineData("secretary")]
    [InlineData("organizer")]
    [InlineData("observer")]
    public async Task Only_leaders_use_the_comment_pad(string user)
    {
        var (id, dongcheng, _) = await MeetingAsync();
        using var session = await SignInAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, await session.StatusOfAsync(Pad(id, dongcheng)));
    }

    [Fact]
    public async Task Secretary_sees_only_the_submitted_comments_on_their_own_unit_once_released()
    {
        var (id, dongcheng, xicheng) = await MeetingAsync();
        using var leader = await SignInAsync("leader");
        (await leader.SubmitAsync(Fill(await leader.GetAsync(Pad(id, dongcheng)), "阵地建设滞后"), "#comment-form", Text("东城成绩突出。"), "[data-finalize]")).Dispose();
        (await leader.SubmitAsync(Fill(await leader.GetAsync(Pad(id, xicheng)), "西城问题"), "#comment-form", Text("西城成绩突出。"), "[data-finalize]")).Dispose();
        using var organizer = await SignInAsync("organizer");
        (await organizer.SubmitAsync($"/Live/Representative/{id}", "#representative-form", new()
        {
            ["Input.ReporterId"] = dongcheng.ToString(),
            ["Input.Name"] = "周秀兰",
            ["Input.Identity"] = "群众代表",
            ["Input.Achievements"] = "为民办事实在。",
            ["Input.Problems"] = "社区服务时间短\n停车难",
            ["Input.Expectations"] = "",
        }, "button[name=finalize]")).Dispose();
        (await organizer.SubmitAsync($"/Live/Representative/{id}", "#representative-form", new()
        {
            ["Input.ReporterId"] = dongcheng.ToString(),
            ["Input.Name"] = "李草稿",
            ["Input.Identity"] = "党员代表",
            ["Input.Achievements"] = "未提交的草稿",
        })).Dispose();
        using var secretary = await SignInAsync("secretary");

        Assert.DoesNotContain("东城成绩突出", (await secretary.GetAsync("/Feedback")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == id);
            meeting.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
            meeting.Close(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        (await organizer.SubmitConfirmedAsync($"/Live/Comments/{id}", "form[action*='handler=Release']", [])).Dispose();

        var feedback = (await secretary.GetAsync("/Feedback")).QuerySelector("main")!.TextContent;
        Assert.Contains("东城成绩突出。", feedback, StringComparison.Ordinal);
        Assert.Contains("阵地建设滞后", feedback, StringComparison.Ordinal);
        Assert.Contains("周秀兰（群众代表）", feedback, StringComparison.Ordinal);
        Assert.Contains("停车难", feedback, StringComparison.Ordinal);
        Assert.DoesNotContain("西城", feedback, StringComparison.Ordinal);
        Assert.DoesNotContain("未提交的草稿", feedback, StringComparison.Ordinal);
        Assert.NotNull(await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.FeedbackReleasedAt).SingleAsync()));
    }

    [Fact]
    public async Task Feedback_cannot_be_released_while_the_meeting_is_still_open()
    {
        var (id, _, _) = await MeetingAsync();
        using var organizer = await SignInAsync("organizer");

        var page = await organizer.GetAsync($"/Live/Comments/{id}");

        Assert.Null(page.QuerySelector("form[action*='handler=Release']"));
        Assert.Contains("会议结束后可以反馈", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(MeetingStatus.Published, await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
    }

    private Task<int> CloseAsync(Guid id) => DbAsync(async db =>
    {
        var meeting = await db.Meetings.SingleAsync(m => m.Id == id);
        meeting.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
        meeting.Close(Guid.NewGuid(), DateTimeOffset.UtcNow);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Comments_are_locked_once_the_meeting_closes_until_an_organizer_reopens_them_with_a_reason()
    {
        const string Locked = "会议已结束，点评已锁定，不能再新增或修改。如确需补充或更正，请组织部门说明原因后重新开放点评。";
        var (id, dongcheng, xicheng) = await MeetingAsync();
        using var leader = await SignInAsync("leader");
        (await leader.SubmitAsync(Fill(await leader.GetAsync(Pad(id, dongcheng)), "阵地建设滞后"), "#comment-form", Text("东城成绩突出。"), "[data-finalize]")).Dispose();
        var stalePad = await leader.GetAsync(Pad(id, xicheng));
        using var organizer = await SignInAsync("organizer");
        var staleRepresentative = await organizer.GetAsync($"/Live/Representative/{id}");
        await CloseAsync(id);
        (await organizer.SubmitConfirmedAsync($"/Live/Comments/{id}", "form[action*='handler=Release']", [])).Dispose();

        // A pad left open during the meeting, an autosave and a representative's form all arrive after the close.
        var refused = await Session.ParseAsync(await leader.SubmitAsync(Fill(stalePad, "事后补写的问题"), "#comment-form", Text("事后补写。"), "[data-finalize]"));
        Assert.Contains(Locked, refused.Summary(), StringComparison.Ordinal);
        using var autosave = await leader.SubmitAsync(Fill(stalePad, "事后补写的问题"), "#comment-form", Text("事后补写。"), accept: Json);
        Assert.Equal(HttpStatusCode.BadRequest, autosave.StatusCode);
        using (var body = JsonDocument.Parse(await autosave.Content.ReadAsStringAsync()))
        {
            Assert.Equal(Locked, body.RootElement.GetProperty("error").GetString());
        }

        var representative = await Session.ParseAsync(await organizer.SubmitAsync(staleRepresentative, "#representative-form", new()
        {
            ["Input.ReporterId"] = xicheng.ToString(),
            ["Input.Name"] = "周秀兰",
            ["Input.Identity"] = "群众代表",
            ["Input.Achievements"] = "事后补录。",
        }, "button[name=finalize]"));
        Assert.Contains(Locked, representative.Summary(), StringComparison.Ordinal);
        Assert.Null(await StoredAsync(xicheng));
        Assert.Equal(1, await DbAsync(db => db.Comments.CountAsync(c => c.MeetingId == id)));
        Assert.Contains("点评已锁定", (await leader.GetAsync(Pad(id, xicheng))).GetElementById("comment-locked")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await leader.GetAsync(Pad(id, xicheng))).GetElementById("comment-form"));

        // Reopening needs a reason; with one, who, when and why are stored and shown.
        var comments = await organizer.GetAsync($"/Live/Comments/{id}");
        var noReason = await Session.ParseAsync(await organizer.SubmitAsync(comments, "form[action*='handler=ReopenComments']", new() { ["reason"] = "" }));
        Assert.Contains("请填写重新开放点评的原因", noReason.QuerySelector("#comments-lock")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.SubmitAsync(comments, "form[action*='handler=ReopenComments']", new() { ["reason"] = "西城点评漏录" })).StatusCode);
        var organizerId = await DbAsync(db => db.Users.Where(u => u.UserName == "organizer").Select(u => u.Id).SingleAsync());
        var reopened = await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => new { m.CommentsReopenedBy, m.CommentsReopenReason, m.CommentsReopenedAt }).SingleAsync());
        Assert.Equal((organizerId, "西城点评漏录"), (reopened.CommentsReopenedBy!.Value, reopened.CommentsReopenReason));
        Assert.NotNull(reopened.CommentsReopenedAt);
        Assert.Contains("西城点评漏录", (await organizer.GetAsync($"/Live/Comments/{id}")).QuerySelector("#comments-lock")!.TextContent, StringComparison.Ordinal);
        var pad = await leader.GetAsync(Pad(id, xicheng));
        Assert.Contains("原因：西城点评漏录", pad.GetElementById("comments-reopened")!.TextContent, StringComparison.Ordinal);

        (await leader.SubmitAsync(Fill(pad, "西城问题"), "#comment-form", Text("西城补充点评。"), "[data-finalize]")).Dispose();
        Assert.Equal(CommentStatus.Final, (await StoredAsync(xicheng))!.Status);

        // Locked again: the history keeps both steps.
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.SubmitAsync($"/Live/Comments/{id}", "form[action*='handler=LockComments']", [])).StatusCode);
        var history = (await organizer.GetAsync($"/Live/Comments/{id}")).QuerySelector("#comments-lock-history")!.TextContent;
        Assert.Contains("重新开放点评：西城点评漏录", history, StringComparison.Ordinal);
        Assert.Contains("重新锁定点评", history, StringComparison.Ordinal);
        Assert.Null((await leader.GetAsync(Pad(id, xicheng))).GetElementById("comment-form"));
    }
}
