using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>
/// The guard against scheduling a host's meeting for a review year twice by mistake, shared by creating and copying a
/// meeting: a second one (e.g. a second batch) needs an explicit confirmation that names the existing ones, and a title of its own.
/// </summary>
public static class SameYearMeetings
{
    public static Task<List<ExistingMeeting>> FindAsync(AppDbContext db, Guid hostId, int reviewYear, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Meetings.AsNoTracking()
            .Where(m => m.OrganizationId == hostId && m.ReviewYear == reviewYear)
            .OrderBy(m => m.CreatedAt)
            .Select(m => new ExistingMeeting(m.Id, m.Title, m.Status, m.Date))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the title error next to <paramref name="titleKey"/> when the title is taken that year; otherwise, unless the
    /// post is confirmed, the confirmation to show. Null when the step may go ahead.
    /// </summary>
    public static Confirmation? Check(
        IReadOnlyList<ExistingMeeting> existing, string? title, int reviewYear, bool confirmed, ModelStateDictionary modelState, string titleKey)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(modelState);
        if (existing.Count == 0)
        {
            return null;
        }

        if (Meeting.SameYearTitleError(title, existing.Select(m => m.Title)) is { } error)
        {
            modelState.AddModelError(titleKey, error.Message);
            return null;
        }

        return confirmed ? null : Confirmation(existing, reviewYear);
    }

    public static Confirmation Confirmation(IReadOnlyList<ExistingMeeting> existing, int reviewYear)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var named = string.Join("；", existing.Select(m => m.Describe()));
        return new Confirmation(
            $"本主办单位已有{reviewYear}年度的会议，确定再安排一次？",
            $"已有的会议：{named}。如确需再安排一次（如分批召开），新会议的名称须与已有会议不同。",
            "仍然创建",
            $"同一主办单位同一述职年度已有{existing.Count}次会议。");
    }
}

/// <summary>A meeting already scheduled for the host and year, as the duplicate guard names it.</summary>
public sealed record ExistingMeeting(Guid Id, string Title, MeetingStatus Status, DateOnly? Date)
{
    public string Describe() => $"“{Title}”（{Status.ChineseName()}，{(Date is { } date ? date.ToChineseDate() : "日期未定")}）";
}
