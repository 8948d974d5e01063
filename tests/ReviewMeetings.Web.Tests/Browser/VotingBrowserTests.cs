using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Web.Pages.Vote;
using ReviewMeetings.Web.Tests.Builders;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>The anonymous ballot in a real browser: codes printed by the organizer, a vote cast on a phone.</summary>
public sealed class VotingBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";

    [Fact]
    public async Task Voter_votes_on_a_phone_with_a_code_read_from_the_slip_page()
    {
        var meetingId = await VotingMeetingAsync();
        var title = await DbAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Title).SingleAsync());
        var dongcheng = await ReporterAsync(meetingId, Dongcheng);
        var xicheng = await ReporterAsync(meetingId, Xicheng);

        // The organizer prints slips for the first rater group and reads codes off them.
        var codes = await PrintSlipsAsync(meetingId, 3);
        var code = codes[0];

        // The voter opens the ballot on a phone by typing the code in lower case.
        await using var phone = await PhoneAsync(javaScript: true);
        var page = await phone.NewPageAsync();
        var posts = PostsOf(page);
        await page.GotoAsync("/v");
        await Expect(Heading(page)).ToHaveTextAsync("民主测评");
        await AssertNoSeriousAxeViolationsAsync(page);
        await page.GetByLabel("请输入测评票上的测评码", new() { Exact = true }).FillAsync(code.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "开始测评", Exact = true }).ClickAsync();

        await Expect(Heading(page)).ToHaveTextAsync(title);
        await Expect(page.Locator("fieldset.ballot-item")).ToHaveCountAsync(14);
        await AssertFitsWidthAsync(page, 390);
        await AssertNoSeriousAxeViolationsAsync(page);
        await SaveScreenshotAsync(page, "vote-ballot-phone");

        var first = Reporter(page, 1, Dongcheng);
        var second = Reporter(page, 2, Xicheng);
        await Expect(first).ToHaveCountAsync(1);
        await Expect(second).ToHaveCountAsync(1);
        await Expect(first.GetByRole(AriaRole.Radio, new() { Name = "弃权", Exact = true })).ToBeCheckedAsync();
        await ChooseAsync(first, "好");
        await ChooseAsync(second, "较好");
        await Expect(first.GetByRole(AriaRole.Radio, new() { Name = "好", Exact = true })).ToBeCheckedAsync();
        await Expect(Reporter(page, 3).GetByRole(AriaRole.Radio, new() { Name = "弃权", Exact = true })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步：核对", Exact = true }).ClickAsync();

        // The review step lists every reporter with the choice made, abstentions included.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "请核对您的评价", Exact = true })).ToBeVisibleAsync();
        var review = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Listitem);
        await Expect(review).ToHaveCountAsync(14);
        await Expect(review.Nth(0)).ToContainTextAsync(Dongcheng);
        await Expect(review.Nth(0).Locator("strong")).ToHaveTextAsync("好");
        await Expect(review.Nth(1)).ToContainTextAsync(Xicheng);
        await Expect(review.Nth(1).Locator("strong")).ToHaveTextAsync("较好");
        await Expect(review.Nth(2).Locator("strong")).ToHaveTextAsync("弃权");
        await AssertFitsWidthAsync(page, 390);
        await AssertNoSeriousAxeViolationsAsync(page);
        await SaveScreenshotAsync(page, "vote-review-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认提交", Exact = true }).ClickAsync();

        await Expect(Heading(page)).ToHaveTextAsync("投票成功");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("本测评码已失效");
        await AssertNoSeriousAxeViolationsAsync(page);

        // With script the review step was built in the browser: the whole ballot took one request.
        Assert.Equal([BallotSubmission.Path], posts.Select(p => p.PathAndQuery));

        // One ballot holds exactly those marks, and the code is spent.
        var ballots = await StoredBallotsAsync();
        var ballot = Assert.Single(ballots);
        Assert.Equal(14, ballot.Grades.Count);
        Assert.Equal("好", ballot.Grades[dongcheng]);
        Assert.Equal("较好", ballot.Grades[xicheng]);
        Assert.All(ballot.Grades.Where(g => g.Key != dongcheng && g.Key != xicheng), g => Assert.True(string.IsNullOrEmpty(g.Value)));
        var hash = CodeHash(code);
        Assert.Equal(BallotCodeState.Used, await DbAsync(db => db.BallotCodes.Where(c => c.Hash == hash).Select(c => c.State).SingleAsync()));

        // The same code again says that it has voted, and nothing more.
        await page.GotoAsync($"/v/{code}");
        await Expect(Heading(page)).ToHaveTextAsync("民主测评");
        await Expect(page.Locator("#code-error")).ToHaveTextAsync(IndexModel.UsedCode);
        await AssertNoSeriousAxeViolationsAsync(page);

        // Turned to landscape, a fresh ballot and its review step still fit the width, buttons included.
        await page.SetViewportSizeAsync(844, 390);
        await page.GotoAsync($"/v/{codes[1]}");
        await Expect(Heading(page)).ToHaveTextAsync(title);
        var next = page.GetByRole(AriaRole.Button, new() { Name = "下一步：核对", Exact = true });
        await AssertWithinWidthAsync(page, next, 844);
        await AssertNoSeriousAxeViolationsAsync(page);
        await ChooseAsync(Reporter(page, 1), "一般");
        await next.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "请核对您的评价", Exact = true })).ToBeVisibleAsync();
        await AssertWithinWidthAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "确认提交", Exact = true }), 844);
        await AssertWithinWidthAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "返回修改", Exact = true }), 844);
        await SaveScreenshotAsync(page, "vote-review-landscape");
    }

    [Fact]
    public async Task Without_script_the_page_reviews_and_submits_on_the_server()
    {
        var meetingId = await VotingMeetingAsync();
        var dongcheng = await ReporterAsync(meetingId, Dongcheng);
        var code = (await PrintSlipsAsync(meetingId, 1))[0];
        await using var phone = await PhoneAsync(javaScript: false);
        var page = await phone.NewPageAsync();
        var posts = PostsOf(page);

        await page.GotoAsync($"/v/{code}");
        await ChooseAsync(Reporter(page, 1, Dongcheng), "较好");
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步：核对", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "请核对您的评价", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(14);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认提交", Exact = true }).ClickAsync();

        await Expect(Heading(page)).ToHaveTextAsync("投票成功");
        Assert.Equal(["?handler=Review", "?handler=Submit"], posts.Select(p => p.Query));
        var ballot = (await StoredBallotsAsync()).Single();
        Assert.Equal("较好", ballot.Grades[dongcheng]);
    }

    [Fact]
    public async Task A_refused_ballot_comes_back_with_the_reason_and_every_choice_kept()
    {
        var meetingId = await VotingMeetingAsync();
        var codes = await PrintSlipsAsync(meetingId, 1);
        await using var phone = await PhoneAsync(javaScript: true);
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/v/{codes[0]}");
        var next = page.GetByRole(AriaRole.Button, new() { Name = "下一步：核对", Exact = true });
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "确认提交", Exact = true });

        // All abstentions: the review step asks whether to hand in a blank (void) ballot; the voter goes back instead.
        await next.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = IndexModel.BlankQuestion })).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "返回修改", Exact = true }).ClickAsync();
        await Expect(page.Locator("fieldset.ballot-item").First).ToBeVisibleAsync();

        // 返回修改 from the review step keeps the choice made.
        await ChooseAsync(Reporter(page, 2, Xicheng), "差");
        await next.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Listitem).Nth(1).Locator("strong")).ToHaveTextAsync("差");
        await page.GetByRole(AriaRole.Button, new() { Name = "返回修改", Exact = true }).ClickAsync();
        await Expect(Reporter(page, 2, Xicheng).GetByRole(AriaRole.Radio, new() { Name = "差", Exact = true })).ToBeCheckedAsync();
        await next.ClickAsync();

        // Voting closes while the voter reviews: the code is refused and the voter is offered to type one again.
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId);
            meeting.CloseVoting(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        await confirm.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(IndexModel.InvalidCode);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "重新输入测评码", Exact = true })).ToHaveAttributeAsync("href", "/v");
        await Expect(page.Locator("fieldset.ballot-item")).ToHaveCountAsync(0);
        await AssertNoSeriousAxeViolationsAsync(page);
        Assert.Equal(0, await ReceivedAsync());
    }

    [Fact]
    public async Task A_blank_ballot_is_confirmed_in_the_review_step_then_counted_and_a_scanned_spare_is_recorded_once()
    {
        var meetingId = await VotingMeetingAsync();
        var codes = await PrintSlipsAsync(meetingId, 2);
        await using var phone = await PhoneAsync(javaScript: true);
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/v/{codes[0]}");

        // Nothing chosen: the review step asks, and 确认提交 hands in a blank ballot.
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步：核对", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = IndexModel.BlankQuestion })).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认提交", Exact = true }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("投票成功");
        Assert.True((await StoredBallotsAsync()).Single().Grades.Values.All(g => g is null));

        // The other slip was never handed out: the scanner types its code and Enter.
        await Page.GotoAsync($"/Evaluation/Spares/{meetingId}");
        var field = Page.GetByLabel("测评码", new() { Exact = true });
        await Expect(field).ToBeFocusedAsync();
        await field.FillAsync(codes[1]);
        await field.PressAsync("Enter");
        await Expect(Page.Locator("[data-spares-status]")).ToContainTextAsync("已登记为未发放");
        await Expect(Page.Locator("#spares-recorded")).ToHaveTextAsync("1");
        await Expect(field).ToBeFocusedAsync();
        await Expect(field).ToHaveValueAsync("");
        await field.FillAsync(codes[0]);
        await field.PressAsync("Enter");
        await Expect(Page.Locator("[data-spares-status]")).ToContainTextAsync("已投票");
        await field.FillAsync(codes[1]);
        await field.PressAsync("Enter");
        await Expect(Page.Locator("[data-spares-status]")).ToContainTextAsync("已登记过");
        await Expect(Page.Locator("[data-spares-list] li")).ToHaveCountAsync(3);
        await Expect(Page.Locator("#spares-recorded")).ToHaveTextAsync("1");
        await AssertNoSeriousAxeViolationsAsync(Page);
        var hash = CodeHash(codes[1]);
        Assert.Equal(BallotCodeState.NotHandedOut, await DbAsync(db => db.BallotCodes.Where(c => c.Hash == hash).Select(c => c.State).SingleAsync()));
    }

    private Task<IBrowserContext> PhoneAsync(bool javaScript) =>
        NewContextAsync(390, 844, options =>
        {
            options.IsMobile = true;
            options.HasTouch = true;
            options.DeviceScaleFactor = 3;
            options.JavaScriptEnabled = javaScript;
        });

    /// <summary>The address of every POST the page sends, as it sends them.</summary>
    private static List<Uri> PostsOf(IPage page)
    {
        var posts = new List<Uri>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posts.Add(new Uri(request.Url));
            }
        };
        return posts;
    }

    /// <summary>A published meeting with two on-site reporters (and the other 12 units in writing), now in 测评中.</summary>
    private async Task<Guid> VotingMeetingAsync()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).Published().SaveAsync(db));
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == id);
            meeting.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
            meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    private Task<Guid> ReporterAsync(Guid meetingId, string unit) =>
        DbAsync(db => db.Reporters.Where(r => r.MeetingId == meetingId && r.UnitName == unit).Select(r => r.Id).SingleAsync());

    /// <summary>Generates codes for the first rater group on the staff page and reads them off the slips it shows.</summary>
    private async Task<List<string>> PrintSlipsAsync(Guid meetingId, int count)
    {
        await SignInAsync(Page, "organizer");
        await Page.GotoAsync($"/Evaluation/Codes/{meetingId}");
        await Expect(Heading(Page)).ToHaveTextAsync("测评码");

        // While voting runs this page reloads itself every 15 seconds unless a filled field has focus, so the count is
        // typed first: the reload then cannot land in the middle of the scan or the click.
        var firstGroup = Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "生成并打印", Exact = true }) }).First;
        var groupName = await firstGroup.GetAttributeAsync("data-group");
        await firstGroup.GetByLabel($"为“{groupName}”生成的数量", new() { Exact = true }).FillAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AssertNoSeriousAxeViolationsAsync(Page);
        await firstGroup.GetByRole(AriaRole.Button, new() { Name = "生成并打印", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = $"已生成 {count} 个测评码" })).ToBeVisibleAsync();
        var slips = Page.Locator(".slip");
        await Expect(slips).ToHaveCountAsync(count);
        await Expect(slips.First).ToContainTextAsync(groupName!);
        await Expect(slips.First.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("alt", new Regex("/v/"));
        await AssertNoSeriousAxeViolationsAsync(Page);
        await SaveScreenshotAsync(Page, "vote-slips");

        var codes = (await Page.Locator(".slip-code").AllTextContentsAsync()).Select(c => c.Trim()).ToList();
        Assert.All(codes, c => Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$", c));
        var alt = await slips.First.GetByRole(AriaRole.Img).GetAttributeAsync("alt");
        Assert.EndsWith("/v/" + codes[0].Replace("-", "", StringComparison.Ordinal), alt, StringComparison.OrdinalIgnoreCase);
        return codes;
    }

    /// <summary>One reporter's item on the ballot: a group named by its legend, "第n位 unit …".</summary>
    private static ILocator Reporter(IPage page, int position, string? unit = null) =>
        page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex($"^第{position}位 {Regex.Escape(unit ?? "")}") });

    /// <summary>
    /// Taps a grade as a voter does: the radio itself is visually hidden (Bootstrap's btn-check) and its label is the
    /// button on screen, so the tap goes to the label that names the radio, and the radio must then be checked.
    /// </summary>
    private static async Task ChooseAsync(ILocator reporter, string grade)
    {
        var radio = reporter.GetByRole(AriaRole.Radio, new() { Name = grade, Exact = true });
        await Expect(radio).ToHaveCountAsync(1);
        var label = reporter.Locator($"label[for=\"{await radio.GetAttributeAsync("id")}\"]");
        await Expect(label).ToHaveTextAsync(grade);
        await label.TapAsync();
        await Expect(radio).ToBeCheckedAsync();
    }

    private static async Task AssertFitsWidthAsync(IPage page, int width)
    {
        Assert.Equal(width, await page.EvaluateAsync<int>("() => window.innerWidth"));
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"The page scrolls sideways at {width}px wide: scrollWidth is {scrollWidth}.");
    }

    private static async Task AssertWithinWidthAsync(IPage page, ILocator button, int width)
    {
        await button.ScrollIntoViewIfNeededAsync();
        await Expect(button).ToBeInViewportAsync();
        await AssertFitsWidthAsync(page, width);
        var box = await button.BoundingBoxAsync() ?? throw new InvalidOperationException("The button is not visible.");
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"The button spans {box.X}–{box.X + box.Width}px on a {width}px wide page.");
    }
}
