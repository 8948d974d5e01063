using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

/// <summary>The ballot page keeps the meeting it shows in memory; a change to the meeting must still reach the next voter.</summary>
public sealed class BallotFreshnessTests : AppTest
{
    [Fact]
    public async Task Voters_get_the_new_scale_after_voting_is_reopened_under_changed_rules()
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite("中共清河区东城街道工作委员会").Published().SaveAsync(db));
        var codes = await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Attendance).SingleAsync(m => m.Id == id);
            meeting.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
            meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
            var issued = BallotCode.Issue(id, meeting.Attendance.First().Id.ToString(), 2, CodeHashKey);
            db.BallotCodes.AddRange(issued.Select(x => x.Code));
            await db.SaveChangesAsync();
            return issued.Select(x => x.Plain).ToList();
        });
        using var voter = Anonymous();
        string Grades(AngleSharp.Html.Dom.IHtmlDocument page) =>
            string.Join(' ', page.QuerySelectorAll("fieldset.ballot-item")[0].QuerySelectorAll("label").Select(l => l.TextContent));
        Assert.Equal("好 较好 一般 差 弃权", Grades(await voter.GetAsync($"/v/{codes[0]}")));

        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == id);
            meeting.Revert(MeetingStatus.InSession, "改用称职等次", byAdministrator: false, Guid.NewGuid(), DateTimeOffset.UtcNow);
            meeting.SetEvaluationRules(EvaluationRules.Create(GradeScales.Competence));
            meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });

        Assert.Equal("优秀 称职 基本称职 不称职 弃权", Grades(await voter.GetAsync($"/v/{codes[0]}")));
        Assert.Equal("优秀 称职 基本称职 不称职 弃权", Grades(await voter.GetAsync($"/v/{codes[1]}")));
    }
}
