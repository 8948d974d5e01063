using System.ComponentModel.DataAnnotations;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>The meeting facts entered on the create and edit pages.</summary>
public sealed class DetailsInput
{
    [Display(Name = "会议名称")]
    [StringLength(Meeting.TitleMaxLength)]
    public string? Title { get; set; }

    [Required]
    [Display(Name = "述职年度")]
    [Range(2000, 2100)]
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
