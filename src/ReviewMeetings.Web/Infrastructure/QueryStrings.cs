using Microsoft.AspNetCore.Http;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>Links back to the page being shown, keeping its query values (filters, search) but the ones named.</summary>
public static class QueryStrings
{
    /// <summary>
    /// The request's path with its query values except <paramref name="dropped"/> (compared ignoring case), followed by
    /// <paramref name="added"/> when given, e.g. <c>/Organizations?q=街道&amp;p=2</c>.
    /// </summary>
    public static string PathWithQuery(HttpRequest request, IReadOnlyCollection<string> dropped, string? added = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dropped);
        var values = request.Query
            .Where(q => !dropped.Contains(q.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .ToList();
        if (added is not null)
        {
            values.Add(added);
        }

        return request.PathBase + request.Path + (values.Count == 0 ? "" : "?" + string.Join('&', values));
    }
}
