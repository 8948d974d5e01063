using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

public sealed class ResultsTests : AppTest
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";

    /// <summary>
    /// Four ballots: 东城 gets 好, 好, 较好, 一般 (score 85.00); 西城 gets 好, 差 and two abstentions (score 50.00);
    /// everyone else is left blank. Six codes were issued.
    /// </summary>
    private async Task<Guid> VotedMeetingAsync()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        await DbAsync(db => FourBallots.CastAsync(db, id, CodeHashKey));
        return id;
    }

    private async Task AdvanceAsync(Guid id, params MeetingStatus[] steps) =>
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == id);
            foreach (var step in steps)
            {
                Action<Guid, DateTimeOffset> move = step switch
                {
                    MeetingStatus.Closed => meeting.Close,
                    MeetingStatus.ResultsPublished => meeting.PublishResults,
                    _ => throw new ArgumentOutOfRangeException(nameof(steps)),
                };
                move(Guid.NewGuid(), DateTimeOffset.UtcNow);
            }

            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Organizer_sees_the_live_tally_with_rates_scores_ranks_and_bands()
    {
        var id = await VotedMeetingAsync();
        using var organizer = await SignInAsync("organizer");

        var page = await organizer.GetAsync($"/Evaluation/Results/{id}");

        Assert.Equal("6", page.QuerySelector("#issued")!.TextContent);
        Assert.Equal("4", page.QuerySelector("#returned")!.TextContent);
        Assert.Equal("4", page.QuerySelector("#valid")!.TextContent);
        var rows = page.QuerySelectorAll("tbody tr[data-unit]").ToList();
        Assert.Equal(Dongcheng, rows[0].GetAttribute("data-unit"));
        Assert.Equal(Xicheng, rows[1].GetAttribute("data-unit"));
        var dongcheng = rows[0].Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("1", dongcheng[0]);
        Assert.StartsWith("2", dongcheng[2], StringComparison.Ordinal);
        Assert.EndsWith("50.0%", dongcheng[2], StringComparison.Ordinal);
        Assert.Equal("50.0%", dongcheng[7]);
        Assert.Equal("75.0%", dongcheng[8]);
        Assert.Equal("85.00", dongcheng[9]);
        Assert.Equal("较好", dongcheng[11]);
        Assert.Equal("50.00", rows[1].QuerySelector(".score")!.TextContent);
        Assert.Equal("差", rows[1].QuerySelector(".band")!.TextContent);
        Assert.Equal(64, page.QuerySelector("#digest")!.TextContent.Length);
        Assert.Equal("—", rows[^1].Children[0].TextContent.Trim());
    }

    [Fact]
    public async Task Refreshing_the_results_counts_every_ballot_and_voided_code_that_arrived_since()
    {
        var id = await VotedMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var before = await organizer.GetAsync($"/Evaluation/Results/{id}");
        Assert.Equal("4", before.QuerySelector("#returned")!.TextContent);

        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).SingleAsync(m => m.Id == id);
            var group = meeting.Attendance.OrderBy(g => g.Order).Last().Id.ToString();
            var dongcheng = meeting.Reporters.Single(r => r.UnitName == Dongcheng).Id;
            db.Ballots.Add(Ballot.Cast(id, group, new Dictionary<Guid, string?> { [dongcheng] = "差" },
                meeting.Reporters.Select(r => r.Id).ToList(), meeting.EffectiveEvaluationRules));
            (await db.BallotCodes.Where(c => c.MeetingId == id && c.State == BallotCodeState.Issued).FirstAsync()).Void();
            return await db.SaveChangesAsync();
        });
        var after = await organizer.GetAsync($"/Evaluation/Results/{id}");

        Assert.Equal("5", after.QuerySelector("#issued")!.TextContent);
        Assert.Equal("5", after.QuerySelector("#returned")!.TextContent);
        Assert.NotEqual(before.QuerySelector("#digest")!.TextContent, after.QuerySelector("#digest")!.TextContent);
        var dongcheng = after.QuerySelectorAll("tbody tr[data-unit]").Single(r => r.GetAttribute("data-unit") == Dongcheng);
        Assert.NotEqual("85.00", dongcheng.QuerySelector(".score")!.TextContent);
    }

    [Fact]
    public async Task After_publishing_each_secretary_sees_only_their_own_row()
    {
        var id = await VotedMeetingAsync();
        using var secretary = await SignInAsync("secretary");
        using var observer = await SignInAsync("observer");
        Assert.Equal(HttpStatusCode.NotFound, await secretary.StatusOfAsync($"/Evaluation/Results/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, await observer.StatusOfAsync($"/Evaluation/Results/{id}"));

        await AdvanceAsync(id, MeetingStatus.Closed, MeetingStatus.ResultsPublished);

        var own = await secretary.GetAsync($"/Evaluation/Results/{id}");
        var row = Assert.Single(own.QuerySelectorAll("tbody tr[data-unit]"));
        Assert.Equal(Dongcheng, row.GetAttribute("data-unit"));
        Assert.Null(own.QuerySelector("#digest"));
        Assert.DoesNotContain(Xicheng, own.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var all = await observer.GetAsync($"/Evaluation/Results/{id}");
        Assert.Equal(14, all.QuerySelectorAll("tbody tr[data-unit]").Length);

        using var leader = await SignInAsync("leader");
        Assert.Equal(HttpStatusCode.OK, await leader.StatusOfAsync($"/Evaluation/Results/{id}"));
        using var otherDistrict = await SignInAsync("organizer.liulin");
        Assert.Equal(HttpStatusCode.NotFound, await otherDistrict.StatusOfAsync($"/Evaluation/Results/{id}"));
    }
}
