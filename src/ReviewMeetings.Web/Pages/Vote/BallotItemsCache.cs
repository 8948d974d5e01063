using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Web.Pages.Vote;

/// <summary>
/// A fresh ballot's reporter items (every grade button of every reporter) are the same for every voter of a meeting, so
/// they are rendered once per meeting version and kept as one string. Reporters, grade scale and rules cannot change
/// without moving the version; the carry-over lines shown on the ballot can, so an entry lives one minute.
/// </summary>
public sealed class BallotItemsCache(IMemoryCache cache, HtmlEncoder encoder)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public IHtmlContent Get(Meeting meeting, Func<IHtmlContent> render)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(render);
        var key = (nameof(BallotItemsCache), meeting.Id, meeting.Version);
        if (!cache.TryGetValue(key, out RenderedHtml? html))
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            render().WriteTo(writer, encoder);
            html = new RenderedHtml(writer.ToString());
            cache.Set(key, html, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime });
        }

        return html!;
    }

    /// <summary>
    /// Written to the response asynchronously in one piece: as plain HTML content the view would first copy the
    /// 100 KB+ of characters through pooled pages, which under load means allocating them for every voter.
    /// </summary>
    private sealed class RenderedHtml(string html) : IHtmlAsyncContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.Write(html);
        }

        public ValueTask WriteToAsync(TextWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            return new ValueTask(writer.WriteAsync(html));
        }
    }
}
