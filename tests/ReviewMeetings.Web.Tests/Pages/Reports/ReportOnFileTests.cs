using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Reports;

/// <summary>What a secretary's report pages offer: 查看 once the meeting no longer takes reports, and what is on file.</summary>
public sealed class ReportOnFileTests : AppTest
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 1);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private async Task<Guid> ReporterAsync()
    {
        var meetingId = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng).CommentedBy("leader").Published().SaveAsync(db));
        return await DbAsync(db => db.Reporters.Where(r => r.MeetingId == meetingId && r.UnitName == Dongcheng).Select(r => r.Id).SingleAsync());
    }

    [Fact]
    public async Task After_uploading_the_report_page_names_the_file_version_and_time_on_file_at_the_top()
    {
        var reporter = await ReporterAsync();
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        Assert.Null(page.QuerySelector("#on-file"));

        (await secretary.UploadAsync(page, "main form", [], new UploadFile("file", "东城街道述职报告.pdf", TestDocuments.Pdf()), ("submit", "true"))).Dispose();

        page = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        var version = await DbAsync(db => db.WrittenReports.Where(w => w.ReporterId == reporter).SelectMany(w => w.Versions).SingleAsync());
        var onFile = page.QuerySelector("#on-file")!;
        var text = Regex.Replace(onFile.TextContent, @"\s+", " ").Trim();
        Assert.Matches(@"保存于\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}", text);
        Assert.Equal($"当前报告：第1版（已提交）· 上传文件《东城街道述职报告.pdf》 · 保存于{version.CreatedAt.ToChineseDateTime()} 查看", text);
        var main = page.QuerySelector("main")!;
        Assert.Same(onFile, main.QuerySelectorAll("#on-file, form")[0]);
    }

    [Fact]
    public async Task A_closed_meeting_offers_to_view_the_report_not_to_fill_it_in()
    {
        var reporter = await ReporterAsync();
        using var secretary = await SignInAsync("secretary");
        Assert.Equal("填写或上传报告", (await secretary.GetAsync("/Reports")).QuerySelector($"a[href='/Reports/Submit/{reporter}']")!.TextContent);

        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Reporters.Any(r => r.Id == reporter));
            var now = DateTimeOffset.UtcNow;
            meeting.StartSession(Guid.NewGuid(), now);
            meeting.StartEvaluation(Guid.NewGuid(), now);
            meeting.Close(Guid.NewGuid(), now);
            return await db.SaveChangesAsync();
        });

        Assert.Equal("查看", (await secretary.GetAsync("/Reports")).QuerySelector($"a[href='/Reports/Submit/{reporter}']")!.TextContent);
    }
}
