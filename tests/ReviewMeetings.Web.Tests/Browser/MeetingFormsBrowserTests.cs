using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewMeetings.Web.Pages.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>The agenda editor and overview, and the other-scores sheet, in a real browser.</summary>
public sealed class MeetingFormsBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";

    [Fact]
    public async Task Agenda_rows_are_added_and_removed_in_place_and_the_overview_lines_the_titles_up()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).SaveAsync(db));
        await SignInAsync(Page, "organizer");
        await Page.GotoAsync($"/Meetings/Edit/{id}");
        await Expect(Heading(Page)).ToHaveTextAsync("编辑会议信息");
        await AssertNoSeriousAxeViolationsAsync(Page);
        await Page.GotoAsync($"/Meetings/Agenda/{id}");
        var rows = Page.Locator("#agenda-rows tr");
        await Expect(rows).ToHaveCountAsync(5);
        await AssertNoSeriousAxeViolationsAsync(Page);

        // With script, 添加一行 and 删除 change the table without reloading the page.
        await Page.EvaluateAsync("window.sameDocument = true");
        await Page.GetByRole(AriaRole.Button, new() { Name = "添加一行" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(6);
        await Expect(Page.GetByLabel("第6行议程类型")).ToBeFocusedAsync();
        await Page.GetByLabel("第6行议程类型").SelectOptionAsync(new SelectOptionValue { Label = "其他" });
        await Page.GetByLabel("第6行议程名称").FillAsync("签订党建工作责任书");
        await Page.GetByLabel("第6行计划时长").FillAsync("10");
        await Page.GetByRole(AriaRole.Button, new() { Name = "删除第5行" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "删除第4行" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(Page.GetByLabel("第4行议程名称")).ToHaveValueAsync("签订党建工作责任书");
        Assert.True(await Page.EvaluateAsync<bool>("window.sameDocument === true"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "保存议程" }).ClickAsync();

        await Expect(Page.Locator(".alert-success, [role=status]").First).ToContainTextAsync("议程已保存");
        var titles = Page.Locator("#agenda-heading + ol li .agenda-title");
        await Expect(titles).ToHaveTextAsync(["述职与点评", "民主测评", "领导讲话", "签订党建工作责任书"]);
        var lefts = new List<float>();
        foreach (var title in await titles.AllAsync())
        {
            lefts.Add((await title.BoundingBoxAsync())!.X);
        }

        Assert.True(lefts.Max() - lefts.Min() < 1, $"Agenda titles start at different x positions: {string.Join(", ", lefts)}");
        await AssertNoSeriousAxeViolationsAsync(Page);
    }

    [Fact]
    public async Task Scores_and_codes_pages_pass_axe_and_their_enabled_pdf_button_looks_like_the_other_actions()
    {
        var plain = await EvaluatingMeetingAsync(dailyWeight: 0);
        var weighted = await EvaluatingMeetingAsync(dailyWeight: 40);
        await SignInAsync(Page, "organizer");

        // Without other scores the page explains where to set them, with a link readable on the notice's tint.
        await Page.GotoAsync($"/Evaluation/Scores/{plain}");
        await Expect(Heading(Page)).ToHaveTextAsync("其他考核得分");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "测评规则" })).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(Page);
        await Page.GotoAsync($"/Evaluation/Scores/{weighted}");
        await Expect(Heading(Page)).ToHaveTextAsync("其他考核得分");
        await AssertNoSeriousAxeViolationsAsync(Page);

        await Page.GotoAsync($"/Evaluation/Codes/{plain}");
        var pdf = Page.GetByRole(AriaRole.Button, new() { Name = "生成PDF（基层党员群众代表）" });
        var print = pdf.Locator("xpath=preceding-sibling::button[1]");
        await Expect(pdf).ToBeEnabledAsync();
        await Expect(print).ToBeEnabledAsync();
        const string Look = "b => { const s = getComputedStyle(b); return s.color + ' ' + s.borderColor; }";
        Assert.Equal(await print.EvaluateAsync<string>(Look), await pdf.EvaluateAsync<string>(Look));
        await AssertNoSeriousAxeViolationsAsync(Page);
    }

    private async Task<Guid> EvaluatingMeetingAsync(int dailyWeight)
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).SingleAsync(m => m.Id == id);
            meeting.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
            var input = EvaluationModel.RulesInput.From(meeting);
            input.DailyWeight = dailyWeight;
            meeting.SetEvaluationRules(input.ToRules());
            meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        return id;
    }
}
