using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Web.Pages.Evaluation;
using ReviewMeetings.Web.Pages.Meetings;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

public sealed class ScoresTests : EvaluationTest
{
    /// <summary>
    /// Daily assessment (日常考核) weighs 40 of 100. Two ballots give 东城 好 and 较好 (evaluation score 90.00) and
    /// 西城 好 twice (100.00).
    /// </summary>
    private async Task<Guid> MeetingWithDailyAssessmentAsync()
    {
        var id = await EvaluatingMeetingAsync(meeting =>
        {
            var input = EvaluationModel.RulesInput.From(meeting);
            input.DailyWeight = 40;
            meeting.SetEvaluationRules(input.ToRules());
        });
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).AsNoTracking().SingleAsync(m => m.Id == id);
            var rules = meeting.EffectiveEvaluationRules;
            var group = meeting.Attendance.OrderBy(g => g.Order).Last().Id.ToString();
            var reporters = meeting.Reporters.Select(r => r.Id).ToList();
            var d = meeting.Reporters.Single(r => r.UnitName == Dongcheng).Id;
            var x = meeting.Reporters.Single(r => r.UnitName == Xicheng).Id;
            db.BallotCodes.AddRange(BallotCode.Issue(id, group, 2, CodeHashKey).Select(c => c.Code));
            db.Ballots.Add(Ballot.Cast(id, group, new Dictionary<Guid, string?> { [d] = "好", [x] = "好" }, reporters, rules));
            db.Ballots.Add(Ballot.Cast(id, group, new Dictionary<Guid, string?> { [d] = "较好", [x] = "好" }, reporters, rules));
            return await db.SaveChangesAsync();
        });
        return id;
    }

    private async Task<Guid> ReporterAsync(Guid meetingId, string unit) =>
        await DbAsync(db => db.Reporters.Where(r => r.MeetingId == meetingId && r.UnitName == unit).Select(r => r.Id).SingleAsync());

    /// <summary>Rank, composite score and band of a results row.</summary>
    private static string[] Standing(AngleSharp.Dom.IElement row) =>
        [row.Children[0].TextContent.Trim(), row.Children[10].TextContent.Trim(), row.Children[11].TextContent.Trim()];

    private static string Field(Guid reporter) => ScoresModel.FieldOf(reporter, EvaluationModel.DailyAssessmentKey);

    [Fact]
    public async Task Entered_daily_scores_complete_the_composite_rank_and_band_on_the_results()
    {
        var meeting = await MeetingWithDailyAssessmentAsync();
        var dongcheng = await ReporterAsync(meeting, Dongcheng);
        var xicheng = await ReporterAsync(meeting, Xicheng);
        using var organizer = await SignInAsync("organizer");
        var before = await organizer.GetAsync($"/Evaluation/Results/{meeting}");
        Assert.Contains("缺日常考核", before.QuerySelector($"tr[data-unit='{Dongcheng}']")!.TextContent, StringComparison.Ordinal);

        var saved = await organizer.SubmitAndFollowAsync($"/Evaluation/Scores/{meeting}", "main form", new() { [Field(dongcheng)] = "95.5", [Field(xicheng)] = "60" });

        Assert.Equal("95.5", ((IHtmlInputElement)saved.QuerySelector($"[name='{Field(dongcheng)}']")!).Value);
        var rows = (await organizer.GetAsync($"/Evaluation/Results/{meeting}")).QuerySelectorAll("tbody tr[data-unit]").ToList();
        // 东城: 90 × 0.6 + 95.5 × 0.4 = 92.20 (好); 西城: 100 × 0.6 + 60 × 0.4 = 84.00 (较好).
        Assert.Equal(Dongcheng, rows[0].GetAttribute("data-unit"));
        Assert.Equal(["1", "92.20", "好"], Standing(rows[0]));
        Assert.Equal(["2", "84.00", "较好"], Standing(rows[1]));
        Assert.Equal(2, await DbAsync(db => db.ScoreSheets.SelectMany(s => s.Scores).CountAsync()));
    }

    [Theory]
    [InlineData("九十", "请输入0到100之间的数字，如 92.5。")]
    [InlineData("100.5", "得分应在0到100之间。")]
    [InlineData("88.888", "得分最多保留2位小数。")]
    public async Task Wrong_scores_are_explained_next_to_their_field_and_nothing_is_saved(string typed, string message)
    {
        var meeting = await MeetingWithDailyAssessmentAsync();
        var dongcheng = await ReporterAsync(meeting, Dongcheng);
        var xicheng = await ReporterAsync(meeting, Xicheng);
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.SubmitAsync($"/Evaluation/Scores/{meeting}", "main form", new() { [Field(dongcheng)] = typed, [Field(xicheng)] = "80" });

        var page = await Session.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.ErrorFor(Field(dongcheng)));
        Assert.Equal("", page.ErrorFor(Field(xicheng)));
        Assert.Equal("80", ((IHtmlInputElement)page.QuerySelector($"[name='{Field(xicheng)}']")!).Value);
        Assert.Equal(0, await DbAsync(db => db.ScoreSheets.CountAsync()));
    }

    [Fact]
    public async Task A_save_over_someone_elses_newer_scores_is_refused_and_keeps_what_was_typed()
    {
        var meeting = await MeetingWithDailyAssessmentAsync();
        var dongcheng = await ReporterAsync(meeting, Dongcheng);
        using var first = await SignInAsync("organizer");
        using var second = await SignInSecondClerkAsync();
        var stale = await second.GetAsync($"/Evaluation/Scores/{meeting}");
        await first.SubmitAndFollowAsync($"/Evaluation/Scores/{meeting}", "main form", new() { [Field(dongcheng)] = "91" });

        using var response = await second.SubmitAsync(stale, "main form", new() { [Field(dongcheng)] = "70" });

        var page = await Session.ParseAsync(response);
        Assert.Equal(ScoresModel.ConflictMessage, page.Summary());
        Assert.Equal("70", ((IHtmlInputElement)page.QuerySelector($"[name='{Field(dongcheng)}']")!).Value);
        Assert.Equal(91m, await DbAsync(db => db.ScoreSheets.SelectMany(s => s.Scores).Select(s => s.Score).SingleAsync()));

        // Saving again from the refreshed form is a deliberate overwrite.
        using var again = await second.SubmitAsync(page, "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(70m, await DbAsync(db => db.ScoreSheets.SelectMany(s => s.Scores).Select(s => s.Score).SingleAsync()));
    }

    [Fact]
    public async Task Without_other_parts_there_is_nothing_to_enter()
    {
        var meeting = await EvaluatingMeetingAsync();
        using var organizer = await SignInAsync("organizer");

        var page = await organizer.GetAsync($"/Evaluation/Scores/{meeting}");

        Assert.Null(page.QuerySelector("#scores"));
        Assert.Contains("无需录入其他得分", page.MainText(), StringComparison.Ordinal);
    }
}
