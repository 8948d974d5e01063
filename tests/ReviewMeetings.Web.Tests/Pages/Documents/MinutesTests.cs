using System.Globalization;
using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Live;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Documents;
using ReviewMeetings.Web.Pages.Evaluation;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;
using UglyToad.PdfPig;
using static ReviewMeetings.Web.Tests.Infrastructure.PdfText;
using static ReviewMeetings.Web.Tests.Pages.Live.ConsoleTests;
using RectificationArrange = ReviewMeetings.Web.Tests.Pages.Rectification.RectificationArrange;

namespace ReviewMeetings.Web.Tests.Pages.Documents;

public sealed class MinutesTests : AppTest
{
    private readonly TestClock _clock = RectificationArrange.PinnedClock();

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private static readonly string[] DongchengGrades = ["好", "好", "好", "较好", "较好", "一般", "好", "好"];

    /// <summary>A closed meeting: two on-site reports with recorded times and comments, one written, and eight ballots.</summary>
    private async Task<Guid> HeldMeetingAsync()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).Written(Nanhu).CommentedBy("leader").Published().SaveAsync(db));
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).SingleAsync(m => m.Id == id);
            var leader = await db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).SingleAsync();
            var at = _clock.GetUtcNow().AddHours(-2);
            meeting.StartSession(leader, at);
            var progress = MeetingProgress.Create(id, at);
            var order = meeting.OnSite().Select(r => r.Id).ToList();
            foreach (var (reporter, seconds) in order.Zip([372, 345]))
            {
                progress.Next(order, at);
                progress.Start(at);
                progress.Stop(at.AddSeconds(seconds));
            }

            db.MeetingProgress.Add(progress);
            foreach (var reporter in meeting.Reporters)
            {
                var comment = Comment.ByLeader(id, reporter.Id, leader, at);
                comment.Save($"{reporter.UnitName}党建责任落实有力。", [$"{reporter.UnitName}阵地建设滞后", "党员教育方式单一"], "希望补齐短板。", leader, at);
                comment.Finalize(leader, at);
                db.Comments.Add(comment);
            }

            meeting.StartEvaluation(leader, at);
            var rules = meeting.EvaluationRules!;
            var group = meeting.Attendance.OrderBy(g => g.Order).Last().Id.ToString();
            db.BallotCodes.AddRange(BallotCode.Issue(id, group, 10, CodeHashKey).Select(x => x.Code));
            var reporters = meeting.Reporters.Select(r => r.Id).ToList();
            var d = meeting.Reporters.Single(r => r.UnitName == Dongcheng).Id;
            foreach (var grade in DongchengGrades)
            {
                db.Ballots.Add(Ballot.Cast(id, group, reporters.ToDictionary(r => r, r => r == d ? grade : (string?)"较好"), reporters, rules));
            }

            meeting.Close(leader, at);
            meeting.SetLeaderRequirements("一要提高政治站位。\n二要压实工作责任。", at);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    [Fact]
    public async Task Minutes_pdf_holds_the_meeting_the_comments_and_the_results_from_the_database()
    {
        var id = await HeldMeetingAsync();
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.Client.GetAsync(new Uri($"/Documents/{id}?handler=Minutes&pdf=true", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("情况报告.pdf", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = TextOf(pdf);
        var (title, units, tally) = await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).SingleAsync(m => m.Id == id);
            return (meeting.Title, meeting.Reporters.Select(r => r.UnitName).ToList(), await MeetingResults.ComputeAsync(db, meeting, default));
        });
        var compact = text;
        Assert.Contains(Readable(title), compact, StringComparison.Ordinal);
        Assert.All(units, unit => Assert.Contains(Readable(unit + "党建责任落实有力。"), compact, StringComparison.Ordinal));
        Assert.Contains("6分12秒", compact, StringComparison.Ordinal);
        Assert.Contains(Readable("二要压实工作责任。"), compact, StringComparison.Ordinal);
        Assert.Contains(Readable($"发出测评票{tally.Issued}张，收回{tally.Returned}张"), compact, StringComparison.Ordinal);
        var top = tally.Reporters.Where(r => r.Composite is not null).OrderByDescending(r => r.Composite).First();
        Assert.Contains(top.Composite!.Value.ToString("0.00", CultureInfo.InvariantCulture), compact, StringComparison.Ordinal);
        Assert.Contains(tally.BallotDigest, compact, StringComparison.Ordinal);
        using var document = PdfDocument.Open(pdf);
        Assert.InRange(document.NumberOfPages, 2, 20);
        for (var page = 1; page <= document.NumberOfPages; page++)
        {
            Assert.Contains($"—{page}—", TextOf(pdf, page), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Minutes_report_the_problem_lists_status_counts_and_last_years_carry_over_from_the_database()
    {
        var previous = await DbAsync(db => RectificationArrange.ClosedMeetingWithCommentsAsync(db, 2025, _clock));
        var current = await DbAsync(db => RectificationArrange.ClosedMeetingWithCommentsAsync(db, 2026, _clock));
        await DbAsync(async db =>
        {
            await RectificationArrange.ReleaseAsync(db, previous, _clock);
            await RectificationArrange.SpreadOverTheLoopAsync(db, previous, clock: _clock);
            await RectificationArrange.ReleaseAsync(db, current, _clock);
            return current;
        });
        using var organizer = await SignInAsync("organizer");

        var text = TextOf(await organizer.Client.GetByteArrayAsync(new Uri($"/Documents/{current}?handler=Minutes&pdf=true", UriKind.Relative)));

        var today = BeijingTime.Today(_clock);
        var (now, before) = await DbAsync(async db => (
            await db.RectificationItems.Where(i => i.MeetingId == current).Select(i => new { i.Status, i.Deadline }).ToListAsync(),
            await db.RectificationItems.Where(i => i.MeetingId == previous).Select(i => new { i.Status, i.Deadline }).ToListAsync()));
        var summary = RectificationSummary.Of([.. now.Select(i => (i.Status, i.Deadline))], today);
        Assert.Equal(3, summary.Count(RectificationStatus.NotStarted));
        Assert.Contains(Readable($"本次会议问题清单{summary.Sentence()}"), text, StringComparison.Ordinal);
        var last = RectificationStats.Of(before.Select(i => (i.Status, i.Deadline)), today);
        Assert.Equal((4, 1, 1), (last.Total, last.Closed, last.Overdue));
        Assert.Contains(
            Readable($"本次述职的2个单位在2025年度述职评议中共有问题{last.Total}项，已销号{last.Closed}项，逾期{last.Overdue}项，完成率{last.RateText()}"),
            text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minutes_before_feedback_count_only_the_problems_raised()
    {
        var id = await HeldMeetingAsync();
        using var organizer = await SignInAsync("organizer");

        var text = TextOf(await organizer.Client.GetByteArrayAsync(new Uri($"/Documents/{id}?handler=Minutes&pdf=true", UriKind.Relative)));

        var raised = await DbAsync(async db => (await db.Comments.Where(c => c.MeetingId == id).ToListAsync()).Sum(c => c.Problems.Count));
        Assert.Contains(Readable($"会上共指出问题{raised}条"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("本次会议问题清单", text, StringComparison.Ordinal);
        Assert.DoesNotContain("上年度问题整改情况", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_is_the_same_html_the_pdf_is_printed_from()
    {
        var id = await HeldMeetingAsync();
        using var organizer = await SignInAsync("organizer");

        var page = await organizer.GetAsync($"/Documents/{id}?handler=Minutes");

        Assert.Contains("情况报告", page.Title, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("svg[role=img] rect"));
        Assert.Empty(page.QuerySelectorAll("script, link[rel=stylesheet], img[src^=http]"));
    }

    [Fact]
    public async Task Feedback_sheets_come_one_per_page_in_one_pdf_or_one_file_each_in_a_zip()
    {
        var id = await HeldMeetingAsync();
        using var organizer = await SignInAsync("organizer");

        var all = await organizer.Client.GetByteArrayAsync(new Uri($"/Documents/{id}?handler=Feedback&format=pdf", UriKind.Relative));
        using var zipResponse = await organizer.Client.GetAsync(new Uri($"/Documents/{id}?handler=Feedback&format=zip", UriKind.Relative));

        var reporters = await DbAsync(db => db.Reporters.CountAsync(r => r.MeetingId == id));
        using (var document = PdfDocument.Open(all))
        {
            Assert.Equal(reporters, Enumerable.Range(1, document.NumberOfPages).Count(p => TextOf(all, p).Contains("点评意见反馈单", StringComparison.Ordinal)));
        }

        Assert.Equal("application/zip", zipResponse.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await zipResponse.Content.ReadAsStreamAsync());
        Assert.Equal(reporters, zip.Entries.Count);
        var entry = zip.Entries.Single(e => e.Name.Contains("东城街道", StringComparison.Ordinal));
        using var buffer = new MemoryStream();
        await using (var stream = await entry.OpenAsync())
        {
            await stream.CopyToAsync(buffer);
        }

        var text = TextOf(buffer.ToArray());
        Assert.Contains(Readable(Dongcheng + "阵地建设滞后"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("西城街道", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_exports_at_once_all_finish()
    {
        var id = await HeldMeetingAsync();
        using var organizer = await SignInAsync("organizer");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            organizer.Client.GetAsync(new Uri($"/Documents/{id}?handler=Minutes&pdf=true", UriKind.Relative))));

        foreach (var response in responses)
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync(), 0, 4), StringComparison.Ordinal);
            response.Dispose();
        }
    }

    [Fact]
    public async Task Slip_pdf_carries_each_new_code_with_a_qr_code_of_its_voting_link_eight_to_a_page()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).Published().SaveAsync(db));
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Evaluation/Codes/{id}");

        // Issuing redirects to the new batch's PDF (Post/Redirect/Get), which the browser then downloads.
        using var issued = await organizer.SubmitAsync(page, "form[action*='handler=Issue']", new() { ["count"] = "10" }, "button[value=pdf]");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, issued.StatusCode);
        using var response = await organizer.Client.GetAsync(issued.Headers.Location);

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("测评码.pdf", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = TextOf(pdf);
        var codes = System.Text.RegularExpressions.Regex.Matches(text, "[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}")
            .Select(m => m.Value).Distinct().ToList();
        Assert.Equal(10, codes.Count);
        var hashes = codes.Select(CodeHash).ToList();
        Assert.Equal(10, await DbAsync(db => db.BallotCodes.CountAsync(c => c.MeetingId == id && hashes.Contains(c.Hash))));
        Assert.All(codes, c => Assert.Contains("/v/" + BallotCodeFormat.Normalize(c), text, StringComparison.Ordinal));
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(2, document.NumberOfPages);
        var images = document.GetPages().SelectMany(p => p.GetImages()).ToList();
        Assert.Equal(10, images.Count);
        var payloads = images.Select(QrPayload).ToList();
        Assert.Equal(codes.Select(c => $"http://localhost/v/{BallotCodeFormat.Normalize(c)}").Order(StringComparer.Ordinal), payloads.Order(StringComparer.Ordinal));
    }

    /// <summary>Decodes the QR code of one image as Chromium embedded it: 8-bit samples, gray or colour (black and white either way).</summary>
    private static string QrPayload(UglyToad.PdfPig.Content.IPdfImage image)
    {
        Assert.True(image.TryGetBytesAsMemory(out var raw), "The QR image's samples can be read.");
        var (width, height, components) = (image.WidthInSamples, image.HeightInSamples, image.ColorSpaceDetails!.NumberOfColorComponents);
        Assert.Equal(8, image.BitsPerComponent);
        var gray = new byte[width * height];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = raw.Span[i * components];
        }

        // The embedded image is the code itself, upright with its quiet zone, so the reader need not search for it; the
        // search (without PURE_BARCODE) misses about one synthetic code in seventy.
        var source = new ZXing.RGBLuminanceSource(gray, width, height, ZXing.RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new ZXing.QrCode.QRCodeReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)),
            new Dictionary<ZXing.DecodeHintType, object> { [ZXing.DecodeHintType.PURE_BARCODE] = true });
        Assert.NotNull(result);
        return result.Text;
    }

    [Theory]
    [InlineData("secretary", HttpStatusCode.Forbidden)]
    [InlineData("leader", HttpStatusCode.Forbidden)]
    [InlineData("organizer.liulin", HttpStatusCode.NotFound)]
    public async Task Only_organizers_of_the_host_subtree_export_the_minutes(string user, HttpStatusCode expected)
    {
        var id = await HeldMeetingAsync();
        using var session = await SignInAsync(user);

        Assert.Equal(expected, await session.StatusOfAsync($"/Documents/{id}?handler=Minutes&pdf=true"));
        Assert.Equal(expected, await session.StatusOfAsync($"/Documents/{id}?handler=Feedback&format=zip"));
    }

    [Fact]
    public async Task Leader_requirements_are_saved_for_the_minutes()
    {
        var id = await HeldMeetingAsync();
        using var organizer = await SignInAsync("organizer");

        var page = await organizer.SubmitAndFollowAsync($"/Documents/{id}", "#requirements-form", new() { ["Requirements"] = "三要抓好整改落实。" });

        Assert.Contains("领导讲话要求已保存", page.MainText(), StringComparison.Ordinal);
        Assert.Equal("三要抓好整改落实。", await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.LeaderRequirements).SingleAsync()));
    }
}

public sealed class MissingChromiumTests : AppTest
{
    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, settings: new Dictionary<string, string> { ["Pdf:ExecutablePath"] = "/nonexistent/chromium" });

    [Fact]
    public async Task Export_without_chromium_explains_which_package_to_install_and_readiness_is_degraded()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng).Published().SaveAsync(db));
        using var organizer = await SignInAsync("organizer");

        var page = await organizer.FollowAsync(await organizer.Client.GetAsync(new Uri($"/Documents/{id}?handler=Minutes&pdf=true", UriKind.Relative)));
        var health = await Anonymous().Client.GetStringAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Contains(PdfRenderer.MissingChromiumMessage, page.MainText(), StringComparison.Ordinal);
        Assert.Contains("apt-get install chromium", page.MainText(), StringComparison.Ordinal);
        Assert.Equal("Degraded", health);
    }
}
