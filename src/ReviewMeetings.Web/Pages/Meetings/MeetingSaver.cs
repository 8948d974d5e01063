using Microsoft.AspNetCore.Mvc.ModelBinding;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>
/// Saves a change to a meeting as one unit through the <see cref="Saver"/>: the meeting row is always touched so its
/// xmin guards every part (reporters, agenda, attendees) against a concurrent edit from another page or person.
/// </summary>
public sealed class MeetingSaver(AppDbContext db, Saver saver, TimeProvider clock)
{
    public const string ConflictMessage = "保存失败：这次会议刚被他人修改过。下方仍是您填写的内容，请核对当前内容后再次保存。";

    public const string DuplicateMessage = "保存失败：述职对象重复，可能已被他人添加，请刷新页面。";

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// Runs a change that may need the database first (e.g. to load a unit) and saves it. Returns the message for the
    /// user, or null when a rule or a concurrent edit stopped it (the reason is then in <paramref name="modelState"/>).
    /// </summary>
    public async Task<string?> TryChangeAsync(Meeting meeting, uint version, ModelStateDictionary modelState, Func<Meeting, Task<string>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        string? message = null;
        return await TrySaveAsync(meeting, version, modelState, async () => message = await change(meeting), RuleErrors.Form) ? message : null;
    }

    /// <summary>Runs <paramref name="change"/> and saves; rule violations and conflicts become form errors.</summary>
    public Task<bool> TrySaveAsync(Meeting meeting, uint version, ModelStateDictionary modelState, Action change, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(change);
        return TrySaveAsync(meeting, version, modelState, () =>
        {
            change();
            return Task.CompletedTask;
        }, RuleErrors.Fields(prefix));
    }

    private async Task<bool> TrySaveAsync(
        Meeting meeting, uint version, ModelStateDictionary modelState, Func<Task> change, Action<ModelStateDictionary, Domain.Common.DomainException> rule)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(modelState);
        var saved = await saver.TrySaveAsync(modelState, new SaveMessages(ConflictMessage) { Duplicate = DuplicateMessage, Rule = rule }, async () =>
        {
            db.Entry(meeting).Property(m => m.Version).OriginalValue = version;
            await change();
            meeting.Touch(Now);
        });
        if (!saved)
        {
            db.ChangeTracker.Clear();
        }

        return saved;
    }
}
