using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewMeetings.Web.Tests.Builders;
using static Microsoft.Playwright.Assertions;
using static ReviewMeetings.Web.Tests.Pages.Rectification.RectificationArrange;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>
/// Pages people use on a 390×844 phone, measured in Chromium: what comes first on the first screen, whether buttons
/// keep their words on one line and whether tables leave readable columns.
/// </summary>
public sealed class PhoneLayoutBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";
    private const string Taoyuan = "中共清河区桃源镇委员会";
    private static readonly string[] Streets = [Dongcheng, Xicheng, "中共清河区南湖街道工作委员会", "中共清河区北苑街道工作委员会", Taoyuan, "中共清河区柳溪镇委员会", "中共清河区石桥镇委员会"];

    [Fact]
    public async Task Comment_pad_on_a_phone_shows_the_form_on_the_first_screen_with_one_line_buttons_and_the_reporters_folded()
    {
        var meetingId = await DbAsync(db => new MeetingBuilder().OnSite(Streets).CommentedBy("leader").Published().SaveAsync(db));
        await Page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await SignInAsync(Page, "leader");
        await Page.GotoAsync($"/Live/Pad/{meetingId}");
        await Expect(Heading(Page)).ToHaveTextAsync(Dongcheng);

        // Two problems typed: the second row gets its 删除 button too.
        await Page.GetByLabel("问题1", new() { Exact = true }).FillAsync("党员发展工作计划性不强。");
        await Page.GetByRole(AriaRole.Button, new() { Name = "添加一条问题", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "删除问题1", Exact = true })).ToBeVisibleAsync();

        var achievements = await Page.GetByLabel("肯定成绩", new() { Exact = true }).BoundingBoxAsync();
        Assert.NotNull(achievements);
        Assert.True(achievements.Y + achievements.Height <= PhoneHeight, $"肯定成绩 ends {achievements.Y + achievements.Height} px down, below the first screen.");
        var form = await Page.Locator("#comment-form").BoundingBoxAsync();
        var linksAboveForm = await Page.EvaluateAsync<int>("""
            top => [...document.querySelectorAll("nav[aria-label='述职对象'] a")]
                .filter(a => a.offsetParent !== null && a.getBoundingClientRect().top < top).length
            """, form!.Y);
        Assert.Equal(0, linksAboveForm);

        // Every visible button holds its words on one line and is at least 24 px each way.
        var buttons = await Page.EvaluateAsync<ButtonMeasure[]>("""
            () => [...document.querySelectorAll("main button, main summary")].filter(b => b.offsetParent !== null).map(b => {
                const s = getComputedStyle(b);
                const r = b.getBoundingClientRect();
                const content = b.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
                return { text: b.textContent.trim(), lines: content / parseFloat(s.lineHeight), width: r.width, height: r.height, top: r.top };
            })
            """);
        Assert.Contains(buttons, b => b.Text == "删除");
        Assert.Contains(buttons, b => b.Text == "提交点评");
        Assert.All(buttons, b => Assert.True(b.Lines < 1.5, $"“{b.Text}” wraps onto {b.Lines:0.0} lines."));
        Assert.All(buttons, b => Assert.True(b.Width >= 24 && b.Height >= 24, $"“{b.Text}” is {b.Width:0}×{b.Height:0} px."));
        Assert.Equal(buttons.Single(b => b.Text == "保存草稿").Top, buttons.Single(b => b.Text == "提交点评").Top);

        // The other reporters are one tap away, not sixteen links before the form.
        var otherReporter = Page.GetByRole(AriaRole.Link, new() { Name = "2. " + Xicheng, Exact = true });
        await Expect(otherReporter).ToBeHiddenAsync();
        await AssertNoSeriousAxeViolationsWithTargetSizeAsync(Page);
        await Page.GetByText("切换述职对象").ClickAsync();
        await Expect(otherReporter).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsWithTargetSizeAsync(Page);
        await SaveScreenshotAsync(Page, "pad-phone");
        await otherReporter.ClickAsync();
        await Expect(Heading(Page)).ToHaveTextAsync(Xicheng);

        // On a wide screen the list stands open beside the form.
        await Page.SetViewportSizeAsync(1280, 800);
        await Page.ReloadAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "1. " + Dongcheng, Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Leaders_home_on_a_phone_lists_their_meetings_first_with_the_one_in_session_highlighted_and_badges_told_apart_without_colour()
    {
        var inSession = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng).CommentedBy("leader").Published().SaveAsync(db));
        var evaluating = await DbAsync(db => new MeetingBuilder().OnSite(Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        await DbAsync(db => new MeetingBuilder().OnSite(Taoyuan).CommentedBy("leader").Published().SaveAsync(db));
        await DbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            (await db.Meetings.SingleAsync(m => m.Id == inSession)).StartSession(Guid.NewGuid(), now);
            var second = await db.Meetings.SingleAsync(m => m.Id == evaluating);
            second.StartSession(Guid.NewGuid(), now);
            second.StartEvaluation(Guid.NewGuid(), now);
            return await db.SaveChangesAsync();
        });

        await Page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await SignInAsync(Page, "leader");
        await Page.GotoAsync("/");
        var meetings = await Page.GetByRole(AriaRole.Heading, new() { Name = "我点评的会议", Exact = true }).BoundingBoxAsync();
        var unitCard = await Page.GetByRole(AriaRole.Heading, new() { Name = "本单位", Exact = true }).BoundingBoxAsync();
        Assert.True(meetings!.Y < unitCard!.Y, $"我点评的会议 at {meetings.Y} px comes after 本单位 at {unitCard.Y} px.");
        Assert.True(meetings.Y < PhoneHeight / 3, $"我点评的会议 starts {meetings.Y} px down.");

        // The meeting in session leads the list and stands out by words and a thick edge.
        var first = Page.Locator("li[data-meeting-status]").First;
        await Expect(first).ToHaveAttributeAsync("data-meeting-status", "InSession");
        await Expect(first).ToContainTextAsync("正在开会");
        await Expect(first.GetByRole(AriaRole.Link, new() { Name = "进入点评", Exact = true })).ToBeVisibleAsync();
        var published = Page.Locator("li[data-meeting-status='Published']").First;
        const string Edge = "e => parseFloat(getComputedStyle(e).borderLeftWidth)";
        Assert.True(await first.EvaluateAsync<double>(Edge) >= 4 * await published.EvaluateAsync<double>(Edge));

        // Each status shows its own symbol as well as its own colour.
        var badges = new Dictionary<string, (string Background, string Symbol)>();
        foreach (var status in new[] { "InSession", "Evaluating", "Published" })
        {
            var badge = Page.Locator($"li[data-meeting-status='{status}'] .badge").First;
            badges[status] = (await BackgroundAsync(badge), await badge.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content"));
        }

        Assert.Equal(3, badges.Values.Select(b => b.Background).Distinct().Count());
        Assert.Equal(3, badges.Values.Select(b => b.Symbol).Distinct().Count());
        Assert.All(badges.Values, b => Assert.NotEqual("none", b.Symbol));
        await Expect(Page.Locator("li[data-meeting-status='Evaluating'] .badge").First).ToHaveTextAsync("测评中");
        await AssertNoSeriousAxeViolationsWithTargetSizeAsync(Page);
        await SaveScreenshotAsync(Page, "home-leader-phone");
    }

    [Fact]
    public async Task Secretarys_rectification_list_on_a_phone_shows_each_item_as_a_card_without_squeezed_columns()
    {
        var id = await LedgerMeetingAsync(DbAsync);
        await SignInAsync(Page, "secretary");
        await Page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await Page.GotoAsync("/Rectification");
        await Expect(Heading(Page)).ToHaveTextAsync("我的整改清单");

        // Every cell is as wide as the card (no column squeezed to a character or two), and nothing scrolls sideways.
        var cells = await Page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('main tbody td')].map(td => td.getBoundingClientRect().width)");
        Assert.NotEmpty(cells);
        Assert.All(cells, width => Assert.True(width >= 250, $"A cell is only {width:0} px wide."));
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        var label = await Page.Locator("main tbody td[data-label='整改时限']").First.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content");
        Assert.Contains("整改时限", label, StringComparison.Ordinal);
        await AssertNoSeriousAxeViolationsWithTargetSizeAsync(Page);
        await SaveScreenshotAsync(Page, "rectification-phone");

        // On a wide screen it stays a table with its header row.
        await Page.SetViewportSizeAsync(1280, 800);
        await Expect(Page.Locator("main thead th").First).ToBeVisibleAsync();
        var row = await Page.Locator("main tbody tr").First.BoundingBoxAsync();
        var cell = await Page.Locator("main tbody tr").First.Locator("td").Last.BoundingBoxAsync();
        Assert.InRange(cell!.Y, row!.Y - 1, row.Y + 1);
    }

    private static Task<string> BackgroundAsync(ILocator element) =>
        element.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    private sealed class ButtonMeasure
    {
        public string Text { get; set; } = "";
        public double Lines { get; set; }
        public double Width { get; set; }
        public double Height { get; set; }
        public double Top { get; set; }
    }
}
