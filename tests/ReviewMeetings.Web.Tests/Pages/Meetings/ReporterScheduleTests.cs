using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Reports;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Meetings;

/// <summary>The reporters page: the history of draws, re-drawing with a reason, removing with its consequence, keyboard moves.</summary>
public sealed class ReporterScheduleTests : AppTest
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";
    private const string Taoyuan = "中共清河区桃源镇委员会";
    private const string Redraw = "form[action*='handler=Draw']";

    private Task<Meeting> MeetingAsync(Guid id) =>
        DbAsync(db => db.Meetings.Include(m => m.Reporters).AsNoTracking().SingleAsync(m => m.Id == id));

    private Task<Guid> ReporterAsync(Guid meeting, string unit) =>
        DbAsync(db => db.Reporters.Where(r => r.MeetingId == meeting && r.UnitName == unit).Select(r => r.Id).SingleAsync());

    [Fact]
    public async Task Re_drawing_needs_a_reason_and_a_confirmation_and_every_draw_is_listed()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng, Taoyuan).SaveAsync(db));
        using var organizer = await SignInAsync("organizer");
        using var first = await organizer.SubmitAsync($"/Meetings/Reporters/{id}", Redraw, []);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var firstOrder = (await MeetingAsync(id)).OnSite().Select(r => r.UnitName).ToList();

        using var noReason = await organizer.SubmitAsync($"/Meetings/Reporters/{id}", Redraw, new() { ["Reason"] = " " });
        Assert.Equal("请填写重新抽签的原因。", (await Session.ParseAsync(noReason)).ErrorFor("Reason"));
        using var unconfirmed = await organizer.SubmitAsync($"/Meetings/Reporters/{id}", Redraw, new() { ["Reason"] = "桃源镇书记调整" });
        var confirmation = await Session.ParseAsync(unconfirmed);
        Assert.Equal("确定重新抽签？", confirmation.Heading());
        Assert.Contains("记录不能删除", confirmation.MainText(), StringComparison.Ordinal);
        Assert.Single((await DbAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id))).LotteryHistory);

        var page = await organizer.FollowAsync(await organizer.ConfirmAsync(unconfirmed));

        var history = (await DbAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id))).LotteryHistory;
        Assert.Equal(2, history.Count);
        Assert.Equal([null, "桃源镇书记调整"], history.Select(d => d.Reason));
        Assert.Equal(firstOrder, history[0].Order);
        Assert.Equal((await MeetingAsync(id)).OnSite().Select(r => r.UnitName), history[1].Order);
        var rows = page.QuerySelectorAll("#lottery-history tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(history[1].DrawnAt.ToChineseDateTime(), rows[0].Children[0].TextContent.Trim());
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$", rows[0].Children[0].TextContent.Trim());
        var organizerName = await DbAsync(db => db.Users.Where(u => u.UserName == "organizer").Select(u => u.DisplayName).SingleAsync());
        Assert.Equal(organizerName, rows[0].Children[1].TextContent.Trim());
        Assert.StartsWith($"1. {history[1].Order[0]}、2. {history[1].Order[1]}", rows[0].Children[2].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("桃源镇书记调整", rows[0].Children[3].TextContent.Trim());
        Assert.Equal("首次抽签", rows[1].Children[3].TextContent.Trim());
    }

    [Fact]
    public async Task Removing_a_reporter_states_that_its_report_goes_with_it_and_changes_nothing_until_confirmed()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).SaveAsync(db));
        var xicheng = await ReporterAsync(id, Xicheng);
        await DbAsync(async db =>
        {
            var report = new WrittenReport(id, xicheng, await db.Reporters.Where(r => r.Id == xicheng).Select(r => r.OrganizationId).SingleAsync());
            report.Save(ReportContent.Create("西城街道履职情况", null, null, null), null, submit: true, Guid.NewGuid(), DateTimeOffset.UtcNow, null, new DateOnly(2026, 12, 1));
            db.WrittenReports.Add(report);
            return await db.SaveChangesAsync();
        });
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Meetings/Reporters/{id}");
        var button = page.QuerySelector($"form[action*='handler=Remove']:has(input[value='{xicheng}']) button")!;
        Assert.Equal($"确定移除“{Xicheng}”？", button.GetAttribute("data-confirm-title"));
        Assert.Contains("述职报告（共1个版本）将一并删除，不能恢复", button.GetAttribute("data-confirm"), StringComparison.Ordinal);
        Assert.Contains("该单位尚未提交述职报告", page.QuerySelector($"form[action*='handler=Remove']:has(input[value='{await ReporterAsync(id, Dongcheng)}']) button")!.GetAttribute("data-confirm"), StringComparison.Ordinal);

        using var unconfirmed = await organizer.SubmitAsync(page, $"form[action*='handler=Remove']:has(input[value='{xicheng}'])", []);
        Assert.Contains("述职报告（共1个版本）将一并删除", (await Session.ParseAsync(unconfirmed)).MainText(), StringComparison.Ordinal);
        Assert.Equal(2, (await MeetingAsync(id)).Reporters.Count);

        using var removed = await organizer.ConfirmAsync(unconfirmed);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal([Dongcheng], (await MeetingAsync(id)).Reporters.Select(r => r.UnitName));
        Assert.Equal(0, await DbAsync(db => db.WrittenReports.CountAsync(r => r.MeetingId == id)));
    }

    [Fact]
    public async Task After_a_move_without_script_the_same_button_of_the_moved_reporter_has_autofocus()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng, Taoyuan).SaveAsync(db));
        var dongcheng = await ReporterAsync(id, Dongcheng);
        using var organizer = await SignInAsync("organizer");

        var page = await organizer.FollowAsync(await organizer.SubmitAsync($"/Meetings/Reporters/{id}", $"form[action*='handler=Move']:has(input[value='{dongcheng}'])", [], "button[value='1']"));

        var focused = Assert.Single(page.QuerySelectorAll("[autofocus]"));
        Assert.Equal($"下移 {Dongcheng}", focused.GetAttribute("aria-label"));
        Assert.Equal(2, (await MeetingAsync(id)).OnSite().ToList().FindIndex(r => r.Id == dongcheng) + 1);
        Assert.Empty((await organizer.GetAsync($"/Meetings/Reporters/{id}")).QuerySelectorAll("[autofocus]"));

        // Moved to the end, 下移 is disabled: the focus goes to its 上移 instead.
        page = await organizer.FollowAsync(await organizer.SubmitAsync($"/Meetings/Reporters/{id}", $"form[action*='handler=Move']:has(input[value='{dongcheng}'])", [], "button[value='1']"));
        Assert.Equal($"上移 {Dongcheng}", Assert.Single(page.QuerySelectorAll("[autofocus]")).GetAttribute("aria-label"));
    }
}
