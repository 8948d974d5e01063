using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Meetings;

public sealed class SchedulingTests : AppTest
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";
    private const string Taoyuan = "中共清河区桃源镇委员会";

    private Task<Guid> UnitIdAsync(string name) => DbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private Task<Meeting> MeetingAsync(Guid id) =>
        DbAsync(db => db.Meetings.Include(m => m.Reporters).Include(m => m.Agenda).Include(m => m.Attendance).Include(m => m.StatusChanges)
            .AsSplitQuery().AsNoTracking().SingleAsync(m => m.Id == id));

    private Task<Guid> ArrangeAsync(Func<MeetingBuilder, MeetingBuilder> configure) => DbAsync(db => configure(new MeetingBuilder()).SaveAsync(db));

    [Fact]
    public async Task Organizer_creates_a_meeting_with_the_suggested_title()
    {
        using var organizer = await SignInAsync("organizer");
        var form = await organizer.GetAsync("/Meetings/Create");
        Assert.Equal("清河区2026年度党组织书记抓基层党建工作述职评议会议", ((IHtmlInputElement)form.QuerySelector("#Input_Title")!).Value);

        var overview = await organizer.FollowAsync(await organizer.SubmitAsync(form, "main form", new()
        {
            ["Input.Title"] = "",
            ["Input.Date"] = "2027-01-15",
            ["Input.StartTime"] = "09:00",
            ["Input.MainVenue"] = "区委第一会议室",
            ["Input.SubVenues"] = "东城街道分会场\n\n桃源镇分会场\n",
            ["Input.Host"] = "区委书记 陈立群",
            ["Input.TimeLimitMinutes"] = "8",
            ["Input.WrittenReportDeadline"] = "2027-01-08",
        }));

        Assert.Equal("清河区2026年度党组织书记抓基层党建工作述职评议会议", overview.Heading());
        Assert.Contains("2027年1月15日 09:00", overview.MainText(), StringComparison.Ordinal);
        Assert.Contains("分会场：东城街道分会场、桃源镇分会场", overview.MainText(), StringComparison.Ordinal);
        var stored = await DbAsync(db => db.Meetings.AsNoTracking().SingleAsync());
        Assert.Equal(MeetingStatus.Draft, stored.Status);
        Assert.Equal(8, stored.TimeLimitMinutes);
        Assert.Equal(["东城街道分会场", "桃源镇分会场"], stored.SubVenues);
    }

    [Theory]
    [InlineData("0", "现场述职时限（分钟）必须在1到30之间。")]
    [InlineData("31", "现场述职时限（分钟）必须在1到30之间。")]
    [InlineData("", "请填写现场述职时限（分钟）。")]
    public async Task Time_limit_outside_one_to_thirty_is_refused_next_to_the_field(string limit, string message)
    {
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.SubmitAsync("/Meetings/Create", "main form", new()
        {
            ["Input.TimeLimitMinutes"] = limit,
            ["Input.MainVenue"] = "区委第一会议室",
        });
        var page = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.ErrorFor("Input.TimeLimitMinutes"));
        Assert.Equal("区委第一会议室", ((IHtmlInputElement)page.QuerySelector("#Input_MainVenue")!).Value);
        Assert.Equal(0, await DbAsync(db => db.Meetings.CountAsync()));
    }

    [Fact]
    public async Task Date_in_the_wrong_year_and_deadline_after_the_meeting_are_explained()
    {
        using var organizer = await SignInAsync("organizer");

        using var wrongYear = await organizer.SubmitAsync("/Meetings/Create", "main form", new() { ["Input.Date"] = "2026-03-01" });
        Assert.Equal("2026年度的会议日期应在2026年11月至2027年12月之间。", (await Session.ParseAsync(wrongYear)).ErrorFor("Input.Date"));

        using var lateDeadline = await organizer.SubmitAsync("/Meetings/Create", "main form", new()
        {
            ["Input.Date"] = "2027-01-15",
            ["Input.WrittenReportDeadline"] = "2027-01-20",
        });
        Assert.Equal("书面述职报告截止日期不能晚于会议日期。", (await Session.ParseAsync(lateDeadline)).ErrorFor("Input.WrittenReportDeadline"));
    }

    [Fact]
    public async Task Every_field_error_of_the_details_form_shows_in_one_round()
    {
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.SubmitAsync("/Meetings/Create", "main form", new()
        {
            ["Input.TimeLimitMinutes"] = "0",
            ["Input.Date"] = "2026-03-01",
            ["Input.WrittenReportDeadline"] = "2026-03-09",
            ["Input.SubVenues"] = string.Join('\n', Enumerable.Range(1, 31).Select(i => $"第{i}分会场")),
        });
        var page = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("现场述职时限（分钟）必须在1到30之间。", page.ErrorFor("Input.TimeLimitMinutes"));
        Assert.Equal("2026年度的会议日期应在2026年11月至2027年12月之间。", page.ErrorFor("Input.Date"));
        Assert.Equal("书面述职报告截止日期不能晚于会议日期。", page.ErrorFor("Input.WrittenReportDeadline"));
        Assert.Equal("分会场不能超过30个。", page.ErrorFor("Input.SubVenues"));
        Assert.Equal(0, await DbAsync(db => db.Meetings.CountAsync()));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public async Task Review_year_more_than_a_year_from_now_is_refused_next_to_the_field(int offset)
    {
        var thisYear = BeijingTime.Now(TimeProvider.System).Year;
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.SubmitAsync("/Meetings/Create", "main form", new()
        {
            ["Input.ReviewYear"] = (thisYear + offset).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal($"述职年度应在{thisYear - 1}到{thisYear + 1}之间。", (await Session.ParseAsync(response)).ErrorFor("Input.ReviewYear"));
        Assert.Equal(0, await DbAsync(db => db.Meetings.CountAsync()));
    }

    [Fact]
    public async Task Host_outside_the_organizers_subtree_is_refused()
    {
        using var organizer = await SignInAsync("organizer");
        var liulin = await UnitIdAsync("中共柳林区委员会");

        using var response = await organizer.SubmitAsync("/Meetings/Create", "main form", new() { ["HostUnitId"] = liulin.ToString() });

        Assert.Equal("请选择您管理范围内的主办单位。", (await Session.ParseAsync(response)).ErrorFor("HostUnitId"));
        Assert.Equal(0, await DbAsync(db => db.Meetings.CountAsync()));
    }

    [Fact]
    public async Task Reporters_are_added_with_their_secretary_snapshotted()
    {
        var id = await ArrangeAsync(b => b);
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Meetings/Reporters/{id}");
        var dongcheng = await UnitIdAsync(Dongcheng);
        var xicheng = await UnitIdAsync(Xicheng);
        foreach (var box in page.QuerySelectorAll<IHtmlInputElement>("input[name='unitIds']"))
        {
            box.IsChecked = box.Value == dongcheng.ToString() || box.Value == xicheng.ToString();
        }

        using var response = await organizer.SubmitAsync(page, "form[action*='handler=Add']", new() { ["mode"] = "OnSite" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var meeting = await MeetingAsync(id);
        var reporter = meeting.Reporters.Single(r => r.UnitName == Dongcheng);
        Assert.Equal("王晓东", reporter.SecretaryName);
        Assert.Equal("街道党工委书记", reporter.SecretaryTitle);
        Assert.Equal([1, 2], meeting.OnSite().Select(r => r.Order!.Value));

        // A later change of secretary does not rewrite the meeting.
        await DbAsync(async db =>
        {
            var unit = await db.Organizations.SingleAsync(o => o.Name == Dongcheng);
            unit.AssignSecretary(ReviewMeetings.Domain.Organizations.Secretary.Create("新书记", "街道党工委书记", null, null));
            return await db.SaveChangesAsync();
        });
        Assert.Equal("王晓东", (await MeetingAsync(id)).Reporters.Single(r => r.UnitName == Dongcheng).SecretaryName);
    }

    [Fact]
    public async Task Duplicate_reporter_is_refused_and_nothing_changes()
    {
        var id = await ArrangeAsync(b => b.OnSite(Dongcheng));
        using var organizer = await SignInAsync("organizer");
        var dongcheng = await UnitIdAsync(Dongcheng);
        var taoyuan = await UnitIdAsync(Taoyuan);
        var page = await organizer.GetAsync($"/Meetings/Reporters/{id}");
        var form = (IHtmlFormElement)page.QuerySelector("form[action*='handler=Add']")!;
        var box = form.QuerySelector<IHtmlInputElement>($"input[value='{taoyuan}']")!;
        box.IsChecked = true;
        box.Value = dongcheng.ToString(); // a stale page posting a unit someone else already added

        using var response = await organizer.SubmitAsync(page, "form[action*='handler=Add']", new() { ["mode"] = "Written" });
        var result = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"“{Dongcheng}”已是本次会议的述职对象。", result.Summary());
        Assert.Single((await MeetingAsync(id)).Reporters);
    }

    [Fact]
    public async Task Unit_of_another_district_cannot_be_added_by_id()
    {
        var id = await ArrangeAsync(b => b);
        using var organizer = await SignInAsync("organizer");
        var foreign = await UnitIdAsync("中共柳林区河西街道工作委员会");
        var page = await organizer.GetAsync($"/Meetings/Reporters/{id}");
        var box = page.QuerySelector<IHtmlInputElement>("form[action*='handler=Add'] input[name='unitIds']")!;
        box.IsChecked = true;
        box.Value = foreign.ToString();

        using var response = await organizer.SubmitAsync(page, "form[action*='handler=Add']", new() { ["mode"] = "OnSite" });

        Assert.Equal("所选单位不在本次会议主办单位的管理范围内。", (await Session.ParseAsync(response)).Summary());
        Assert.Empty((await MeetingAsync(id)).Reporters);
    }

    [Fact]
    public async Task Concurrent_edit_of_the_same_meeting_tells_the_second_to_reload_and_keeps_their_input()
    {
        var id = await ArrangeAsync(b => b);
        using var first = await SignInAsync("organizer");
        using var second = await SignInAsync("organizer");
        var firstForm = await first.GetAsync($"/Meetings/Edit/{id}");
        var secondForm = await second.GetAsync($"/Meetings/Edit/{id}");

        using var saved = await first.SubmitAsync(firstForm, "main form", new() { ["Input.MainVenue"] = "区行政中心大会堂" });
        using var stale = await second.SubmitAsync(secondForm, "main form", new() { ["Input.Host"] = "区委副书记 李明" });
        var stalePage = await Session.ParseAsync(stale);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("这次会议刚被他人修改过", stalePage.Summary(), StringComparison.Ordinal);
        Assert.Equal("区委副书记 李明", ((IHtmlInputElement)stalePage.QuerySelector("#Input_Host")!).Value);
        // Beside what they typed, the saved values of the fields that differ, so they can compare before saving again.
        var differences = stalePage.QuerySelectorAll("#stale tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(
            [["主会场", "区委第一会议室", "区行政中心大会堂"], ["主持人", "区委副书记 李明", "区委书记 陈立群"]],
            differences);
        var stored = await MeetingAsync(id);
        Assert.Equal("区行政中心大会堂", stored.MainVenue);
        Assert.Equal("区委书记 陈立群", stored.Host);

        // The reloaded form carries the new version: saving again is a deliberate overwrite.
        using var again = await second.SubmitAsync(stalePage, "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("区委副书记 李明", (await MeetingAsync(id)).Host);
    }

    [Fact]
    public async Task Stale_reporter_change_is_detected_too()
    {
        var id = await ArrangeAsync(b => b.OnSite(Dongcheng, Xicheng));
        using var first = await SignInAsync("organizer");
        using var second = await SignInAsync("organizer");
        var firstPage = await first.GetAsync($"/Meetings/Reporters/{id}");
        var secondPage = await second.GetAsync($"/Meetings/Reporters/{id}");

        using var moved = await first.SubmitAsync(firstPage, "form[action*='handler=Draw']", []);
        using var unconfirmed = await second.SubmitAsync(secondPage, "form[action*='handler=Remove']", []);
        using var stale = await second.ConfirmAsync(unconfirmed);

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Contains("这次会议刚被他人修改过", (await Session.ParseAsync(stale)).Summary(), StringComparison.Ordinal);
        Assert.Equal(2, (await MeetingAsync(id)).Reporters.Count);
    }

    [Fact]
    public async Task Drawing_lots_records_who_when_and_a_seed_that_reproduces_the_order()
    {
        var id = await ArrangeAsync(b => b.OnSite(Dongcheng, Xicheng, Taoyuan, "中共清河区南湖街道工作委员会", "中共清河区柳溪镇委员会"));
        using var organizer = await SignInAsync("organizer");

        var page = await organizer.SubmitAndFollowAsync($"/Meetings/Reporters/{id}", "form[action*='handler=Draw']", []);

        var meeting = await MeetingAsync(id);
        var draw = meeting.Lottery!;
        Assert.Equal(await DbAsync(db => db.Users.Where(u => u.UserName == "organizer").Select(u => u.Id).SingleAsync()), draw.DrawnBy);
        Assert.Equal(Lottery.Draw(meeting.Reporters.Select(r => r.Id), draw.Seed), meeting.OnSite().Select(r => r.Id).ToList());
        Assert.Contains($"随机种子 {draw.Seed}", page.MainText(), StringComparison.Ordinal);
        Assert.Equal(meeting.OnSite().Select(r => r.UnitName), page.QuerySelectorAll("#onsite-list li").Select(li => li.QuerySelector(".flex-grow-1")!.FirstChild!.TextContent.Trim()));
    }

    [Fact]
    public async Task Keyboard_move_and_drag_order_post_change_the_speaking_order()
    {
        var id = await ArrangeAsync(b => b.OnSite(Dongcheng, Xicheng, Taoyuan));
        using var organizer = await SignInAsync("organizer");
        var before = (await MeetingAsync(id)).OnSite().Select(r => r.Id).ToList();

        using var moved = await organizer.SubmitAsync($"/Meetings/Reporters/{id}", $"form[action*='handler=Move']:has(input[value='{before[0]}'])", [], "button[value='1']");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal([before[1], before[0], before[2]], (await MeetingAsync(id)).OnSite().Select(r => r.Id));

        var page = await organizer.GetAsync($"/Meetings/Reporters/{id}");
        var inputs = page.QuerySelectorAll<IHtmlInputElement>("#reorder-form input[name='order']").ToList();
        inputs[0].Value = before[2].ToString();
        inputs[1].Value = before[0].ToString();
        inputs[2].Value = before[1].ToString();
        using var dragged = await organizer.SubmitAsync(page, "#reorder-form", []);
        Assert.Equal(HttpStatusCode.Redirect, dragged.StatusCode);
        Assert.Equal([before[2], before[0], before[1]], (await MeetingAsync(id)).OnSite().Select(r => r.Id));
    }

    [Fact]
    public async Task Publishing_needs_a_date_and_full_coverage_then_reporters_and_leaders_see_it()
    {
        var id = await ArrangeAsync(b => b.Undated().OnSite(Dongcheng).CommentedBy("leader"));
        using var organizer = await SignInAsync("organizer");

        using var noDate = await organizer.SubmitConfirmedAsync($"/Meetings/Status/{id}", "form[action*='handler=Advance']", []);
        Assert.Equal("请先填写会议日期再发布。", (await Session.ParseAsync(noDate)).Summary());

        using var dated = await organizer.SubmitAsync($"/Meetings/Edit/{id}", "main form", new() { ["Input.Date"] = "2027-01-15", ["Input.WrittenReportDeadline"] = "2027-01-08" });
        using var uncovered = await organizer.SubmitConfirmedAsync($"/Meetings/Status/{id}", "form[action*='handler=Advance']", []);
        Assert.Equal("还有13个单位既未安排述职也未说明排除原因，请在“覆盖情况”中处理后再发布。", (await Session.ParseAsync(uncovered)).Summary());

        using var secretary = await SignInAsync("secretary");
        Assert.Equal(HttpStatusCode.NotFound, await secretary.StatusOfAsync($"/Meetings/Details/{id}"));

        var coverage = await organizer.GetAsync($"/Meetings/Coverage/{id}");
        Assert.Equal("13", coverage.QuerySelector("#uncovered-count")!.TextContent.Trim());
        foreach (var form in coverage.QuerySelectorAll<IHtmlFormElement>("form[action*='handler=Exclude']").ToList())
        {
            var unitId = form.QuerySelector<IHtmlInputElement>("input[name='unitId']")!.Value;
            var fresh = await organizer.GetAsync($"/Meetings/Coverage/{id}");
            using var excluded = await organizer.SubmitAsync(fresh, $"form[action*='handler=Exclude']:has(input[value='{unitId}'])", new() { ["reason"] = "书记新任职不满半年" });
            Assert.Equal(HttpStatusCode.Redirect, excluded.StatusCode);
        }

        var published = await organizer.FollowAsync(await organizer.SubmitConfirmedAsync($"/Meetings/Status/{id}", "form[action*='handler=Advance']", []));
        Assert.Contains("会议状态已改为“已发布”。", published.MainText(), StringComparison.Ordinal);
        var meeting = await MeetingAsync(id);
        Assert.Equal(MeetingStatus.Published, meeting.Status);
        Assert.Equal(MeetingStatus.Draft, meeting.StatusChanges.Single().From);

        var slot = await secretary.GetAsync($"/Meetings/Details/{id}");
        Assert.Contains("现场述职（第1位）", slot.QuerySelector("section")!.TextContent, StringComparison.Ordinal);
        Assert.Null(slot.QuerySelector("#reporters-heading"));
        var secretaryHome = await secretary.GetAsync("/");
        Assert.Contains("我参加述职的会议", secretaryHome.MainText(), StringComparison.Ordinal);
        Assert.Contains("书面报告截止 2027年1月8日", secretaryHome.MainText(), StringComparison.Ordinal);

        using var leader = await SignInAsync("leader");
        var leaderView = await leader.GetAsync($"/Meetings/Details/{id}");
        Assert.Contains(Dongcheng, leaderView.QuerySelector("#reporters-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, await leader.StatusOfAsync($"/Meetings/Edit/{id}"));
    }

    [Fact]
    public async Task Reporters_are_frozen_once_the_meeting_is_in_session()
    {
        var id = await ArrangeAsync(b => b.OnSite(Dongcheng, Xicheng).Published());
        using var organizer = await SignInAsync("organizer");
        using var started = await organizer.SubmitConfirmedAsync($"/Meetings/Status/{id}", "form[action*='handler=Advance']", []);
        Assert.Equal(MeetingStatus.InSession, (await MeetingAsync(id)).Status);

        var page = await organizer.GetAsync($"/Meetings/Reporters/{id}");

        Assert.Contains("会议已开始，述职对象和顺序不能再调整。", page.MainText(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Remove']"));
        using var content = new FormUrlEncodedContent([]);
        var before = (await MeetingAsync(id)).Reporters.Count;
        var anyReporter = (await MeetingAsync(id)).Reporters.First().Id;
        var editPage = await organizer.GetAsync($"/Meetings/Edit/{id}");
        var token = editPage.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        using var forced = await organizer.Client.PostAsync($"/Meetings/Reporters/{id}?handler=Remove", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["reporterId"] = anyReporter.ToString(),
            ["Version"] = (await MeetingAsync(id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.Equal("会议已开始，不能再调整述职对象和顺序。", (await Session.ParseAsync(forced)).Summary());
        Assert.Equal(before, (await MeetingAsync(id)).Reporters.Count);
    }

    [Fact]
    public async Task Going_back_after_closing_needs_an_administrator_and_a_reason()
    {
        var id = await ArrangeAsync(b => b.OnSite(Dongcheng).Published());
        using var organizer = await SignInAsync("organizer");
        foreach (var to in new[] { "InSession", "Closed" })
        {
            using var step = await organizer.SubmitConfirmedAsync($"/Meetings/Status/{id}", $"form[action*='handler=Advance']:has(input[value='{to}'])", []);
            Assert.Equal(HttpStatusCode.Redirect, step.StatusCode);
        }

        var statusPage = await organizer.GetAsync($"/Meetings/Status/{id}");
        Assert.Equal(MeetingStatus.Closed, (await MeetingAsync(id)).Status);
        Assert.Contains("只有系统管理员可以退回", statusPage.MainText(), StringComparison.Ordinal);

        using var admin = await SignInAsync("admin");
        using var noReason = await admin.SubmitAsync($"/Meetings/Status/{id}", "form[action*='handler=Revert']", new() { ["to"] = "Evaluating" });
        Assert.Equal("请填写退回原因。", (await Session.ParseAsync(noReason)).Summary());

        using var reverted = await admin.SubmitAsync($"/Meetings/Status/{id}", "form[action*='handler=Revert']", new() { ["to"] = "Evaluating", ["reason"] = "补录纸质测评票" });
        Assert.Equal(HttpStatusCode.Redirect, reverted.StatusCode);
        var meeting = await MeetingAsync(id);
        Assert.Equal(MeetingStatus.Evaluating, meeting.Status);
        Assert.Equal("补录纸质测评票", meeting.StatusChanges.OrderBy(s => s.ChangedAt).Last().Reason);
    }

    [Fact]
    public async Task Agenda_and_attendance_are_saved_and_the_planned_end_is_shown()
    {
        var id = await ArrangeAsync(b => b.OnSite(Dongcheng, Xicheng));
        using var organizer = await SignInAsync("organizer");

        using var agenda = await organizer.SubmitAsync($"/Meetings/Agenda/{id}", "main form", new()
        {
            ["Rows[0].PlannedMinutes"] = "",
            ["Rows[3].Kind"] = "Other",
            ["Rows[3].Title"] = "签订党建工作责任书",
            ["Rows[3].PlannedMinutes"] = "10",
            ["Rows[3].Order"] = "3",
            ["Rows[2].Order"] = "4",
        });
        Assert.Equal(HttpStatusCode.Redirect, agenda.StatusCode);
        var meeting = await MeetingAsync(id);
        Assert.Equal(["述职与点评", "民主测评", "签订党建工作责任书", "领导讲话"], meeting.Agenda.OrderBy(a => a.Order).Select(a => a.Title));
        var page = await organizer.GetAsync($"/Meetings/Agenda/{id}");
        // 09:00 + 2 × (6 + 3) + 15 + 10 + 20 minutes
        Assert.Equal("10:03", page.QuerySelector("#planned-end")!.TextContent);

        using var missingTitle = await organizer.SubmitAsync($"/Meetings/Agenda/{id}", "main form", new() { ["Rows[4].Kind"] = "Other" });
        Assert.Equal("请填写议程名称。", (await Session.ParseAsync(missingTitle)).Summary());

        using var attendance = await organizer.SubmitAsync($"/Meetings/Attendance/{id}", "main form", new()
        {
            ["Rows[0].Expected"] = "12",
            ["Rows[0].Actual"] = "11",
            ["Rows[3].Name"] = "",
            ["Rows[4].Name"] = "离退休老干部代表",
            ["Rows[4].Expected"] = "5",
        });
        Assert.Equal(HttpStatusCode.Redirect, attendance.StatusCode);
        var groups = (await MeetingAsync(id)).Attendance.OrderBy(g => g.Order).ToList();
        Assert.Equal(["区级领导", "部门负责人", "党代表、人大代表、政协委员", "离退休老干部代表"], groups.Select(g => g.Name));
        Assert.Equal(11, groups[0].Actual);

        using var negative = await organizer.SubmitAsync($"/Meetings/Attendance/{id}", "main form", new() { ["Rows[0].Expected"] = "-1" });
        Assert.Equal("应到人数必须在0到10000之间。", (await Session.ParseAsync(negative)).Summary());
    }

    [Fact]
    public async Task Agenda_rows_are_added_and_removed_without_script_and_only_saving_stores_them()
    {
        var id = await ArrangeAsync(b => b.OnSite(Dongcheng, Xicheng));
        using var organizer = await SignInAsync("organizer");
        var form = await organizer.GetAsync($"/Meetings/Agenda/{id}");
        Assert.Equal(5, form.QuerySelectorAll("#agenda-rows tr").Length);

        var longer = await Session.ParseAsync(await organizer.SubmitAsync(form, "main form", new() { ["Rows[1].Title"] = "民主测评（纸质票）" }, "#add-row"));
        Assert.Equal(6, longer.QuerySelectorAll("#agenda-rows tr").Length);
        Assert.Equal("民主测评（纸质票）", ((IHtmlInputElement)longer.QuerySelector("#Rows_1__Title")!).Value);
        Assert.Equal("6", ((IHtmlInputElement)longer.QuerySelector("#Rows_5__Order")!).Value);

        var shorter = await Session.ParseAsync(await organizer.SubmitAsync(longer, "main form", [], "button[name=row][value='0']"));
        Assert.Equal(5, shorter.QuerySelectorAll("#agenda-rows tr").Length);
        Assert.Equal("民主测评（纸质票）", ((IHtmlInputElement)shorter.QuerySelector("#Rows_0__Title")!).Value);
        Assert.Equal(["述职与点评", "民主测评", "领导讲话"], (await MeetingAsync(id)).Agenda.OrderBy(a => a.Order).Select(a => a.Title));

        using var saved = await organizer.SubmitAsync(shorter, "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["民主测评（纸质票）", "领导讲话"], (await MeetingAsync(id)).Agenda.OrderBy(a => a.Order).Select(a => a.Title));
    }

    [Fact]
    public async Task Other_districts_and_observers_cannot_change_the_meeting()
    {
        var id = await ArrangeAsync(b => b.OnSite(Dongcheng).Published());
        using var liulin = await SignInAsync("organizer.liulin");
        using var observer = await SignInAsync("observer");

        Assert.Equal(HttpStatusCode.NotFound, await liulin.StatusOfAsync($"/Meetings/Details/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, await liulin.StatusOfAsync($"/Meetings/Reporters/{id}"));
        Assert.Empty((await liulin.GetAsync("/Meetings")).QuerySelectorAll("main tbody tr"));

        Assert.Equal(HttpStatusCode.OK, await observer.StatusOfAsync($"/Meetings/Details/{id}"));
        foreach (var page in new[] { "Edit", "Reporters", "Coverage", "Agenda", "Attendance", "Leaders", "Status" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await observer.StatusOfAsync($"/Meetings/{page}/{id}"));
        }
    }

    [Fact]
    public async Task Leader_sees_only_meetings_they_comment_at()
    {
        var assigned = await ArrangeAsync(b => b.OnSite(Dongcheng).CommentedBy("leader").Published());
        var other = await ArrangeAsync(b => b.OnSite(Xicheng).Published());
        using var leader = await SignInAsync("leader");

        Assert.Equal(HttpStatusCode.OK, await leader.StatusOfAsync($"/Meetings/Details/{assigned}"));
        Assert.Equal(HttpStatusCode.NotFound, await leader.StatusOfAsync($"/Meetings/Details/{other}"));
    }

    [Fact]
    public async Task Notice_lists_time_place_and_speaking_order()
    {
        var id = await ArrangeAsync(b => b.OnSite(Taoyuan, Dongcheng).Written(Xicheng).Published());
        using var organizer = await SignInAsync("organizer");

        var notice = await organizer.GetAsync($"/Meetings/Notice/{id}");
        var text = notice.QuerySelector("article")!.TextContent;

        Assert.Equal("关于召开清河区2026年度党组织书记抓基层党建工作述职评议会议的通知", notice.QuerySelector("article h1")!.TextContent);
        Assert.Contains("2026年12月28日（星期一）9:00", text, StringComparison.Ordinal);
        Assert.Contains($"现场述职（按述职顺序）：{Taoyuan}（孙海涛）、{Dongcheng}（王晓东）。", text, StringComparison.Ordinal);
        Assert.Contains("现场述职每人不超过6分钟", text, StringComparison.Ordinal);
        Assert.Contains("中共清河区委组织部", text, StringComparison.Ordinal);
    }
}
