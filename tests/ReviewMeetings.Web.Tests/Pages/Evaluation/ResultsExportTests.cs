using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

public sealed class ResultsExportTests : AppTest
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";
    private const string ResultsSheet = "测评结果";
    private const string BallotsSheet = "原始票据";
    private static readonly string[] Scale = ["好", "较好", "一般", "差"];

    /// <summary>
    /// A meeting in voting whose rules weigh the four rater groups 0.4/0.3/0.2/0.1, with 20 codes per group and the
    /// ballots given, each as (group index, grade per reporter in ballot order).
    /// </summary>
    private async Task<Guid> VotingMeetingAsync(Func<int, IEnumerable<(int Group, Func<int, string?> Grade)>> ballots, params string[] units)
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(units.Length > 0 ? units : [Dongcheng, Xicheng]).CommentedBy("leader").Published().SaveAsync(db));
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).SingleAsync(m => m.Id == id);
            var groups = meeting.Attendance.OrderBy(g => g.Order).Select(g => g.Id.ToString()).ToList();
            decimal[] weights = [0.4m, 0.3m, 0.2m, 0.1m];
            meeting.SetEvaluationRules(EvaluationRules.Create(
                groups: meeting.Attendance.OrderBy(g => g.Order).Select((g, i) => new RaterGroupRule(g.Id.ToString(), g.Name, weights[i])).ToList()));
            meeting.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
            meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
            db.BallotCodes.AddRange(groups.SelectMany(g => BallotCode.Issue(id, g, 20, CodeHashKey).Select(x => x.Code)));
            var reporters = meeting.InBallotOrder().Select(r => r.Id).ToList();
            foreach (var (group, grade) in ballots(reporters.Count))
            {
                var marks = reporters.Select((r, i) => (r, grade(i))).ToDictionary(x => x.r, x => x.Item2);
                db.Ballots.Add(Ballot.Cast(id, groups[group], marks, reporters, meeting.EvaluationRules!));
            }

            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>
    /// Ten ballots: five from the first group, four from the second and one from the third. The third is under the
    /// disclosure size, and the second is hidden with it so the third's marks cannot be worked out by subtraction.
    /// </summary>
    private Task<Guid> MixedBallotsAsync() => VotingMeetingAsync(_ => Enumerable.Range(0, 10).Select(k =>
        (k < 5 ? 0 : k < 9 ? 1 : 2, (Func<int, string?>)(i => (i + k) % 5 == 4 ? null : Scale[(i * k) % 4]))));

    private static async Task<(HttpResponseMessage Response, ExcelWorkbook Workbook)> DownloadAsync(Session session, Guid id)
    {
        var response = await session.Client.GetAsync($"/Evaluation/Results/{id}?handler=Excel");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, ExcelWorkbook.Read(await response.Content.ReadAsByteArrayAsync()));
    }

    private async Task<(Meeting Meeting, List<Reporter> BallotOrder, List<Ballot> Ballots, MeetingTally Tally)> StoredAsync(Guid id) =>
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).AsNoTracking().SingleAsync(m => m.Id == id);
            var ballots = await db.Ballots.AsNoTracking().Where(b => b.MeetingId == id).ToListAsync();
            var issued = await db.BallotCodes.CountAsync(c => c.MeetingId == id && c.State != BallotCodeState.Voided);
            var order = meeting.InBallotOrder().ToList();
            var tally = Tally.Compute(new TallyInput(
                meeting.EvaluationRules!, order.Select(r => r.Id).ToList(), ballots.Select(b => new TallyBallot(b.GroupKey, b.Grades)).ToList(), issued, 0));
            return (meeting, order, ballots, tally);
        });

    private async Task AdvanceToPublishedAsync(Guid id) =>
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == id);
            meeting.Close(Guid.NewGuid(), DateTimeOffset.UtcNow);
            meeting.PublishResults(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });

    private static decimal? Number(string cell) => cell == "—" ? null : decimal.Parse(cell, CultureInfo.InvariantCulture);

    private static decimal? Percent(string cell) => Number(cell) * 100;

    private static string Value(IReadOnlyList<IReadOnlyList<string>> sheet, string label) =>
        sheet.Single(row => row.Count > 1 && row[0] == label)[1];

    [Fact]
    public async Task Excel_export_holds_the_totals_and_every_row_of_the_tally_in_the_order_of_the_page()
    {
        var id = await MixedBallotsAsync();
        var (meeting, ballotOrder, ballots, tally) = await StoredAsync(id);
        using var organizer = await SignInAsync("organizer");

        var (response, workbook) = await DownloadAsync(organizer, id);

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{meeting.Title}-测评结果.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(new[] { ResultsSheet, BallotsSheet }, workbook.SheetNames);
        Assert.Empty(workbook.SchemaErrors);
        var sheet = workbook.Sheet(ResultsSheet);
        Assert.Equal(tally.Issued, int.Parse(Value(sheet, "发出"), CultureInfo.InvariantCulture));
        Assert.Equal(ballots.Count, int.Parse(Value(sheet, "收回"), CultureInfo.InvariantCulture));
        Assert.Equal(tally.Valid, int.Parse(Value(sheet, "有效票"), CultureInfo.InvariantCulture));
        Assert.Equal(tally.Void, int.Parse(Value(sheet, "废票"), CultureInfo.InvariantCulture));
        Assert.Equal(BallotDigest.Compute(ballots.Select(b => new TallyBallot(b.GroupKey, b.Grades))), Value(sheet, "测评票数据校验码（SHA-256）"));

        var headerAt = sheet.ToList().FindIndex(row => row.Count > 0 && row[0] == "述职顺序");
        var header = sheet[headerAt].ToList();
        var rows = sheet.Skip(headerAt + 1).ToList();
        var page = await organizer.GetAsync($"/Evaluation/Results/{id}");
        Assert.Equal(page.QuerySelectorAll("tbody tr[data-unit]").Select(tr => tr.GetAttribute("data-unit")), rows.Select(r => r[1]));
        foreach (var row in rows)
        {
            var reporter = ballotOrder.Single(r => r.UnitName == row[1]);
            var expected = tally.Reporters.Single(t => t.ReporterId == reporter.Id);
            var marks = ballots.Select(b => b.Grades[reporter.Id]).ToList();
            string Cell(string column) => row[header.IndexOf(column)];
            Assert.Equal(reporter.Order?.ToString(CultureInfo.InvariantCulture) ?? "—", Cell("述职顺序"));
            Assert.Equal(reporter.SecretaryName, Cell("书记"));
            foreach (var grade in expected.Grades)
            {
                Assert.Equal(marks.Count(m => m == grade.Key), Number(Cell($"{grade.Name}（票）")));
                Assert.Equal(grade.Rate, Percent(Cell($"{grade.Name}（%）")));
            }

            Assert.Equal(marks.Count(m => m is null), Number(Cell("弃权（票）")));
            Assert.Equal(expected.AbstainedRate, Percent(Cell("弃权（%）")));
            Assert.Equal(expected.TopGradeRate, Percent(Cell("好评率")));
            Assert.Equal(expected.TopTwoGradesRate, Percent(Cell("好和较好率")));
            Assert.Equal(expected.WeightedScore, Number(Cell("加权得分")));
            foreach (var group in expected.Groups)
            {
                if (group.Hidden)
                {
                    Assert.Equal("不公开", Cell($"{group.Name}得分"));
                }
                else
                {
                    Assert.Equal(group.Score, Number(Cell($"{group.Name}得分")));
                }
            }

            Assert.Equal(expected.GroupWeightedScore, Number(Cell("分类别加权得分")));
            Assert.Equal(expected.Composite, Number(Cell("综合得分")));
            Assert.Equal(expected.Rank, (int?)Number(Cell("名次")));
            Assert.Equal(expected.Band ?? "—", Cell("等次"));
        }

        Assert.Equal(ballotOrder.Count, rows.Count);
        Assert.Equal([false, true, true, true], tally.Reporters[0].Groups.Select(g => g.Hidden).ToList());
    }

    [Fact]
    public async Task Excel_export_stores_counts_rates_and_scores_as_numbers_under_a_frozen_filtered_header()
    {
        var id = await MixedBallotsAsync();
        var (_, ballotOrder, ballots, tally) = await StoredAsync(id);
        using var organizer = await SignInAsync("organizer");

        var (_, workbook) = await DownloadAsync(organizer, id);

        var cells = workbook.Cells(ResultsSheet);
        var headerAt = cells.ToList().FindIndex(row => row.Count > 0 && row[0].Text == "述职顺序");
        var header = cells[headerAt].Select(c => c.Text).ToList();
        Assert.All(cells[headerAt], c => Assert.True(c.Bold));
        Assert.Equal(headerAt + 1, workbook.FrozenRows(ResultsSheet));
        Assert.Equal($"A{headerAt + 1}:{ColumnName(header.Count - 1)}{headerAt + 1 + ballotOrder.Count}", workbook.AutoFilter(ResultsSheet));
        Assert.Equal((ExcelCellType.Number, (decimal)tally.Issued), (cells.Single(r => r.Count > 1 && r[0].Text == "发出")[1].Type, cells.Single(r => r.Count > 1 && r[0].Text == "发出")[1].Number!.Value));
        foreach (var row in cells.Skip(headerAt + 1))
        {
            var expected = tally.Reporters.Single(t => t.ReporterId == ballotOrder.Single(r => r.UnitName == row[1].Text).Id);
            ExcelCell Cell(string column) => row[header.IndexOf(column)];
            Assert.Equal(ExcelCellType.Text, Cell("述职对象").Type);
            Assert.Equal(ExcelCellType.Number, Cell("好（票）").Type);
            Assert.Equal((expected.TopGradeRate / 100m, "0.0%"), (Cell("好评率").Number, Cell("好评率").NumberFormat));
            Assert.Equal((expected.Grades[0].Rate / 100m, "0.0%"), (Cell("好（%）").Number, Cell("好（%）").NumberFormat));
            Assert.Equal((expected.Composite, "0.00"), (Cell("综合得分").Number, Cell("综合得分").NumberFormat));
            Assert.Equal((expected.WeightedScore, "0.00"), (Cell("加权得分").Number, Cell("加权得分").NumberFormat));
            Assert.Equal((decimal?)expected.Rank, Cell("名次").Number);
            Assert.False(Cell("好评率").IsDate);
        }

        Assert.Equal(1, workbook.FrozenRows(BallotsSheet));
        Assert.Equal(1, workbook.FrozenColumns(BallotsSheet));
        Assert.Equal($"A1:{ColumnName(ballotOrder.Count)}{ballots.Count + 1}", workbook.AutoFilter(BallotsSheet));
    }

    [Fact]
    public async Task Unit_names_that_look_like_formulas_reach_excel_as_the_literal_text()
    {
        const string Link = "=HYPERLINK(\"https://example.com/x\",\"点此查看\")";
        const string Sum = "=1+1";
        await DbAsync(async db =>
        {
            (await db.Organizations.SingleAsync(o => o.Name == Dongcheng)).Rename(Link);
            (await db.Organizations.SingleAsync(o => o.Name == Xicheng)).Rename(Sum);
            return await db.SaveChangesAsync();
        });
        var id = await VotingMeetingAsync(_ => Enumerable.Range(0, 3).Select(k => (0, (Func<int, string?>)(_ => Scale[k]))), Link, Sum);
        using var organizer = await SignInAsync("organizer");

        var (_, workbook) = await DownloadAsync(organizer, id);

        Assert.Empty(workbook.SchemaErrors);
        var names = workbook.Cells(ResultsSheet).Where(r => r.Count > 1 && r[1].Text is Link or Sum).Select(r => r[1]).ToList();
        var headers = workbook.Cells(BallotsSheet)[0].Where(c => c.Text is Link or Sum).ToList();
        Assert.Equal([Sum, Link], names.Select(c => c.Text).Order(StringComparer.Ordinal));
        Assert.Equal([Sum, Link], headers.Select(c => c.Text).Order(StringComparer.Ordinal));
        Assert.All(names.Concat(headers), c => Assert.Equal((ExcelCellType.Text, false), (c.Type, c.HasFormula)));
    }

    private static string ColumnName(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ColumnName((index / 26) - 1) + (char)('A' + (index % 26));

    [Fact]
    public async Task Raw_ballots_sheet_has_one_row_per_ballot_and_names_only_the_groups_the_tally_discloses()
    {
        var id = await MixedBallotsAsync();
        var (meeting, ballotOrder, ballots, _) = await StoredAsync(id);
        var rules = meeting.EvaluationRules!;
        using var organizer = await SignInAsync("organizer");

        var (_, workbook) = await DownloadAsync(organizer, id);

        var sheet = workbook.Sheet(BallotsSheet);
        Assert.Equal(ballotOrder.Select(r => r.UnitName).Prepend("测评人类别"), sheet[0]);
        Assert.Equal(ballots.Count, sheet.Count - 1);
        var disclosed = rules.Groups[0];
        string Row(string group, Func<Guid, string?> grade) =>
            string.Join('|', [group, .. ballotOrder.Select(r => grade(r.Id) is { } key ? rules.Grades.Single(g => g.Key == key).Name : "弃权")]);
        var expected = ballots.Select(b => Row(b.GroupKey == disclosed.Key ? disclosed.Name : "不公开", r => b.Grades[r])).Order();
        Assert.Equal(expected, sheet.Skip(1).Select(r => string.Join('|', r)).Order());
        Assert.Equal(5, sheet.Count(r => r[0] == disclosed.Name));
        Assert.DoesNotContain(sheet, r => rules.Groups.Skip(1).Any(g => g.Name == r[0]));
    }

    [Fact]
    public async Task Raw_ballots_are_shuffled_never_in_the_stored_order()
    {
        // 64 ballots that differ in their first three marks, so every row of the sheet names its ballot. A shuffle
        // that happened to keep either stored order has a chance of 1 in 64! (about 10^-89): the test cannot flake.
        var id = await VotingMeetingAsync(_ => Enumerable.Range(0, 64).Select(k =>
            (0, (Func<int, string?>)(i => i < 3 ? Scale[(k >> (2 * i)) & 3] : null))));
        var (_, ballotOrder, ballots, _) = await StoredAsync(id);
        var stored = new List<Guid>();
        await using (var connection = new NpgsqlConnection(Factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id FROM ballots WHERE meeting_id = @m ORDER BY ctid", connection);
            command.Parameters.AddWithValue("m", id);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetGuid(0));
            }
        }

        string Marks(Ballot b) => string.Join('|', ballotOrder.Take(3).Select(r => b.Grades[r.Id]));
        var byId = ballots.ToDictionary(b => b.Id);
        var insertionOrder = stored.Select(i => Marks(byId[i])).ToList();
        var keyOrder = ballots.OrderBy(b => b.Id).Select(Marks).ToList();
        using var organizer = await SignInAsync("organizer");

        var (_, workbook) = await DownloadAsync(organizer, id);

        var exported = workbook.Sheet(BallotsSheet).Skip(1).Select(r => string.Join('|', r.Skip(1).Take(3))).ToList();
        Assert.Equal(64, exported.Count);
        Assert.Equal(64, exported.Distinct().Count());
        Assert.Equal(insertionOrder.Order(), exported.Order());
        Assert.NotEqual(insertionOrder, exported);
        Assert.NotEqual(keyOrder, exported);
    }

    [Fact]
    public async Task Export_goes_to_whoever_sees_every_row_and_never_to_a_secretary()
    {
        var id = await MixedBallotsAsync();
        var url = $"/Evaluation/Results/{id}?handler=Excel";
        using var organizer = await SignInAsync("organizer");
        using var secretary = await SignInAsync("secretary");
        using var observer = await SignInAsync("observer");
        using var leader = await SignInAsync("leader");
        using var otherDistrict = await SignInAsync("organizer.liulin");
        using var anonymous = Anonymous();

        Assert.Equal(HttpStatusCode.OK, await organizer.StatusOfAsync(url));
        Assert.NotNull((await organizer.GetAsync($"/Evaluation/Results/{id}")).QuerySelector($"a#export-excel[href='{url}']"));
        Assert.Equal(HttpStatusCode.NotFound, await secretary.StatusOfAsync(url));
        Assert.Equal(HttpStatusCode.NotFound, await observer.StatusOfAsync(url));
        Assert.Equal(HttpStatusCode.NotFound, await leader.StatusOfAsync(url));
        Assert.Equal(HttpStatusCode.NotFound, await otherDistrict.StatusOfAsync(url));
        Assert.Equal(HttpStatusCode.Redirect, await anonymous.StatusOfAsync(url));

        await AdvanceToPublishedAsync(id);

        Assert.Equal(HttpStatusCode.Forbidden, await secretary.StatusOfAsync(url));
        Assert.Null((await secretary.GetAsync($"/Evaluation/Results/{id}")).QuerySelector("#export-excel"));
        var (_, observed) = await DownloadAsync(observer, id);
        var (_, reporters, ballots, _) = await StoredAsync(id);
        var sheet = observed.Sheet(ResultsSheet);
        Assert.Equal(reporters.Count, sheet.SkipWhile(r => r.Count == 0 || r[0] != "述职顺序").Count() - 1);
        Assert.Equal(ballots.Count, observed.Sheet(BallotsSheet).Count - 1);
        Assert.Equal(HttpStatusCode.OK, await leader.StatusOfAsync(url));
    }
}
