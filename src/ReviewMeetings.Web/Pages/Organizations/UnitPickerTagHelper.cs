using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ReviewMeetings.Web.Pages.Organizations;

/// <summary>
/// <c>&lt;unit-picker asp-for="ParentId" picker="Model.Parents" /&gt;</c>: a searchable choice of one unit
/// (<c>Shared/_UnitPicker</c>, <c>wwwroot/js/unit-picker.js</c>). The chosen id is posted under the field's name; the
/// label is the field's display name and the validation message sits under the field. The page answers the handlers
/// <see cref="UnitPicker.FindHandler"/> (search without script) and <see cref="UnitPicker.UnitsHandler"/> (JSON). The form
/// names the page as its action (<c>action="@Url.Page(null)"</c>, with <c>asp-antiforgery</c>): after a search without
/// script the address carries the search's handler, which a form without an action would post to again.
/// </summary>
[HtmlTargetElement("unit-picker", TagStructure = TagStructure.WithoutEndTag)]
public sealed class UnitPickerTagHelper(IHtmlHelper html, IHtmlGenerator generator, IUrlHelperFactory urls) : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeName("picker")]
    public UnitPicker Picker { get; set; } = null!;

    /// <summary>A hint under the field, read out with it.</summary>
    [HtmlAttributeName("help")]
    public string? Help { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ((IViewContextAware)html).Contextualize(ViewContext);
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var url = urls.GetUrlHelper(ViewContext);
        var field = new UnitPickerField(
            name,
            TagBuilder.CreateSanitizedId(name, "_"),
            For.Metadata.GetDisplayName(),
            Help,
            Picker,
            ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0,
            url.Page(null, UnitPicker.UnitsHandler)!,
            url.Page(null, UnitPicker.FindHandler)!,
            generator.GenerateValidationMessage(ViewContext, For.ModelExplorer, For.Name, message: null, tag: "span", htmlAttributes: new { @class = "small" }));
        output.TagName = null;
        output.Content.SetHtmlContent(await html.PartialAsync("_UnitPicker", field));
    }
}

public sealed record UnitPickerField(
    string Name, string Id, string Label, string? Help, UnitPicker Picker, bool Invalid, string Source, string FindAction, IHtmlContent Validation);
