using System.Net;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Meetings;

public sealed class EvaluationRulesTests : AppTest
{
    private Task<Guid> ArrangeAsync() =>
        DbAsync(db => new MeetingBuilder().OnSite("中共清河区东城街道工作委员会", "中共清河区西城街道工作委员会").Published().SaveAsync(db));

    private Task<Meeting> MeetingAsync(Guid id) =>
        DbAsync(db => db.Meetings.Include(m => m.Attendance).AsNoTracking().SingleAsync(m => m.Id == id));

    [Fact]
    public async Task Rules_are_saved_with_the_meeting_and_shown_again()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.SubmitAsync($"/Meetings/Evaluation/{id}", "main form", new()
        {
            ["Input.Scale"] = "Competence",
            ["Input.QuorumPercent"] = "60",
            ["Input.TopGradeMax"] = "3",
            ["Input.Groups[0].Weight"] = "0.3",
            ["Input.Groups[1].Weight"] = "0.3",
            ["Input.Groups[2].Weight"] = "0.2",
            ["Input.Groups[3].Weight"] = "0.2",
            ["Input.Groups[3].MinDisclosure"] = "5",
            ["Input.DailyWeight"] = "60",
            ["Input.TopSharePercent"] = "30",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var meeting = await MeetingAsync(id);
        var rules = meeting.EvaluationRules!;
        Assert.Equal(["优秀", "称职", "基本称职", "不称职"], rules.Grades.Select(g => g.Name));
        Assert.Equal(0.6m, rules.Quorum);
        Assert.Equal(new GradeQuota("优秀", 3), Assert.Single(rules.Quotas));
        Assert.Equal([0.3m, 0.3m, 0.2m, 0.2m], rules.Groups.Select(g => g.Weight));
        Assert.Equal(5, rules.Groups[3].MinDisclosure);
        Assert.Equal(meeting.Attendance.OrderBy(g => g.Order).Select(g => g.Id.ToString()), rules.Groups.Select(g => g.Key));
        Assert.Equal([40m, 60m], rules.CompositeParts.Select(p => p.Weight));
        Assert.Equal(0.3m, rules.TopBandMaxShare);
        Assert.Equal([("优秀", 90m), ("称职", 80m), ("基本称职", 60m), ("不称职", 0m)], rules.Bands.Select(b => (b.Name, b.MinScore)));

        var page = await organizer.GetAsync($"/Meetings/Evaluation/{id}");
        Assert.Equal("Competence", ((AngleSharp.Html.Dom.IHtmlSelectElement)page.QuerySelector("#Input_Scale")!).Value);
        Assert.Equal("60", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Input_DailyWeight")!).Value);
    }

    [Fact]
    public async Task A_satisfaction_scale_gets_its_own_band_names_and_its_band_minimums_are_shown_again()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");

        using var response = await organizer.SubmitAsync($"/Meetings/Evaluation/{id}", "main form", new()
        {
            ["Input.Scale"] = "Satisfaction",
            ["Input.BandGood"] = "85",
            ["Input.BandAverage"] = "65",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rules = (await MeetingAsync(id)).EvaluationRules!;
        Assert.Equal([("满意", 85m), ("基本满意", 65m), ("不满意", 0m)], rules.Bands.Select(b => (b.Name, b.MinScore)));
        var page = await organizer.GetAsync($"/Meetings/Evaluation/{id}");
        Assert.Equal("85", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Input_BandGood")!).Value);
        Assert.Equal("65", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Input_BandAverage")!).Value);
    }

    [Fact]
    public async Task The_band_labels_name_the_saved_scales_grades_and_a_three_grade_scale_hides_the_second_minimum()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");

        var initial = await organizer.GetAsync($"/Meetings/Evaluation/{id}");
        Assert.Equal(["“好”等次最低分", "“较好”等次最低分", "“一般”等次最低分", "“好”等次比例上限（%）"], BandLabels(initial));

        using var competence = await organizer.SubmitAsync($"/Meetings/Evaluation/{id}", "main form", new() { ["Input.Scale"] = "Competence" });
        Assert.Equal(HttpStatusCode.Redirect, competence.StatusCode);
        var page = await organizer.GetAsync($"/Meetings/Evaluation/{id}");
        Assert.Equal(["“优秀”等次最低分", "“称职”等次最低分", "“基本称职”等次最低分", "“优秀”等次比例上限（%）"], BandLabels(page));
        Assert.False(page.QuerySelector("[data-band-second]")!.HasAttribute("hidden"));
        Assert.True(page.QuerySelector("#band-second-note")!.HasAttribute("hidden"));

        using var satisfaction = await organizer.SubmitAsync($"/Meetings/Evaluation/{id}", "main form", new() { ["Input.Scale"] = "SatisfactionWithUnknown" });
        Assert.Equal(HttpStatusCode.Redirect, satisfaction.StatusCode);
        page = await organizer.GetAsync($"/Meetings/Evaluation/{id}");
        Assert.Equal(["“满意”等次最低分", "“基本满意”等次最低分", "“满意”等次比例上限（%）"], BandLabels(page).Where((_, i) => i != 1));
        Assert.True(page.QuerySelector("[data-band-second]")!.HasAttribute("hidden"));
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Input_BandFairlyGood")!).IsDisabled);
        Assert.False(page.QuerySelector("#band-second-note")!.HasAttribute("hidden"));
        Assert.Equal("所选评价等次只有三个等次，只需填写两个最低分。", page.QuerySelector("#band-second-note")!.TextContent);
    }

    [Fact]
    public async Task Band_minimums_are_checked_in_the_chosen_scales_names_and_a_hidden_second_minimum_is_not_demanded()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");

        // Without script the form still shows the default scale's fields; the server answers in the posted scale's names.
        using var missing = await organizer.SubmitAsync($"/Meetings/Evaluation/{id}", "main form", new()
        {
            ["Input.Scale"] = "Satisfaction",
            ["Input.BandGood"] = "",
            ["Input.BandFairlyGood"] = "",
            ["Input.BandAverage"] = "120",
        });
        var page = await Session.ParseAsync(missing);
        Assert.Equal("请填写“满意”等次最低分。", page.ErrorFor("Input.BandGood"));
        Assert.Equal("“基本满意”等次最低分必须在0到100之间。", page.ErrorFor("Input.BandAverage"));
        Assert.Equal("", page.ErrorFor("Input.BandFairlyGood"));
        Assert.Equal(2, page.QuerySelectorAll(".validation-summary-errors li").Length);
        Assert.Equal(["“满意”等次最低分", "“基本满意”等次最低分", "“满意”等次比例上限（%）"], BandLabels(page).Where((_, i) => i != 1));
        Assert.True(page.QuerySelector("[data-band-second]")!.HasAttribute("hidden"));
        Assert.Null((await MeetingAsync(id)).EvaluationRules);

        using var competence = await organizer.SubmitAsync($"/Meetings/Evaluation/{id}", "main form", new()
        {
            ["Input.Scale"] = "Competence",
            ["Input.BandFairlyGood"] = "",
        });
        Assert.Equal("请填写“称职”等次最低分。", (await Session.ParseAsync(competence)).ErrorFor("Input.BandFairlyGood"));

        // The hidden second minimum is not posted at all once the page shows the 满意度 scale.
        using var saved = await organizer.SubmitAsync(page, "main form", new() { ["Input.BandGood"] = "85", ["Input.BandAverage"] = "65" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([("满意", 85m), ("基本满意", 65m), ("不满意", 0m)], (await MeetingAsync(id)).EvaluationRules!.Bands.Select(b => (b.Name, b.MinScore)));
    }

    [Fact]
    public async Task Changing_a_three_grade_scale_to_four_grades_without_script_asks_for_the_second_minimum_instead_of_saving_it_unseen()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");
        using var satisfaction = await organizer.SubmitAsync($"/Meetings/Evaluation/{id}", "main form", new()
        {
            ["Input.Scale"] = "Satisfaction",
            ["Input.BandGood"] = "85",
            ["Input.BandAverage"] = "65",
        });
        Assert.Equal(HttpStatusCode.Redirect, satisfaction.StatusCode);

        // The page now shows the 满意度 scale, whose second minimum is hidden and disabled, so a browser without script
        // does not send it when only the select is changed.
        using var changed = await organizer.SubmitAsync($"/Meetings/Evaluation/{id}", "main form", new() { ["Input.Scale"] = "GoodToPoor" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var page = await Session.ParseAsync(changed);
        Assert.Equal("评价等次已更改，请确认“较好”等次最低分后再保存。", page.ErrorFor("Input.BandFairlyGood"));
        var second = (AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Input_BandFairlyGood")!;
        Assert.False(second.IsDisabled);
        Assert.False(page.QuerySelector("[data-band-second]")!.HasAttribute("hidden"));
        Assert.Equal("80", second.Value);
        Assert.Equal(["“好”等次最低分", "“较好”等次最低分", "“一般”等次最低分", "“好”等次比例上限（%）"], BandLabels(page));
        Assert.Equal([("满意", 85m), ("基本满意", 65m), ("不满意", 0m)], (await MeetingAsync(id)).EvaluationRules!.Bands.Select(b => (b.Name, b.MinScore)));

        using var saved = await organizer.SubmitAsync(page, "main form", new() { ["Input.BandFairlyGood"] = "75" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([("好", 85m), ("较好", 75m), ("一般", 65m), ("差", 0m)], (await MeetingAsync(id)).EvaluationRules!.Bands.Select(b => (b.Name, b.MinScore)));
    }

    private static readonly string[] BandFields = ["Input_BandGood", "Input_BandFairlyGood", "Input_BandAverage", "Input_TopSharePercent"];

    private static string[] BandLabels(AngleSharp.Html.Dom.IHtmlDocument page) =>
        BandFields.Select(id => page.QuerySelector($"label[for='{id}']")!.TextContent.Trim()).ToArray();

    [Fact]
    public async Task A_weighted_group_expected_below_its_disclosure_size_is_warned_about_with_the_groups_it_is_pooled_with()
    {
        var id = await ArrangeAsync();
        await ExpectAsync(id, 8, 20, 2, 16);
        using var organizer = await SignInAsync("organizer");

        using var saved = await organizer.SubmitAsync($"/Meetings/Evaluation/{id}", "main form", new()
        {
            ["Input.Groups[0].Weight"] = "0.3",
            ["Input.Groups[1].Weight"] = "0.3",
            ["Input.Groups[2].Weight"] = "0.2",
            ["Input.Groups[3].Weight"] = "0.2",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await organizer.GetAsync($"/Meetings/Evaluation/{id}");
        Assert.Equal(
            "按应到人数，“区级领导”、“党代表、人大代表、政协委员”将不单独公开结果，其测评票合并为一组计入测评得分（合计权重0.5，组内每张票权重相同），各自设定的权重不再单独起作用。",
            page.QuerySelector("#pooled-groups-warning")?.TextContent);
        Assert.Contains(GroupDisclosure.PoolRule, page.QuerySelector("fieldset table caption")!.TextContent, StringComparison.Ordinal);

        await ExpectAsync(id, 8, 20, 3, 16);

        Assert.Null((await organizer.GetAsync($"/Meetings/Evaluation/{id}")).QuerySelector("#pooled-groups-warning"));
    }

    private Task<int> ExpectAsync(Guid id, params int[] expected) =>
        DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Attendance).SingleAsync(m => m.Id == id);
            meeting.SetAttendance(meeting.Attendance.OrderBy(g => g.Order).ToList().Select((g, i) => new AttendanceDraft(g.Id, g.Name, expected[i])));
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Bands_out_of_order_and_out_of_range_values_are_refused_in_Chinese()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");

        using var bands = await organizer.SubmitAsync($"/Meetings/Evaluation/{id}", "main form", new() { ["Input.BandGood"] = "75" });
        Assert.Equal("等次档位应按最低分从高到低排列，最低分不超过100且各不相同。", (await Session.ParseAsync(bands)).Summary());

        using var quorum = await organizer.SubmitAsync($"/Meetings/Evaluation/{id}", "main form", new() { ["Input.QuorumPercent"] = "120" });
        Assert.Equal("有效测评人数须超过应到人数的（%）必须在0到99之间。", (await Session.ParseAsync(quorum)).ErrorFor("Input.QuorumPercent"));

        Assert.Null((await MeetingAsync(id)).EvaluationRules);
    }

    [Fact]
    public async Task Rules_are_frozen_once_voting_starts()
    {
        var id = await ArrangeAsync();
        using var organizer = await SignInAsync("organizer");
        foreach (var to in new[] { "InSession", "Evaluating" })
        {
            using var step = await organizer.SubmitConfirmedAsync($"/Meetings/Status/{id}", $"form[action*='handler=Advance']:has(input[value='{to}'])", []);
        }

        var page = await organizer.GetAsync($"/Meetings/Evaluation/{id}");
        Assert.Contains("民主测评已开始，测评规则已锁定。", page.MainText(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("button[type=submit].btn-primary"));
        var token = ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("input[name='__RequestVerificationToken']")!).Value;
        using var forced = await organizer.Client.PostAsync($"/Meetings/Evaluation/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = (await MeetingAsync(id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Scale"] = "Satisfaction",
            ["Input.QuorumPercent"] = "50",
            ["Input.DailyWeight"] = "0",
            ["Input.BandGood"] = "90",
            ["Input.BandFairlyGood"] = "80",
            ["Input.BandAverage"] = "60",
        }));
        Assert.Equal("民主测评已开始，测评规则已锁定，不能再修改。", (await Session.ParseAsync(forced)).Summary());
        // Starting the evaluation froze the default rules; the forced post changed nothing.
        var frozen = (await MeetingAsync(id)).EvaluationRules;
        Assert.NotNull(frozen);
        Assert.Equal(["好", "较好", "一般", "差"], frozen.Grades.Select(g => g.Key));
    }

    [Fact]
    public async Task Observers_cannot_change_the_rules()
    {
        var id = await ArrangeAsync();
        using var observer = await SignInAsync("observer");

        Assert.Equal(HttpStatusCode.Forbidden, await observer.StatusOfAsync($"/Meetings/Evaluation/{id}"));
    }
}
