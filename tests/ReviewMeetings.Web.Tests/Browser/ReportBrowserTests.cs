using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>Written reports in a real browser. The meeting is on 28 December with reports due on the 21st; today is 1 December.</summary>
public sealed class ReportBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";
    private const string RefusedFileMessage = "只接受PDF或Word（.docx）文件。所选文件的内容不是这两种格式（与文件扩展名无关）。";

    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 1);

    /// <summary>As <see cref="BrowserTest"/> builds it (Kestrel on a free port), plus a fixed clock so the deadline never depends on today.</summary>
    internal override AppFactory CreateFactory(string connectionString)
    {
        var factory = new AppFactory(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));
        factory.UseKestrel(0);
        return factory;
    }

    [Fact]
    public async Task Secretary_uploads_a_docx_and_the_leader_reads_its_preview()
    {
        var meetingId = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        var title = await DbAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Title).SingleAsync());

        // The secretary finds the meeting among their reports and opens the form.
        await SignInAsync(Page, "secretary");
        await Expect(Heading(Page)).ToHaveTextAsync("您好，王晓东");
        await MainNavigation(Page).GetByRole(AriaRole.Link, new() { Name = "我的述职报告" }).ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync("我的述职报告");
        var card = Page.GetByRole(AriaRole.Region, new() { Name = title, Exact = true });
        await Expect(card.Locator(".report-status")).ToHaveTextAsync("未提交");
        await Expect(card).ToContainTextAsync("还剩20天");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await card.GetByRole(AriaRole.Link, new() { Name = "填写或上传报告" }).ClickAsync();

        await Expect(Heading(Page)).ToHaveTextAsync("述职报告：" + Dongcheng);
        await Expect(Page.Locator("#report-status")).ToHaveTextAsync("未提交");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "report-submit");

        // A renamed executable is refused next to the file field, and what was typed is kept.
        var fileInput = Page.GetByLabel(new Regex("^述职报告文件"));
        var performance = Page.GetByLabel("一、履职情况和工作亮点", new() { Exact = true });
        await performance.FillAsync("全年发展党员12名。");
        await fileInput.SetInputFilesAsync(new FilePayload { Name = "report.pdf", MimeType = "application/pdf", Buffer = TestDocuments.Executable() });
        await SubmitButton().ClickAsync();

        var uploadGroup = Page.GetByRole(AriaRole.Group, new() { Name = "方式一：上传文件" });
        await Expect(uploadGroup.Locator("#file-error")).ToHaveTextAsync(RefusedFileMessage);
        await Expect(fileInput).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(RefusedFileMessage)));
        await Expect(performance).ToHaveValueAsync("全年发展党员12名。");
        await Expect(Page.Locator("#report-status")).ToHaveTextAsync("未提交");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "report-submit-refused");

        // A real Word document goes through.
        var docx = TestDocuments.Docx("一、履职情况和工作亮点", "全年新建党群服务中心3个。");
        await fileInput.SetInputFilesAsync(new FilePayload
        {
            Name = "东城街道述职报告.docx",
            MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = docx,
        });
        await SubmitButton().ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "述职报告已提交" })).ToHaveTextAsync("述职报告已提交（第1版）。");
        await Expect(Page.Locator("#report-status")).ToHaveTextAsync("已提交");
        await Expect(uploadGroup.Locator("#file-error")).ToBeEmptyAsync();
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "版本记录" })).ToContainTextAsync("第1版");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "report-submitted");

        // The leader, in a browser of their own, reads the Word text without Word.
        var leader = await NewPageAsync();
        await SignInAsync(leader, "leader");
        await Expect(Heading(leader)).ToHaveTextAsync("您好，陈立群");
        await leader.GetByRole(AriaRole.Region, new() { Name = "我点评的会议" }).GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await Expect(Heading(leader)).ToHaveTextAsync(title);
        await leader.GetByRole(AriaRole.Link, new() { Name = $"阅读{Dongcheng}的述职报告", Exact = true }).ClickAsync();

        await Expect(Heading(leader)).ToHaveTextAsync("述职报告：" + Dongcheng);
        var preview = leader.GetByRole(AriaRole.Article, new() { Name = "Word文档预览" });
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "一、履职情况和工作亮点", Exact = true })).ToBeVisibleAsync();
        await Expect(preview.GetByText("全年新建党群服务中心3个。", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(leader.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^下载原文件（东城街道述职报告\\.docx") })).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(leader);
        await SaveScreenshotAsync(leader, "report-read-docx");

        // The organizer sees who has handed in.
        var organizer = await NewPageAsync();
        await SignInAsync(organizer, "organizer");
        await organizer.GotoAsync($"/Reports/Tracker/{meetingId}");
        await Expect(Heading(organizer)).ToHaveTextAsync("述职报告收取情况");
        await Expect(TrackerStatus(organizer, Dongcheng)).ToHaveTextAsync("已提交");
        await Expect(TrackerStatus(organizer, Xicheng)).ToHaveTextAsync("未提交");
        await AssertNoSeriousAxeViolationsAsync(organizer);
        await SaveScreenshotAsync(organizer, "report-tracker");
    }

    private ILocator SubmitButton() => Page.GetByRole(AriaRole.Button, new() { Name = "提交报告", Exact = true });

    private static ILocator TrackerStatus(IPage page, string unit) =>
        page.GetByRole(AriaRole.Row).Filter(new() { HasText = unit }).Locator("td.report-status");

    /// <summary>A tab in a fresh browser context (its own cookies), for a second person; closed with the test.</summary>
    private async Task<IPage> NewPageAsync() => await (await NewContextAsync()).NewPageAsync();
}
