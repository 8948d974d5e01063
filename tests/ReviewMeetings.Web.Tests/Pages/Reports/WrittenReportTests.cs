using System.IO.Compression;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Reports;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Reports;

/// <summary>Secretaries submit, staff track and review, leaders read. The meeting is on 28 December with reports due on the 21st.</summary>
public sealed class WrittenReportTests : AppTest
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";
    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 12, 1);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, settings: new Dictionary<string, string> { ["Uploads:MaxMegabytes"] = "1" },
            services: services => services.AddSingleton<TimeProvider>(_clock));

    private Task<Guid> MeetingAsync() =>
        DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));

    private Task<Guid> ReporterAsync(Guid meetingId, string unit) =>
        DbAsync(db => db.Reporters.Where(r => r.MeetingId == meetingId && r.UnitName == unit).Select(r => r.Id).SingleAsync());

    private Task<WrittenReport?> ReportAsync(Guid reporterId) =>
        DbAsync(db => db.WrittenReports.Include(r => r.Versions).AsNoTracking().SingleOrDefaultAsync(r => r.ReporterId == reporterId));

    private static Task<HttpResponseMessage> UploadAsync(Session session, IHtmlDocument page, UploadFile? file, bool submit, Dictionary<string, string>? values = null) =>
        session.UploadAsync(page, "main form", values ?? [], file, ("submit", submit ? "true" : "false"));

    [Fact]
    public async Task Secretary_writes_online_saves_a_draft_then_submits_and_every_version_is_kept()
    {
        var reporter = await ReporterAsync(await MeetingAsync(), Dongcheng);
        using var secretary = await SignInAsync("secretary");

        var list = await secretary.GetAsync("/Reports");
        Assert.Contains("还剩20天", list.MainText(), StringComparison.Ordinal);
        Assert.Equal("未提交", list.QuerySelector(".report-status")!.TextContent.Trim());

        var page = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        using var draft = await UploadAsync(secretary, page, null, submit: false, new() { ["Input.Performance"] = "全年发展党员12名。" });
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        page = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        Assert.Equal("草稿", page.QuerySelector("#report-status")!.TextContent);
        Assert.Equal("全年发展党员12名。", ((IHtmlTextAreaElement)page.QuerySelector("#Input_Performance")!).Value);

        using var submitted = await UploadAsync(secretary, page, null, submit: true, new() { ["Input.Problems"] = "软弱涣散党组织整顿不到位。" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        var report = (await ReportAsync(reporter))!;
        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Equal([1, 2], report.Versions.OrderBy(v => v.Number).Select(v => v.Number));
        Assert.Equal("软弱涣散党组织整顿不到位。", report.LatestSubmitted!.Content!.Problems);
        Assert.Equal("全年发展党员12名。", report.LatestSubmitted.Content.Performance);
        Assert.Contains("述职报告：已提交", (await secretary.GetAsync("/")).MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_without_the_performance_section_is_refused_next_to_it()
    {
        var reporter = await ReporterAsync(await MeetingAsync(), Dongcheng);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Reports/Submit/{reporter}");

        using var response = await UploadAsync(secretary, page, null, submit: true, new() { ["Input.NextSteps"] = "继续抓好党建引领基层治理。" });
        var result = await Session.ParseAsync(response);

        Assert.Equal("报告内容为空，不能提交。请至少填写“履职情况和工作亮点”。", result.ErrorFor("Input.Performance"));
        Assert.Equal("继续抓好党建引领基层治理。", ((IHtmlTextAreaElement)result.QuerySelector("#Input_NextSteps")!).Value);
        Assert.Null(await ReportAsync(reporter));
    }

    [Theory]
    [InlineData("virus.pdf", "只接受PDF或Word（.docx）文件。所选文件的内容不是这两种格式（与文件扩展名无关）。")]
    [InlineData("empty.docx", "文件是空的，请重新选择。")]
    [InlineData("big.pdf", "文件大小超过1MB的限制，请压缩后再上传。")]
    public async Task Refused_upload_keeps_the_typed_text(string name, string message)
    {
        var reporter = await ReporterAsync(await MeetingAsync(), Dongcheng);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        byte[] bytes = name switch
        {
            "virus.pdf" => TestDocuments.Executable(),
            "empty.docx" => [],
            _ => [.. TestDocuments.Pdf(), .. new byte[(int)(1.2 * 1024 * 1024)]],
        };

        using var response = await UploadAsync(secretary, page, new UploadFile("file", name, bytes), submit: true, new() { ["Input.Performance"] = "已经写好的内容" });
        var result = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, result.ErrorFor("file"));
        Assert.Equal("已经写好的内容", ((IHtmlTextAreaElement)result.QuerySelector("#Input_Performance")!).Value);
        Assert.Null(await ReportAsync(reporter));
        Assert.Equal(0, await DbAsync(db => db.ReportFiles.CountAsync()));
    }

    public static TheoryData<string, byte[], string> ActiveFiles => new()
    {
        { "述职报告.pdf", TestDocuments.PdfWithEscapedJavaScript(), "PDF文件含有脚本、自动执行的操作、附件或交互表单等活动内容（/JavaScript），已拒绝。请用“打印为PDF”或“另存为PDF”重新生成后上传。" },
        { "述职报告.pdf", TestDocuments.PdfHtmlPolyglot(), "文件开头含有网页代码（HTML/脚本），可能是伪装成文档的网页，已拒绝。请重新导出为标准的PDF或Word文件后上传。" },
        { "述职报告.docx", TestDocuments.DocxWithExternalRelationship(TestDocuments.AttachedTemplate, "http://attacker.example/t.dotm"), "Word文件含有外部链接（如远程模板、链接到其他文件的图片或对象），已拒绝。请删除这些链接或另存为PDF后上传。" },
    };

    [Theory]
    [MemberData(nameof(ActiveFiles))]
    public async Task Upload_that_could_act_when_opened_is_refused_next_to_the_field_and_the_text_stays(string name, byte[] bytes, string message)
    {
        var reporter = await ReporterAsync(await MeetingAsync(), Dongcheng);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Reports/Submit/{reporter}");

        using var response = await UploadAsync(secretary, page, new UploadFile("file", name, bytes), submit: true, new() { ["Input.Performance"] = "已经写好的内容" });
        var result = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, result.ErrorFor("file"));
        Assert.Equal("已经写好的内容", ((IHtmlTextAreaElement)result.QuerySelector("#Input_Performance")!).Value);
        Assert.Equal(0, await DbAsync(db => db.ReportFiles.CountAsync()));
    }

    [Fact]
    public async Task Far_oversized_upload_shows_the_limit_next_to_the_field_and_keeps_every_typed_section()
    {
        var reporter = await ReporterAsync(await MeetingAsync(), Dongcheng);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        Dictionary<string, string> typed = new()
        {
            ["Input.Performance"] = "全年发展党员12名。",
            ["Input.Problems"] = "软弱涣散党组织整顿不到位。",
            ["Input.NextSteps"] = "继续抓好党建引领基层治理。",
            ["Input.Rectification"] = "上年度问题已整改5项。",
        };

        // Past the form limit for other requests (the larger file limit, evidence's 10 MB, plus 2 MB), where the form was lost to a bare 400.
        using var response = await UploadAsync(secretary, page, new UploadFile("file", "big.pdf", [.. TestDocuments.Pdf(), .. new byte[15 * 1024 * 1024]]), submit: true, typed);
        var result = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("文件大小超过1MB的限制，请压缩后再上传。", result.ErrorFor("file"));
        foreach (var (field, text) in typed)
        {
            Assert.Equal(text, ((IHtmlTextAreaElement)result.QuerySelector($"#{field.Replace('.', '_')}")!).Value);
        }

        Assert.Null(await ReportAsync(reporter));
    }

    [Fact]
    public async Task Uploaded_docx_is_stored_with_its_hash_and_leaders_read_its_text()
    {
        var meeting = await MeetingAsync();
        var reporter = await ReporterAsync(meeting, Dongcheng);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        var docx = TestDocuments.Docx("一、履职情况和工作亮点", "全年新建党群服务中心3个。");

        using var response = await UploadAsync(secretary, page, new UploadFile("file", "../东城街道述职报告😀.docx", docx), submit: true);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await DbAsync(db => db.ReportFiles.AsNoTracking().SingleAsync());
        Assert.Equal("东城街道述职报告.docx", stored.FileName);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(docx)), stored.Sha256);
        Assert.Equal(docx.Length, stored.Size);

        using var leader = await SignInAsync("leader");
        var read = await leader.GetAsync($"/Reports/Read/{reporter}");
        Assert.Equal("一、履职情况和工作亮点", read.QuerySelector(".docx-preview h2")!.TextContent);
        Assert.Contains("全年新建党群服务中心3个。", read.QuerySelector(".docx-preview")!.TextContent, StringComparison.Ordinal);

        var versionId = (await ReportAsync(reporter))!.LatestSubmitted!.Id;
        using var download = await leader.Client.GetAsync($"/Reports/File/{versionId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(docx, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("东城街道述职报告.docx", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox; default-src 'none'", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_is_shown_inline_for_reading()
    {
        var reporter = await ReporterAsync(await MeetingAsync(), Dongcheng);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        using var upload = await UploadAsync(secretary, page, new UploadFile("file", "述职报告.pdf", TestDocuments.Pdf()), submit: true);
        var versionId = (await ReportAsync(reporter))!.LatestSubmitted!.Id;

        using var inline = await secretary.Client.GetAsync($"/Reports/File/{versionId}?inline=true");

        Assert.Equal("application/pdf", inline.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", inline.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("述职报告.pdf", inline.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("SAMEORIGIN", inline.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", inline.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("default-src 'none'", inline.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // The same PDF asked for as a download is an attachment in a sandbox.
        using var download = await secretary.Client.GetAsync($"/Reports/File/{versionId}");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("sandbox; default-src 'none'", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_cannot_be_read_by_guessing_ids()
    {
        var meeting = await MeetingAsync();
        var own = await ReporterAsync(meeting, Dongcheng);
        var other = await ReporterAsync(meeting, Xicheng);
        await DbAsync(async db =>
        {
            var report = new WrittenReport(meeting, other, await db.Reporters.Where(r => r.Id == other).Select(r => r.OrganizationId).SingleAsync());
            var file = new ReviewMeetings.Web.Data.ReportFile { FileName = "西城.pdf", ContentType = "application/pdf", Sha256 = new string('0', 64), Content = TestDocuments.Pdf(), Size = 1 };
            db.ReportFiles.Add(file);
            report.Save(null, file.Id, submit: true, Guid.NewGuid(), DateTimeOffset.UtcNow, null, new DateOnly(2026, 12, 1));
            db.WrittenReports.Add(report);
            return await db.SaveChangesAsync();
        });
        var versionId = (await ReportAsync(other))!.LatestSubmitted!.Id;

        using var secretary = await SignInAsync("secretary");
        Assert.Equal(HttpStatusCode.NotFound, await secretary.StatusOfAsync($"/Reports/Read/{other}"));
        Assert.Equal(HttpStatusCode.NotFound, await secretary.StatusOfAsync($"/Reports/File/{versionId}"));
        Assert.Equal(HttpStatusCode.NotFound, await secretary.StatusOfAsync($"/Reports/Submit/{other}"));
        Assert.Equal(HttpStatusCode.OK, await secretary.StatusOfAsync($"/Reports/Read/{own}"));

        using var liulin = await SignInAsync("organizer.liulin");
        Assert.Equal(HttpStatusCode.NotFound, await liulin.StatusOfAsync($"/Reports/File/{versionId}"));
        Assert.Equal(HttpStatusCode.NotFound, await liulin.StatusOfAsync($"/Reports/Tracker/{meeting}"));

        using var leader = await SignInAsync("leader");
        Assert.Equal(HttpStatusCode.OK, await leader.StatusOfAsync($"/Reports/File/{versionId}"));
        Assert.Equal(HttpStatusCode.Forbidden, await leader.StatusOfAsync($"/Reports/Submit/{own}"));

        using var observer = await SignInAsync("observer");
        Assert.Equal(HttpStatusCode.OK, await observer.StatusOfAsync($"/Reports/Read/{other}"));
        Assert.Equal(HttpStatusCode.Forbidden, await observer.StatusOfAsync($"/Reports/Tracker/{meeting}"));
    }

    [Fact]
    public async Task Leaders_do_not_see_drafts()
    {
        var reporter = await ReporterAsync(await MeetingAsync(), Dongcheng);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        using var draft = await UploadAsync(secretary, page, null, submit: false, new() { ["Input.Performance"] = "草稿内容，尚未定稿" });

        using var leader = await SignInAsync("leader");
        var read = await leader.GetAsync($"/Reports/Read/{reporter}");

        Assert.Contains("尚未提交述职报告。", read.MainText(), StringComparison.Ordinal);
        Assert.DoesNotContain("草稿内容", read.MainText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await leader.StatusOfAsync($"/Reports/Read/{reporter}?version=1"));
    }

    [Fact]
    public async Task After_the_deadline_submission_is_locked_until_staff_reopen_it()
    {
        var meeting = await MeetingAsync();
        var reporter = await ReporterAsync(meeting, Dongcheng);
        _clock.Now = new DateTimeOffset(2026, 12, 22, 0, 30, 0, TimeSpan.FromHours(8));
        using var secretary = await SignInAsync("secretary");

        var locked = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        Assert.Contains("已过截止日期", locked.MainText(), StringComparison.Ordinal);
        Assert.NotNull(locked.QuerySelector("fieldset[disabled]"));
        using var forced = await UploadAsync(secretary, locked, null, submit: true, new() { ["Input.Performance"] = "迟交的报告" });
        Assert.Contains("已过书面述职报告截止日期，不能再提交。", (await Session.ParseAsync(forced)).Summary(), StringComparison.Ordinal);
        Assert.Null(await ReportAsync(reporter));

        using var organizer = await SignInAsync("organizer");
        using var reopened = await organizer.SubmitAsync($"/Reports/Tracker/{meeting}", $"form[action*='handler=Reopen']:has(input[value='{reporter}'])", []);
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);

        var open = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        using var late = await UploadAsync(secretary, open, null, submit: true, new() { ["Input.Performance"] = "补交的报告" });
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Equal(ReportStatus.Submitted, (await ReportAsync(reporter))!.Status);
    }

    [Fact]
    public async Task Reopening_a_report_that_can_still_be_submitted_is_refused_even_when_posted_directly()
    {
        var meeting = await MeetingAsync();
        var reporter = await ReporterAsync(meeting, Dongcheng);
        using var organizer = await SignInAsync("organizer");
        var tracker = await organizer.GetAsync($"/Reports/Tracker/{meeting}");
        Assert.Null(tracker.QuerySelector("form[action*='handler=Reopen']"));
        var token = ((AngleSharp.Html.Dom.IHtmlInputElement)tracker.QuerySelector("input[name='__RequestVerificationToken']")!).Value;

        using var forced = await organizer.Client.PostAsync($"/Reports/Tracker/{meeting}?handler=Reopen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["reporterId"] = reporter.ToString(),
        }));

        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains("该报告仍可提交，无需重新开放。", (await Session.ParseAsync(forced)).Summary(), StringComparison.Ordinal);
        Assert.Null(await ReportAsync(reporter));
    }

    [Fact]
    public async Task Staff_return_with_a_reason_the_secretary_sees_then_review_the_resubmission()
    {
        var meeting = await MeetingAsync();
        var reporter = await ReporterAsync(meeting, Dongcheng);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        using var first = await UploadAsync(secretary, page, null, submit: true, new() { ["Input.Performance"] = "第一稿" });
        using var organizer = await SignInAsync("organizer");

        using var noReason = await organizer.SubmitAsync($"/Reports/Tracker/{meeting}", $"form[action*='handler=Return']:has(input[value='{reporter}'])", []);
        Assert.Contains("请填写退回原因。", (await Session.ParseAsync(noReason)).Summary(), StringComparison.Ordinal);

        using var returned = await organizer.SubmitAsync($"/Reports/Tracker/{meeting}", $"form[action*='handler=Return']:has(input[value='{reporter}'])", new() { ["reason"] = "缺少上年度问题整改情况" });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var mine = await secretary.GetAsync("/Reports");
        Assert.Contains("退回原因：缺少上年度问题整改情况", mine.MainText(), StringComparison.Ordinal);

        page = await secretary.GetAsync($"/Reports/Submit/{reporter}");
        using var second = await UploadAsync(secretary, page, null, submit: true, new() { ["Input.Rectification"] = "上年度3个问题已整改到位。" });
        using var reviewed = await organizer.SubmitAsync($"/Reports/Tracker/{meeting}", $"form[action*='handler=Review']:has(input[value='{reporter}'])", []);
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);

        var tracker = await organizer.GetAsync($"/Reports/Tracker/{meeting}?Status=%E5%B7%B2%E5%AE%A1%E6%A0%B8");
        var row = Assert.Single(tracker.QuerySelectorAll("tbody tr"));
        Assert.Equal(Dongcheng, row.GetAttribute("data-unit"));
        Assert.Contains("2", row.Children[3].TextContent, StringComparison.Ordinal);
        var report = (await ReportAsync(reporter))!;
        Assert.Equal(ReportStatus.Reviewed, report.Status);
        Assert.Null(report.ReturnReason);
    }

    [Fact]
    public async Task Zip_holds_every_submitted_report_named_by_order_unit_and_secretary()
    {
        var meeting = await MeetingAsync();
        var dongcheng = await ReporterAsync(meeting, Dongcheng);
        var xicheng = await ReporterAsync(meeting, Xicheng);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Reports/Submit/{dongcheng}");
        var pdf = TestDocuments.Pdf();
        using var upload = await UploadAsync(secretary, page, new UploadFile("file", "a.pdf", pdf), submit: true);
        await DbAsync(async db =>
        {
            var report = new WrittenReport(meeting, xicheng, await db.Reporters.Where(r => r.Id == xicheng).Select(r => r.OrganizationId).SingleAsync());
            report.Save(ReportContent.Create("西城街道履职情况", null, null, null), null, submit: true, Guid.NewGuid(), DateTimeOffset.UtcNow, null, new DateOnly(2026, 12, 1));
            db.WrittenReports.Add(report);
            return await db.SaveChangesAsync();
        });
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.Client.GetAsync($"/Reports/Tracker/{meeting}?handler=Zip");

        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("清河区2026年度党组织书记抓基层党建工作述职评议会议_述职报告.zip", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var names = zip.Entries.Select(e => e.FullName).Order().ToList();
        Assert.Equal(["01_中共清河区东城街道工作委员会_王晓东.pdf", "02_中共清河区西城街道工作委员会_李春梅.txt"], names);
        using var pdfEntry = new MemoryStream();
        await zip.GetEntry(names[0])!.Open().CopyToAsync(pdfEntry);
        Assert.Equal(pdf, pdfEntry.ToArray());
        using var reader = new StreamReader(zip.GetEntry(names[1])!.Open());
        Assert.Contains("西城街道履职情况", await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_entry_names_stay_flat_and_unique_whatever_the_unit_and_secretary_are_called()
    {
        var meeting = await MeetingAsync();
        var dongcheng = await ReporterAsync(meeting, Dongcheng);
        var xicheng = await ReporterAsync(meeting, Xicheng);
        await DbAsync(async db =>
        {
            // Names as careless data entry or an attacker would leave them: folders, dots, a parent reference, a line break.
            await db.Database.ExecuteSqlAsync($"UPDATE reporters SET unit_name = '../a/b.c', secretary_name = '王\\晓\n东..' WHERE id = {dongcheng}");
            await db.Database.ExecuteSqlAsync($"UPDATE reporters SET unit_name = '../a/b.c', secretary_name = '王\\晓\n东..' WHERE id = {xicheng}");
            foreach (var reporter in new[] { dongcheng, xicheng })
            {
                var report = new WrittenReport(meeting, reporter, await db.Reporters.Where(r => r.Id == reporter).Select(r => r.OrganizationId).SingleAsync());
                report.Save(ReportContent.Create("履职情况", null, null, null), null, submit: true, Guid.NewGuid(), DateTimeOffset.UtcNow, null, new DateOnly(2026, 12, 1));
                db.WrittenReports.Add(report);
            }

            return await db.SaveChangesAsync();
        });
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.Client.GetAsync($"/Reports/Tracker/{meeting}?handler=Zip");

        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var names = zip.Entries.Select(e => e.FullName).Order().ToList();
        Assert.Equal(["01_._a_b.c_王_晓_东.txt", "02_._a_b.c_王_晓_东.txt"], names);
    }
}
