using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using static Microsoft.Playwright.Assertions;

namespace ReviewMeetings.Web.Tests.Browser;

/// <summary>Paper ballot entry in a real browser: keyboard only, with the live reading of the digits.</summary>
public sealed class PaperEntryBrowserTests(HeadlessChromium chromium) : BrowserTest(chromium)
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";

    [Fact]
    public async Task A_clerk_keys_in_ballots_with_the_keyboard_and_sees_each_reporters_grade_while_typing()
    {
        var batchId = await BatchAsync();
        await SignInAsync(Page, "organizer");
        await Page.GotoAsync($"/Evaluation/Batch/{batchId}/1");
        await AssertNoSeriousAxeViolationsAsync(Page);
        var box = Page.GetByLabel("第1张", new() { Exact = true });
        await Expect(box).ToBeFocusedAsync();

        await Page.Keyboard.TypeAsync("1209");

        var preview = Page.Locator("#digits-preview li");
        await Expect(preview).ToHaveCountAsync(14);
        await Expect(preview.Nth(0)).ToHaveTextAsync($"{Dongcheng}：好");
        await Expect(preview.Nth(1)).ToHaveTextAsync($"{Xicheng}：较好");
        await Expect(preview.Nth(2)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("：弃权$"));
        await Expect(preview.Nth(3)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("：“9”无效$"));
        await Expect(Page.Locator("#digits-count")).ToHaveTextAsync("已输入 4 / 14 位");

        // Enter saves what is typed; the server refuses it with the reason next to the box, and the box keeps it.
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#digits-error")).ToHaveTextAsync("第4位“9”无效：只能输入0到4（1=好，2=较好，3=一般，4=差，0=弃权）。");
        await AssertNoSeriousAxeViolationsAsync(Page);

        await box.FillAsync("");
        await Page.Keyboard.TypeAsync("1203 0000 0000 00");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("#progress")).ToContainTextAsync("已录入 1 / 2 张");
        await Expect(Page.GetByLabel("第2张", new() { Exact = true })).ToBeFocusedAsync();
        Assert.Equal("12030000000000", await DbAsync(db => db.Set<PaperEntry>().Select(e => e.Digits).SingleAsync()));
        await SaveScreenshotAsync(Page, "paper-entry");
    }

    private async Task<Guid> BatchAsync()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).Published().SaveAsync(db));
        return await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Attendance).SingleAsync(m => m.Id == id);
            meeting.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
            meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
            var batch = PaperBatch.Create(MeetingStatus.Evaluating, id, meeting.Attendance.First().Id.ToString(), 1, 2);
            db.PaperBatches.Add(batch);
            await db.SaveChangesAsync();
            return batch.Id;
        });
    }
}
