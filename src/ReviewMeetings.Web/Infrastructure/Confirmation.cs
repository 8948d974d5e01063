using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// What an irreversible step does, said before it is done. A page declares one per step and uses it twice:
/// <list type="number">
/// <item>on the button or form, <c>&lt;button rm-confirm="@Model.StartConfirmation"&gt;</c>, so that <c>confirm.js</c> asks in a
/// dialog and, on 确定, posts the form with <see cref="Field"/>=true;</item>
/// <item>in the handler, <c>if (!this.IsConfirmed()) return this.Confirm(confirmation);</c>, so that a post that was not
/// confirmed (script off, or an old page) changes nothing and gets a confirmation page that repeats the form.</item>
/// </list>
/// </summary>
/// <param name="Title">The question, e.g. 确定开始会议？</param>
/// <param name="Consequence">What will happen and what cannot be undone, in one or two sentences.</param>
/// <param name="ConfirmLabel">The text of the button that goes ahead, e.g. 开始会议.</param>
/// <param name="Warning">Something unusual the user should notice first (e.g. today is not the meeting date), or null.</param>
public sealed record Confirmation(string Title, string Consequence, string ConfirmLabel, string? Warning = null)
{
    /// <summary>The form field that says the user has seen and accepted the consequence.</summary>
    public const string Field = "confirmed";
}

/// <summary>The confirmation page shown when a step was posted without <see cref="Confirmation.Field"/>.</summary>
public sealed record ConfirmationPage(Confirmation Confirmation, string Action, string CancelUrl, IReadOnlyList<KeyValuePair<string, string>> Fields);

public static class ConfirmationExtensions
{
    private const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>Whether the posted form carries the user's confirmation.</summary>
    public static bool IsConfirmed(this PageModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Request.HasFormContentType
            && string.Equals(page.Request.Form[Confirmation.Field], "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A page that states the consequence and repeats the posted form (same address, same fields, a fresh antiforgery
    /// token) with the confirmation added; 取消 goes back to the page without the handler.
    /// </summary>
    public static IActionResult Confirm(this PageModel page, Confirmation confirmation)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(confirmation);
        var request = page.Request;
        var fields = request.HasFormContentType
            ? request.Form
                .Where(f => f.Key is not (AntiforgeryField or Confirmation.Field))
                .SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")))
                .ToList()
            : [];
        var cancel = QueryStrings.PathWithQuery(request, ["handler"]);
        var model = new ConfirmationPage(confirmation, request.PathBase + request.Path + request.QueryString, cancel, fields);
        return new PartialViewResult
        {
            ViewName = "_Confirm",
            ViewData = new ViewDataDictionary<ConfirmationPage>(page.ViewData, model),
        };
    }
}

/// <summary>
/// <c>rm-confirm="@confirmation"</c> on a submit button or a form: writes the data attributes <c>confirm.js</c> reads.
/// </summary>
[HtmlTargetElement("button", Attributes = AttributeName)]
[HtmlTargetElement("form", Attributes = AttributeName)]
public sealed class ConfirmTagHelper : TagHelper
{
    private const string AttributeName = "rm-confirm";

    [HtmlAttributeName(AttributeName)]
    public Confirmation? Confirmation { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Confirmation is null)
        {
            return;
        }

        output.Attributes.SetAttribute("data-confirm", Confirmation.Consequence);
        output.Attributes.SetAttribute("data-confirm-title", Confirmation.Title);
        output.Attributes.SetAttribute("data-confirm-ok", Confirmation.ConfirmLabel);
        if (Confirmation.Warning is not null)
        {
            output.Attributes.SetAttribute("data-confirm-warning", Confirmation.Warning);
        }
    }
}
