using System.Globalization;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Tests.Evaluation;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

/// <summary>
/// Issue 15 (ADR 0012): the meeting with rater groups 区级领导 8, 部门负责人 20, 党代表、人大代表、政协委员 2 and
/// 基层党员群众代表 16, weighted 0.3/0.3/0.2/0.2, attacked with everything the pages and the export publish.
/// </summary>
public sealed class HiddenGroupTests : EvaluationTest
{
    private const string Hidden = "不公开";
    private static readonly int[] Sizes = [8, 20, 2, 16];
    private static readonly decimal[] Weights = [0.3m, 0.3m, 0.2m, 0.2m];

    /// <summary>The meeting, voted with marks from a seeded generator, closed and published.</summary>
    private async Task<(Guid Id, EvaluationRules Rules, List<Guid> BallotOrder, List<Ballot> Ballots)> PublishedIssue15MeetingAsync()
    {
        var id = await EvaluatingMeetingAsync(meeting =>
        {
            var groups = meeting.Attendance.OrderBy(g => g.Order).ToList();
            meeting.SetAttendance(groups.Select((g, i) => new AttendanceDraft(g.Id, g.Name, Sizes[i])));
            meeting.SetEvaluationRules(EvaluationRules.Create(
                groups: groups.Select((g, i) => new RaterGroupRule(g.Id.ToString(), g.Name, Weights[i])).ToList()));
        });
        var order = await BallotOrderAsync(id);
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Attendance).SingleAsync(m => m.Id == id);
            var random = new Random(15);
            foreach (var (group, size) in meeting.Attendance.OrderBy(g => g.Order).Zip(Sizes))
            {
                db.BallotCodes.AddRange(BallotCode.Issue(id, group.Id.ToString(), size, CodeHashKey).Select(x => x.Code));
                for (var i = 0; i < size; i++)
                {
                    var marks = order.Select((r, k) => (r, k == 0 ? (random.Next(2) == 0 ? "好" : "较好") : Mark(random))).ToDictionary(x => x.r, x => x.Item2);
                    db.Ballots.Add(Ballot.Cast(id, group.Id.ToString(), marks, order, meeting.EvaluationRules!));
                }
            }

            meeting.Close(Guid.NewGuid(), DateTimeOffset.UtcNow);
            meeting.PublishResults(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        return await DbAsync(async db =>
        {
            var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id);
            return (id, meeting.EvaluationRules!, order, await db.Ballots.AsNoTracking().Where(b => b.MeetingId == id).ToListAsync());
        });
    }

    private static string? Mark(Random random) => random.Next(20) switch
    {
        < 9 => "好",
        < 15 => "较好",
        < 18 => "一般",
        18 => "差",
        _ => null,
    };

    [Fact]
    public async Task Nothing_published_singles_out_the_two_deputies_ballots_or_their_mean_though_the_old_weighting_gave_both_away()
    {
        var (id, rules, order, stored) = await PublishedIssue15MeetingAsync();
        var leaders = rules.Groups[0];
        var deputies = rules.Groups[2];
        using var organizer = await SignInAsync("organizer");
        using var secretary = await SignInAsync("secretary");

        // What is published: the results page, the workbook with its raw-ballot sheet, the minutes, the secretary's row.
        var page = await organizer.GetAsync($"/Evaluation/Results/{id}");
        var workbook = ExcelWorkbook.Read(await organizer.Client.GetByteArrayAsync(new Uri($"/Evaluation/Results/{id}?handler=Excel", UriKind.Relative)));
        var minutes = await organizer.GetAsync($"/Documents/{id}?handler=Minutes");
        var own = await secretary.GetAsync($"/Evaluation/Results/{id}");

        var units = await DbAsync(db => db.Reporters.Where(r => r.MeetingId == id).ToDictionaryAsync(r => r.Id, r => r.UnitName));
        var onPage = page.QuerySelectorAll("tbody tr[data-unit]").ToDictionary(tr => tr.GetAttribute("data-unit")!, tr => Number(tr.QuerySelector("td.score")!.TextContent));
        var published = order.Select(r => onPage[units[r]]).ToList();
        Assert.Equal(published, order.Select(r => Column(workbook.Sheet("测评结果"), "述职对象", "分类别加权得分")[units[r]]));
        Assert.Equal(published, order.Select(r => Column(minutes, "述职单位", "测评得分")[units[r]]));
        var (ownUnit, ownScore) = Assert.Single(own.QuerySelectorAll("tbody tr[data-unit]").Select(tr => (tr.GetAttribute("data-unit")!, Number(tr.QuerySelector("td.score")!.TextContent))));
        Assert.Equal(onPage[ownUnit], ownScore);
        Assert.All(page.QuerySelectorAll("#groups-heading ~ table tbody tr"), tr =>
            Assert.Equal([Hidden, Hidden], new[] { tr.Children[1].TextContent, tr.Children[3].TextContent }));
        Assert.Equal(
            GroupDisclosure.PoolRule + "本次合并计分的类别：区级领导、党代表、人大代表、政协委员，合计权重0.5。",
            page.QuerySelector("#pool-rule")!.TextContent.Trim());

        var (undisclosed, disclosed) = RawBallots(workbook, rules, order);
        Assert.Equal(Sizes[0] + Sizes[2], undisclosed.Count);
        Assert.Equal(Sizes[1] + Sizes[3], disclosed.Count);

        var attack = new HiddenGroupAttack(undisclosed, disclosed, deputies.Key, Sizes[2], leaders.Key, published, ballots => Scores(rules, order, ballots));

        Assert.Equal(45, attack.AllChoices.Count);
        Assert.Equal(45, attack.ConsistentChoices().Count);
        Assert.Empty(attack.SolvedMeans(order, rules));

        // The same attack, fed the scores the old rule (each hidden group with a weight of its own) would have published.
        var all = stored.Select(b => new TallyBallot(b.GroupKey, b.Grades)).ToList();
        var oldScores = HiddenGroupAttack.ScoresWithOwnWeights(rules, order, all);
        var oldAttack = new HiddenGroupAttack(
            undisclosed, disclosed, deputies.Key, Sizes[2], leaders.Key, oldScores, ballots => HiddenGroupAttack.ScoresWithOwnWeights(rules, order, ballots));

        var found = Assert.Single(oldAttack.ConsistentChoices());
        string Marks(TallyBallot b) => string.Join('|', order.Select(r => b.GradeFor(r)));
        Assert.Equal(
            all.Where(b => b.GroupKey == deputies.Key).Select(Marks).Order(),
            found.Select(i => Marks(undisclosed[i])).Order());
        Assert.Equal(order.Count, oldAttack.SolvedMeans(order, rules).Count(s => s.Means.Count == 1));
    }

    /// <summary>The raw-ballot sheet read back as ballots: the 不公开 ones, and the ones it names a group for.</summary>
    private static (List<TallyBallot> Undisclosed, List<TallyBallot> Disclosed) RawBallots(ExcelWorkbook workbook, EvaluationRules rules, List<Guid> order)
    {
        var rows = workbook.Sheet("原始票据").Skip(1).Select(row => new TallyBallot(
            row[0] == Hidden ? Hidden : rules.Groups.Single(g => g.Name == row[0]).Key,
            order.Select((r, i) => (r, row[i + 1] == "弃权" ? null : rules.Grades.Single(g => g.Name == row[i + 1]).Key)).ToDictionary(x => x.r, x => x.Item2)))
            .ToList();
        return (rows.Where(b => b.GroupKey == Hidden).ToList(), rows.Where(b => b.GroupKey != Hidden).ToList());
    }

    private static List<decimal?> Scores(EvaluationRules rules, List<Guid> order, IReadOnlyList<TallyBallot> ballots) =>
        Tally.Compute(new TallyInput(rules, order, ballots, ballots.Count, ballots.Count)).Reporters.Select(r => r.EvaluationScore).ToList();

    private static decimal? Number(string text) =>
        text.Trim() is "—" or "" ? null : decimal.Parse(text.Trim(), CultureInfo.InvariantCulture);

    /// <summary>A column of a results table by unit, from a sheet of the workbook.</summary>
    private static Dictionary<string, decimal?> Column(IReadOnlyList<IReadOnlyList<string>> sheet, string unitHeader, string header)
    {
        var at = sheet.ToList().FindIndex(row => row.Contains(unitHeader));
        var unit = sheet[at].ToList().IndexOf(unitHeader);
        var column = sheet[at].ToList().IndexOf(header);
        return sheet.Skip(at + 1).Where(row => row.Count > column).ToDictionary(row => row[unit], row => Number(row[column]));
    }

    /// <summary>A column of a results table by unit, from an HTML document.</summary>
    private static Dictionary<string, decimal?> Column(IHtmlDocument document, string unitHeader, string header)
    {
        var table = document.QuerySelectorAll("table").Single(t => t.QuerySelectorAll("thead th").Any(th => th.TextContent == header));
        var headers = table.QuerySelectorAll("thead th").Select(th => th.TextContent).ToList();
        return table.QuerySelectorAll("tbody tr").ToDictionary(
            tr => tr.Children[headers.IndexOf(unitHeader)].TextContent,
            tr => Number(tr.Children[headers.IndexOf(header)].TextContent));
    }
}
