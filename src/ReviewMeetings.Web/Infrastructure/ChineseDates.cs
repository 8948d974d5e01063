using System.Globalization;
using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>Dates as Chinese readers expect them (2026年1月17日), in Beijing time whatever the server's own zone.</summary>
public static class ChineseDates
{
    /// <summary>The instant in Beijing time (<see cref="BeijingTime"/>: fixed UTC+8).</summary>
    public static DateTimeOffset InBeijing(this DateTimeOffset value) => BeijingTime.ToBeijing(value);

    public static string ToChineseDate(this DateTimeOffset value) =>
        value.InBeijing().ToString("yyyy'年'M'月'd'日'", CultureInfo.InvariantCulture);

    public static string ToChineseDate(this DateOnly value) => value.ToString("yyyy'年'M'月'd'日'", CultureInfo.InvariantCulture);

    public static string ToChineseDateTime(this DateTimeOffset value) =>
        value.InBeijing().ToString("yyyy'年'M'月'd'日' HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"14:05:09" in Beijing time, for "已保存 hh:mm:ss".</summary>
    public static string ToChineseClock(this DateTimeOffset value) =>
        value.InBeijing().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
