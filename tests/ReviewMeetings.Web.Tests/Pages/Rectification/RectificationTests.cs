using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;
using static ReviewMeetings.Web.Tests.Pages.Rectification.RectificationArrange;

namespace ReviewMeetings.Web.Tests.Pages.Rectification;

public sealed class RectificationTests : AppTest
{
    private readonly TestClock _clock = PinnedClock();

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private async Task<Guid> ReleasedMeetingAsync()
    {
        var id = await DbAsync(db => ClosedMeetingWithCommentsAsync(db, clock: _clock));
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Live/Comments/{id}");
        using var unconfirmed = await organizer.SubmitAsync(page, "form[action*='handler=Release']", []);
        using var response = await organizer.ConfirmAsync(unconfirmed);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return id;
    }

    private Task<RectificationItem> ItemAsync(string text) =>
        DbAsync(db => db.RectificationItems.AsNoTracking().Include(i => i.Sources).Include(i => i.Updates).Include(i => i.History)
            .SingleAsync(i => i.Text == text));

    private static Dictionary<string, string> Plan(DateOnly deadline) => new()
    {
        ["Plan.Measures"] = "每季度开展阵地建设专项检查",
        ["Plan.ResponsiblePerson"] = "张明（党建办主任）",
        ["Plan.Deadline"] = deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Plan.Target"] = "年底前全部达标",
    };

    private async Task<Guid> ApprovedItemAsync(string text)
    {
        var item = await ItemAsync(text);
        using var secretary = await SignInAsync("secretary");
        (await secretary.SubmitAsync(await secretary.GetAsync($"/Rectification/Item/{item.Id}"), "#plan-form", Plan(BeijingTime.Today(_clock).AddDays(60)), "[data-submit-plan]")).Dispose();
        using var organizer = await SignInAsync("organizer");
        (await organizer.SubmitAsync(await organizer.GetAsync($"/Rectification/Item/{item.Id}"), "#approve-form", [])).Dispose();
        return item.Id;
    }

    [Fact]
    public async Task Releasing_feedback_asks_first_and_an_unconfirmed_post_releases_nothing()
    {
        var id = await DbAsync(db => ClosedMeetingWithCommentsAsync(db, clock: _clock));
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Live/Comments/{id}");
        Assert.Equal("确定反馈点评意见？", page.QuerySelector("form[action*='handler=Release'] button")!.GetAttribute("data-confirm-title"));

        using var unconfirmed = await organizer.SubmitAsync(page, "form[action*='handler=Release']", []);

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Null(await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.FeedbackReleasedAt).SingleAsync()));
        Assert.Equal(0, await DbAsync(db => db.RectificationItems.CountAsync(i => i.MeetingId == id)));
        var question = await Session.ParseAsync(unconfirmed);
        Assert.Equal("确定反馈点评意见？", question.Heading());
        Assert.Contains("点评指出的问题随即形成问题清单；反馈不能撤回", question.MainText(), StringComparison.Ordinal);
        Assert.Equal("请注意：还有1条点评未提交，反馈时不会包含未提交的点评。", question.QuerySelector("main [role=alert]")!.TextContent.Trim());

        using var confirmed = await organizer.ConfirmAsync(unconfirmed);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.NotNull(await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.FeedbackReleasedAt).SingleAsync()));
        Assert.Equal(3, await DbAsync(db => db.RectificationItems.CountAsync(i => i.MeetingId == id)));
    }

    [Fact]
    public async Task Returning_a_plan_without_a_reason_says_so_next_to_the_reason_field()
    {
        await ReleasedMeetingAsync();
        var item = await ItemAsync(ProblemA);
        using (var secretary = await SignInAsync("secretary"))
        {
            (await secretary.SubmitAsync(await secretary.GetAsync($"/Rectification/Item/{item.Id}"), "#plan-form", Plan(new DateOnly(2027, 6, 30)), "[data-submit-plan]")).Dispose();
        }

        using var organizer = await SignInAsync("organizer");
        using var refused = await organizer.SubmitAsync(await organizer.GetAsync($"/Rectification/Item/{item.Id}"), "#return-plan-form", new() { ["reason"] = " " });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Session.ParseAsync(refused);
        var field = page.QuerySelector("#return-plan-form #plan-reason")!;
        Assert.Equal("plan-reason-error", field.GetAttribute("aria-describedby"));
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Equal("请填写退回原因。", page.QuerySelector("#return-plan-form #plan-reason-error")!.TextContent.Trim());
        Assert.Equal(PlanState.Submitted, (await ItemAsync(ProblemA)).PlanState);

        using var returned = await organizer.SubmitAsync(await organizer.GetAsync($"/Rectification/Item/{item.Id}"), "#return-plan-form", new() { ["reason"] = "措施不够具体" });

        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var stored = await ItemAsync(ProblemA);
        Assert.Equal(PlanState.Returned, stored.PlanState);
        Assert.Equal("措施不够具体", stored.PlanReturnReason);
    }

    [Fact]
    public async Task Releasing_feedback_turns_every_problem_of_finalised_comments_into_items_with_their_source()
    {
        var id = await ReleasedMeetingAsync();

        var items = await DbAsync(db => db.RectificationItems.AsNoTracking().Include(i => i.Sources).Where(i => i.MeetingId == id).OrderBy(i => i.Text).ToListAsync());
        Assert.Equal(new[] { ProblemA, ProblemB, ProblemC }.Order(StringComparer.Ordinal), items.Select(i => i.Text).Order(StringComparer.Ordinal));
        var a = items.Single(i => i.Text == ProblemA);
        Assert.Equal(ProblemSourceKind.LeaderComment, a.Sources.Single().Kind);
        Assert.Equal("陈立群", a.Sources.Single().Author);
        Assert.Equal("李华（党员代表）", items.Single(i => i.Text == ProblemC).Sources.Single().Author);
        Assert.All(items, i => Assert.Equal(RectificationStatus.NotStarted, i.Status));

        using var secretary = await SignInAsync("secretary");
        var list = await secretary.GetAsync("/Rectification");
        Assert.Contains(ProblemA, list.MainText(), StringComparison.Ordinal);
        Assert.Contains(ProblemB, list.MainText(), StringComparison.Ordinal);
        Assert.DoesNotContain(ProblemC, list.MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secretary_plans_own_items_and_cannot_open_another_units_item()
    {
        await ReleasedMeetingAsync();
        var own = await ItemAsync(ProblemA);
        var other = await ItemAsync(ProblemC);
        using var secretary = await SignInAsync("secretary");

        Assert.Equal(HttpStatusCode.NotFound, await secretary.StatusOfAsync($"/Rectification/Item/{other.Id}"));
        var page = await secretary.FollowAsync(await secretary.SubmitAsync(await secretary.GetAsync($"/Rectification/Item/{own.Id}"), "#plan-form", Plan(new DateOnly(2027, 6, 30)), "[data-submit-plan]"));

        Assert.Contains("整改方案已提交", page.MainText(), StringComparison.Ordinal);
        var stored = await ItemAsync(ProblemA);
        Assert.Equal(PlanState.Submitted, stored.PlanState);
        Assert.Equal(new DateOnly(2027, 6, 30), stored.Deadline);
        Assert.Equal("张明（党建办主任）", stored.ResponsiblePerson);
    }

    [Fact]
    public async Task Secretary_cannot_approve_their_own_plan()
    {
        await ReleasedMeetingAsync();
        var item = await ItemAsync(ProblemA);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.FollowAsync(await secretary.SubmitAsync(await secretary.GetAsync($"/Rectification/Item/{item.Id}"), "#plan-form", Plan(new DateOnly(2027, 6, 30)), "[data-submit-plan]"));
        Assert.Null(page.QuerySelector("#approve-form"));

        // A form of the secretary's own list, with their valid antiforgery token, aimed at the staff handler.
        var list = await secretary.GetAsync("/Rectification");
        list.QuerySelector<IHtmlFormElement>("main form[method=post]")!.Action = $"/Rectification/Item/{item.Id}?handler=Approve";
        using var response = await secretary.SubmitAsync(list, "form[action*='handler=Approve']", []);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(PlanState.Submitted, (await ItemAsync(ProblemA)).PlanState);
    }

    [Fact]
    public async Task Staff_outside_the_subtree_neither_see_nor_change_the_items()
    {
        await ReleasedMeetingAsync();
        var item = await ItemAsync(ProblemA);
        using var liulin = await SignInAsync("organizer.liulin");

        Assert.Equal(HttpStatusCode.NotFound, await liulin.StatusOfAsync($"/Rectification/Item/{item.Id}"));
        var ledger = await liulin.GetAsync("/Rectification/Ledger");
        Assert.DoesNotContain(ProblemA, ledger.MainText(), StringComparison.Ordinal);
        Assert.Contains("共 0 项", ledger.MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observer_reads_the_item_without_any_form_and_secretary_cannot_reach_the_ledger()
    {
        await ReleasedMeetingAsync();
        var item = await ItemAsync(ProblemA);
        using var observer = await SignInAsync("observer");
        var page = await observer.GetAsync($"/Rectification/Item/{item.Id}");
        Assert.Contains(ProblemA, page.Heading(), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));

        using var secretary = await SignInAsync("secretary");
        Assert.NotEqual(HttpStatusCode.OK, await secretary.StatusOfAsync("/Rectification/Ledger"));
        using var leader = await SignInAsync("leader");
        Assert.NotEqual(HttpStatusCode.OK, await leader.StatusOfAsync($"/Rectification/Item/{item.Id}"));
    }

    [Fact]
    public async Task Renamed_executable_is_refused_as_evidence_and_the_typed_text_stays()
    {
        await ReleasedMeetingAsync();
        var id = await ApprovedItemAsync(ProblemA);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Rectification/Item/{id}");

        using var response = await secretary.UploadAsync(page, "#progress-form", new() { ["Progress.Text"] = "已完成两个社区的改造。" },
            new UploadFile("files", "现场照片.png", TestDocuments.Executable(), "image/png"), ("complete", "false"));

        var refused = await Session.ParseAsync(response);
        Assert.Contains("佐证材料只接受PDF、Word（.docx）、JPEG或PNG文件", refused.ErrorFor("files"), StringComparison.Ordinal);
        Assert.Equal("已完成两个社区的改造。", refused.QuerySelector<IHtmlTextAreaElement>("textarea[name='Progress.Text']")!.Value);
        Assert.Empty((await ItemAsync(ProblemA)).Updates);
        Assert.Equal(0, await DbAsync(db => db.ReportFiles.CountAsync()));
    }

    [Fact]
    public async Task Pdf_html_polyglot_is_refused_as_evidence_and_the_typed_text_stays()
    {
        await ReleasedMeetingAsync();
        var id = await ApprovedItemAsync(ProblemA);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Rectification/Item/{id}");

        using var response = await secretary.UploadAsync(page, "#progress-form", new() { ["Progress.Text"] = "已完成两个社区的改造。" },
            new UploadFile("files", "整改报告.pdf", TestDocuments.PdfHtmlPolyglot(), "application/pdf"), ("complete", "false"));

        var refused = await Session.ParseAsync(response);
        Assert.StartsWith("“整改报告.pdf”：文件开头含有网页代码（HTML/脚本），可能是伪装成文档的网页，已拒绝。", refused.ErrorFor("files"), StringComparison.Ordinal);
        Assert.Equal("已完成两个社区的改造。", refused.QuerySelector<IHtmlTextAreaElement>("textarea[name='Progress.Text']")!.Value);
        Assert.Equal(0, await DbAsync(db => db.ReportFiles.CountAsync()));
    }

    [Fact]
    public async Task Evidence_documents_download_as_sandboxed_attachments()
    {
        await ReleasedMeetingAsync();
        var id = await ApprovedItemAsync(ProblemA);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Rectification/Item/{id}");
        using var response = await secretary.UploadAsync(page, "#progress-form", new() { ["Progress.Text"] = "改造完成。" },
            new UploadFile("files", "整改报告.pdf", TestDocuments.Pdf(), "application/pdf"), ("complete", "false"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var fileId = Assert.Single((await ItemAsync(ProblemA)).Updates.Single().EvidenceFileIds);

        using var download = await secretary.Client.GetAsync($"/Rectification/Evidence/{fileId}");

        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("整改报告.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox; default-src 'none'; frame-ancestors 'none'", download.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Real_png_is_accepted_as_evidence_and_served_only_to_those_who_see_the_item()
    {
        await ReleasedMeetingAsync();
        var id = await ApprovedItemAsync(ProblemA);
        using var secretary = await SignInAsync("secretary");
        var page = await secretary.GetAsync($"/Rectification/Item/{id}");

        using var response = await secretary.UploadAsync(page, "#progress-form", new() { ["Progress.Text"] = "改造完成。" },
            new UploadFile("files", "现场照片.png", TestDocuments.RealPng(), "image/png"), ("complete", "true"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await ItemAsync(ProblemA);
        Assert.Equal(RectificationStatus.AwaitingReview, stored.Status);
        var fileId = Assert.Single(stored.Updates.Single().EvidenceFileIds);
        Assert.Equal("image/png", await DbAsync(db => db.ReportFiles.Where(f => f.Id == fileId).Select(f => f.ContentType).SingleAsync()));
        using var download = await secretary.Client.GetAsync($"/Rectification/Evidence/{fileId}");
        Assert.Equal(TestDocuments.RealPng(), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("inline", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox; default-src 'none'", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var liulin = await SignInAsync("organizer.liulin");
        Assert.Equal(HttpStatusCode.NotFound, await liulin.StatusOfAsync($"/Rectification/Evidence/{fileId}"));
    }

    [Fact]
    public async Task Staff_close_one_completion_and_send_back_another_with_a_reason()
    {
        await ReleasedMeetingAsync();
        var a = await ApprovedItemAsync(ProblemA);
        var b = await ApprovedItemAsync(ProblemB);
        using var secretary = await SignInAsync("secretary");
        foreach (var id in new[] { a, b })
        {
            (await secretary.UploadAsync(await secretary.GetAsync($"/Rectification/Item/{id}"), "#progress-form", new() { ["Progress.Text"] = "已完成。" }, null, ("complete", "true"))).Dispose();
        }

        using var organizer = await SignInAsync("organizer");
        (await organizer.SubmitAsync(await organizer.GetAsync($"/Rectification/Item/{a}"), "#close-form", [])).Dispose();
        var refused = await Session.ParseAsync(await organizer.SubmitAsync(await organizer.GetAsync($"/Rectification/Item/{b}"), "#reject-form", new() { ["reason"] = "" }));
        Assert.Contains("请填写退回原因。", refused.MainText(), StringComparison.Ordinal);
        (await organizer.SubmitAsync(await organizer.GetAsync($"/Rectification/Item/{b}"), "#reject-form", new() { ["reason"] = "缺少佐证材料" })).Dispose();

        Assert.Equal(RectificationStatus.Closed, (await ItemAsync(ProblemA)).Status);
        var rejected = await ItemAsync(ProblemB);
        Assert.Equal(RectificationStatus.InProgress, rejected.Status);
        Assert.Equal("缺少佐证材料", rejected.RejectionReason);
        var ledger = await organizer.GetAsync("/Rectification/Ledger");
        Assert.StartsWith("共 3 项，其中未启动 1 项、整改中 1 项、已完成待审核 0 项、已销号 1 项；", ledger.QuerySelector("[data-totals]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_merge_a_duplicate_and_the_kept_item_carries_both_sources()
    {
        await ReleasedMeetingAsync();
        var kept = await ItemAsync(ProblemA);
        var duplicate = await ItemAsync(ProblemB);
        using var organizer = await SignInAsync("organizer");

        var page = await organizer.FollowAsync(await organizer.SubmitAsync(await organizer.GetAsync($"/Rectification/Item/{duplicate.Id}"), "#merge-form", new() { ["into"] = kept.Id.ToString() }));

        Assert.Contains("重复问题已合并", page.MainText(), StringComparison.Ordinal);
        Assert.Equal(2, (await ItemAsync(ProblemA)).Sources.Count);
        Assert.False(await DbAsync(db => db.RectificationItems.AnyAsync(i => i.Id == duplicate.Id)));
    }

    [Fact]
    public async Task Excel_export_holds_every_filtered_item_with_the_stored_values()
    {
        var meetingId = await ReleasedMeetingAsync();
        await ApprovedItemAsync(ProblemA);
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.Client.GetAsync($"/Rectification/Ledger?handler=Export&meeting={meetingId}");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var workbook = ExcelWorkbook.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(workbook.SchemaErrors);
        Assert.Equal(["整改台账"], workbook.SheetNames);
        var rows = workbook.Cells("整改台账");
        var header = rows[0].Select(c => c.Text).ToList();
        Assert.Equal("问题", header[6]);
        Assert.All(rows[0], c => Assert.True(c.Bold));
        var items = await DbAsync(db => db.RectificationItems.AsNoTracking().Where(i => i.MeetingId == meetingId).ToListAsync());

        // The items, an empty row and the two rows of the summary; the header stays in view and filters the items.
        Assert.Equal(items.Count + 4, rows.Count);
        Assert.Equal(1, workbook.FrozenRows("整改台账"));
        Assert.Equal($"A1:T{items.Count + 1}", workbook.AutoFilter("整改台账"));
        foreach (var item in items)
        {
            var row = rows.Skip(1).Take(items.Count).Single(r => r[header.IndexOf("问题")].Text == item.Text);
            ExcelCell Cell(string column) => row[header.IndexOf(column)];
            Assert.Equal(item.Category, Cell("问题类别").Text);
            Assert.Equal(item.Status.ChineseName(), Cell("整改状态").Text);
            Assert.Equal(item.PlanState.ChineseName(), Cell("方案状态").Text);
            Assert.Equal(item.ResponsiblePerson ?? "", Cell("责任人").Text);
            Assert.Equal(2025m, Cell("述职年度").Number);

            // Dates are Excel dates, so the ledger sorts and filters by them.
            var deadline = Cell("整改时限");
            Assert.Equal(item.Deadline?.ToDateTime(TimeOnly.MinValue), deadline.Date);
            Assert.Equal(item.Deadline is null ? ExcelCellType.Empty : ExcelCellType.Number, deadline.Type);
            var created = Cell("形成时间");
            Assert.True(created.IsDate);
            Assert.Equal("yyyy-mm-dd hh:mm", created.NumberFormat);
            Assert.InRange((created.Date!.Value - BeijingTime.ToBeijing(item.CreatedAt).DateTime).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        }

        Assert.Contains(items, i => i.Deadline is not null);
        Assert.All(rows.Skip(1).Take(items.Count).Select(r => r[header.IndexOf("整改时限")]).Where(c => c.Type == ExcelCellType.Number), c => Assert.Equal("yyyy-mm-dd", c.NumberFormat));
    }

    [Fact]
    public async Task Next_years_report_form_pad_and_overview_carry_last_years_items()
    {
        await ReleasedMeetingAsync();
        await ApprovedItemAsync(ProblemA);
        var next = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        var dongcheng = await DbAsync(db => db.Reporters.Where(r => r.MeetingId == next && r.UnitName == Dongcheng).Select(r => r.Id).SingleAsync());

        using var secretary = await SignInAsync("secretary");
        var form = await secretary.GetAsync($"/Reports/Submit/{dongcheng}");
        var draft = form.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Rectification']")!.Value;
        Assert.StartsWith("2025年度述职评议指出问题2项，已销号0项", draft, StringComparison.Ordinal);
        Assert.Contains($"{ProblemA}（整改中）", draft, StringComparison.Ordinal);

        using var leader = await SignInAsync("leader");
        var pad = await leader.GetAsync($"/Live/Pad/{next}?reporter={dongcheng}");
        Assert.Contains("上年度问题 2 项，已销号 0 项", pad.MainText(), StringComparison.Ordinal);
        Assert.Contains(ProblemB, pad.MainText(), StringComparison.Ordinal);

        using var organizer = await SignInAsync("organizer");
        var overview = await organizer.GetAsync($"/Meetings/Details/{next}");
        Assert.Contains("上年度问题 2 项，已销号 0 项，逾期 0 项", overview.QuerySelector("#carry-over")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_reminds_the_secretary_and_staff_of_overdue_items()
    {
        await ReleasedMeetingAsync();
        var id = await ApprovedItemAsync(ProblemA);
        await DbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE rectification_items SET deadline = {BeijingTime.Today(_clock).AddDays(-3)} WHERE id = {id}"));

        using var secretary = await SignInAsync("secretary");
        var dashboard = await secretary.GetAsync("/");
        var reminders = dashboard.QuerySelector("[aria-labelledby='reminders-heading']")!.TextContent;
        Assert.Contains(ProblemA, reminders, StringComparison.Ordinal);
        Assert.Contains("逾期", reminders, StringComparison.Ordinal);
        using var organizer = await SignInAsync("organizer");
        Assert.Contains(ProblemA, (await organizer.GetAsync("/")).QuerySelector("[aria-labelledby='reminders-heading']")!.TextContent, StringComparison.Ordinal);
        using var liulin = await SignInAsync("organizer.liulin");
        Assert.DoesNotContain(ProblemA, (await liulin.GetAsync("/")).MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ballot_shows_each_reporters_carry_over_line_only_when_the_organizer_enables_it()
    {
        await ReleasedMeetingAsync();
        var plain = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).Published().SaveAsync(db));
        var next = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).Published().SaveAsync(db));
        using var organizer = await SignInAsync("organizer");

        var edit = await organizer.GetAsync($"/Meetings/Edit/{next}");
        (await organizer.SubmitAsync(edit, "#ballot-summary form", new() { ["show"] = "true" })).Dispose();

        Assert.True(await DbAsync(db => db.Meetings.Where(m => m.Id == next).Select(m => m.ShowsRectificationOnBallot).SingleAsync()));
        Assert.Empty((await BallotAsync(organizer, plain)).QuerySelectorAll("[data-carry-over]"));
        var ballot = await BallotAsync(organizer, next);
        string LineOf(string unit) => ballot.QuerySelectorAll("fieldset.ballot-item")
            .Single(f => f.TextContent.Contains(unit, StringComparison.Ordinal)).QuerySelector("[data-carry-over]")!.TextContent.Trim();
        Assert.Equal("上年度问题 2 项，已销号 0 项，逾期 0 项", LineOf(Dongcheng));
        Assert.Equal("上年度问题 1 项，已销号 0 项，逾期 0 项", LineOf(Xicheng));
        Assert.Equal(2, ballot.QuerySelectorAll("[data-carry-over]").Length);
    }

    /// <summary>Starts voting, issues one code through the staff page and opens the ballot as a voter would.</summary>
    private async Task<IHtmlDocument> BallotAsync(Session organizer, Guid meetingId)
    {
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId);
            meeting.StartSession(Guid.NewGuid(), _clock.GetUtcNow());
            meeting.StartEvaluation(Guid.NewGuid(), _clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var codes = await organizer.GetAsync($"/Evaluation/Codes/{meetingId}");
        var slips = await organizer.FollowAsync(await organizer.SubmitAsync(codes, "form[action*='handler=Issue']", new() { ["count"] = "1" }));
        var code = slips.QuerySelector(".slip-code")!.TextContent.Trim();
        using var voter = Anonymous();
        return await voter.GetAsync($"/v/{code}");
    }
}
