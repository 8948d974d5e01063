using AngleSharp.Html.Dom;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>What a user reads on a page.</summary>
public static class PageText
{
    public static string ErrorFor(this IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    public static string Summary(this IHtmlDocument page) =>
        page.QuerySelector(".validation-summary-errors")?.TextContent.Trim() ?? "";

    public static string MainText(this IHtmlDocument page) => page.QuerySelector("main")?.TextContent ?? "";

    public static string Heading(this IHtmlDocument page) => page.QuerySelector("h1")?.TextContent.Trim() ?? "";
}
