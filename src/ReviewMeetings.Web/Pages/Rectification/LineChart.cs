using System.Globalization;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>
/// A small percentage line chart drawn on the server as inline SVG (no script, no CDN): values from 0 to 100 over
/// labelled points; a missing value breaks the line.
/// </summary>
public sealed record LineChart(string Title, IReadOnlyList<string> Labels, IReadOnlyList<LineSeries> Series, int Width = 640, int Height = 220)
{
    public const int Left = 40;
    public const int Right = 16;
    public const int Top = 12;
    public const int Bottom = 34;

    public double X(int index) =>
        Labels.Count <= 1 ? Left + ((Width - Left - Right) / 2.0) : Left + (index * (Width - Left - Right) / (double)(Labels.Count - 1));

    public double Y(decimal value) => Top + ((double)(100 - Math.Clamp(value, 0, 100)) * (Height - Top - Bottom) / 100.0);

    /// <summary>Every label would overlap on a long axis; show about eight.</summary>
    public bool ShowsLabel(int index) => index % Math.Max(1, (int)Math.Ceiling(Labels.Count / 8.0)) == 0 || index == Labels.Count - 1;

    /// <summary>Runs of consecutive known values, each drawn as one polyline.</summary>
    public IEnumerable<string> Polylines(LineSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var run = new List<string>();
        for (var i = 0; i <= series.Values.Count; i++)
        {
            if (i < series.Values.Count && series.Values[i] is { } value)
            {
                run.Add(string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(value):0.#}"));
                continue;
            }

            if (run.Count > 0)
            {
                yield return string.Join(' ', run);
                run.Clear();
            }
        }
    }

    public static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

public sealed record LineSeries(string Name, IReadOnlyList<decimal?> Values, string Color);
