using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>The meeting facts entered on the create and edit pages.</summary>
public sealed class DetailsInput
{
    [Display(Name = "会议名称")]
    [StringLength(Meeting.TitleMaxLength)]
    public string? Title { get; set; }

    [Required]
    [Display(Name = "述职年度")]
    [Range(Meeting.MinReviewYear, Meeting.MaxReviewYear)]
    public int? ReviewYear { get; set; }

    [Display(Name = "会议日期")]
    [DataType(DataType.Date)]
    public DateOnly? Date { get; set; }

    [Display(Name = "开始时间")]
    [DataType(DataType.Time)]
    public TimeOnly? StartTime { get; set; }

    [Display(Name = "主会场")]
    [StringLength(Meeting.VenueMaxLength)]
    public string? MainVenue { get; set; }

    [Display(Name = "分会场（每行一个）")]
    [StringLength(4000)]
    public string? SubVenues { get; set; }

    [Display(Name = "主持人")]
    [StringLength(Meeting.HostMaxLength)]
    public string? Host { get; set; }

    [Required]
    [Display(Name = "现场述职时限（分钟）")]
    [Range(Meeting.MinTimeLimitMinutes, Meeting.MaxTimeLimitMinutes)]
    public int? TimeLimitMinutes { get; set; } = Meeting.DefaultTimeLimitMinutes;

    [Display(Name = "书面述职报告截止日期")]
    [DataType(DataType.Date)]
    public DateOnly? WrittenReportDeadline { get; set; }

    public static DetailsInput From(Meeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return new DetailsInput
        {
            Title = meeting.Title,
            ReviewYear = meeting.ReviewYear,
            Date = meeting.Date,
            StartTime = meeting.StartTime,
            MainVenue = meeting.MainVenue,
            SubVenues = string.Join('\n', meeting.SubVenues),
            Host = meeting.Host,
            TimeLimitMinutes = meeting.TimeLimitMinutes,
            WrittenReportDeadline = meeting.WrittenReportDeadline,
        };
    }

    /// <summary>
    /// Adds the meeting's rules to the form's own checks, so every field error shows in one round; a field that did
    /// not parse keeps its own message.
    /// </summary>
    public void AddRuleErrors(ModelStateDictionary modelState, string suggestedTitle, MeetingStatus status, int currentYear)
    {
        if (ReviewYear is not null && TimeLimitMinutes is not null)
        {
            modelState.AddDomainErrors(Meeting.DetailsErrors(ToDetails(suggestedTitle), status, currentYear));
        }
    }

    /// <summary>The fields whose value differs between what was typed and what is saved, as a person reads them.</summary>
    public static IReadOnlyList<FieldDifference> Differences(DetailsInput typed, DetailsInput saved)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(saved);
        static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "" : value.Trim();
        static string Lines(string? value) =>
            string.Join("、", (value ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        static string Day(DateOnly? value) => value?.ToChineseDate() ?? "";
        var fields = new (string Name, Func<DetailsInput, string> Show)[]
        {
            (nameof(ReviewYear), i => i.ReviewYear?.ToString(CultureInfo.InvariantCulture) ?? ""),
            (nameof(Title), i => Text(i.Title)),
            (nameof(Date), i => Day(i.Date)),
            (nameof(StartTime), i => i.StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? ""),
            (nameof(WrittenReportDeadline), i => Day(i.WrittenReportDeadline)),
            (nameof(MainVenue), i => Text(i.MainVenue)),
            (nameof(Host), i => Text(i.Host)),
            (nameof(SubVenues), i => Lines(i.SubVenues)),
            (nameof(TimeLimitMinutes), i => i.TimeLimitMinutes?.ToString(CultureInfo.InvariantCulture) ?? ""),
        };
        return [.. fields
            .Select(f => new FieldDifference(
                typeof(DetailsInput).GetProperty(f.Name)!.GetCustomAttribute<DisplayAttribute>()!.Name!,
                f.Show(typed),
                f.Show(saved)))
            .Where(d => d.Typed != d.Saved)];
    }

    public MeetingDetails ToDetails(string suggestedTitle) => new(
        string.IsNullOrWhiteSpace(Title) ? suggestedTitle : Title,
        ReviewYear!.Value,
        Date,
        StartTime,
        MainVenue,
        (SubVenues ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        Host,
        TimeLimitMinutes!.Value,
        WrittenReportDeadline);
}

/// <summary>One field of a stale form: what the person typed and what someone else has saved meanwhile.</summary>
public sealed record FieldDifference(string Label, string Typed, string Saved);
