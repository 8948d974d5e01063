using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace ReviewMeetings.Web.Documents;

/// <summary>
/// Renders a document template (a Razor view under Documents/) to one self-contained HTML string. The same string is
/// shown as the print preview and handed to Chromium for the PDF, so what users see is what they get.
/// </summary>
public sealed class DocumentHtml(IRazorViewEngine viewEngine, ITempDataProvider tempDataProvider, IHttpContextAccessor httpContextAccessor, IOptions<PdfOptions> options)
{
    public const string FontsKey = "Fonts";

    public async Task<string> RenderAsync<TModel>(string viewPath, TModel model)
    {
        var httpContext = httpContextAccessor.HttpContext ?? throw new InvalidOperationException("Documents are rendered within a request.");
        var actionContext = new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor());
        var found = viewEngine.GetView(executingFilePath: null, viewPath, isMainPage: true);
        if (!found.Success)
        {
            throw new InvalidOperationException($"Document template {viewPath} not found.");
        }

        await using var writer = new StringWriter();
        var viewData = new ViewDataDictionary<TModel>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
        viewData[FontsKey] = options.Value;
        var viewContext = new ViewContext(actionContext, found.View, viewData, new TempDataDictionary(httpContext, tempDataProvider), writer, new HtmlHelperOptions());
        await found.View.RenderAsync(viewContext);
        return writer.ToString();
    }
}
