using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>
/// Saves a change to a meeting as one unit: the meeting row is always touched so its xmin guards every part
/// (reporters, agenda, attendees) against a concurrent edit from another page or person.
/// </summary>
public sealed class MeetingSaver(AppDbContext db, TimeProvider clock)
{
    public const string ConflictMessage = "保存失败：这次会议刚被他人修改过。下方仍是您填写的内容，请核对当前内容后再次保存。";

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// Runs a change that may need the database first (e.g. to load a unit) and saves it. Returns the message for the
    /// user, or null when a rule or a concurrent edit stopped it (the reason is then in <paramref name="modelState"/>).
    /// </summary>
    public async Task<string?> TryChangeAsync(Meeting meeting, uint version, ModelStateDictionary modelState, Func<Meeting, Task<string>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            var message = await change(meeting);
            return await TrySaveAsync(meeting, version, modelState, () => { }, prefix: "") ? message : null;
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            modelState.AddModelError("", ex.Message);
            return null;
        }
    }

    /// <summary>Runs <paramref name="change"/> and saves; rule violations and conflicts become form errors.</summary>
    public async Task<bool> TrySaveAsync(Meeting meeting, uint version, ModelStateDictionary modelState, Action change, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            db.Entry(meeting).Property(m => m.Version).OriginalValue = version;
            change();
            meeting.Touch(Now);
            await db.SaveChangesAsync();
            return true;
        }
        catch (DomainException ex)
        {
            modelState.AddDomainError(ex, prefix);
        }
        catch (DbUpdateConcurrencyException)
        {
            modelState.AddModelError("", ConflictMessage);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            modelState.AddModelError("", "保存失败：述职对象重复，可能已被他人添加，请刷新页面。");
        }

        db.ChangeTracker.Clear();
        return false;
    }
}
