using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

/// <summary>A 清河区 meeting in its democratic evaluation, and a second 清河区 organizer to key in paper ballots.</summary>
public abstract class EvaluationTest : AppTest
{
    protected const string Dongcheng = "中共清河区东城街道工作委员会";
    protected const string Xicheng = "中共清河区西城街道工作委员会";
    protected const string SecondClerk = "organizer.qinghe2";

    /// <summary>东城 and 西城 on site, every other unit in scope in writing (14 reporters); <paramref name="prepare"/> runs before voting starts.</summary>
    protected async Task<Guid> EvaluatingMeetingAsync(Action<Meeting>? prepare = null)
    {
        var id = await DbAsync(db => new MeetingBuilder().OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db));
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).SingleAsync(m => m.Id == id);
            meeting.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
            prepare?.Invoke(meeting);
            meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>Issues codes for a rater group (by default the first) through the staff page and reads them off the printed slips.</summary>
    protected async Task<List<string>> IssueAsync(Guid meetingId, int count, Guid? group = null)
    {
        using var organizer = await SignInAsync("organizer");
        var page = await organizer.GetAsync($"/Evaluation/Codes/{meetingId}");
        var fields = new Dictionary<string, string> { ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (group is not null)
        {
            fields["groupId"] = group.Value.ToString();
        }

        using var response = await organizer.SubmitAsync(page, "form[action*='handler=Issue']", fields);
        return (await organizer.FollowAsync(response)).QuerySelectorAll(".slip-code").Select(e => e.TextContent.Trim()).ToList();
    }

    /// <summary>Reporter ids in ballot order: on site in speaking order, then the written reporters.</summary>
    protected async Task<List<Guid>> BallotOrderAsync(Guid meetingId)
    {
        var meeting = await DbAsync(db => db.Meetings.Include(m => m.Reporters).AsNoTracking().SingleAsync(m => m.Id == meetingId));
        return meeting.InBallotOrder().Select(r => r.Id).ToList();
    }

    /// <summary>The last rater group (基层党员群众代表) of the meeting, by key.</summary>
    protected async Task<string> GroupKeyAsync(Guid meetingId) =>
        (await DbAsync(db => db.Meetings.Where(m => m.Id == meetingId).SelectMany(m => m.Attendance).OrderBy(g => g.Order).Select(g => g.Id).ToListAsync()))
            .Last().ToString();

    /// <summary>Signs in a second organizer of 清河区, created on first use.</summary>
    protected async Task<Session> SignInSecondClerkAsync()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(SecondClerk) is null)
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var unit = await db.Organizations.SingleAsync(o => o.Name == "中共清河区委员会");
                var user = new AppUser { UserName = SecondClerk, DisplayName = "周明", OrganizationId = unit.Id, CreatedAt = DateTimeOffset.UtcNow };
                Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, "Organizer")).Succeeded);
            }
        }

        return await SignInAsync(SecondClerk);
    }
}
