using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReviewMeetings.Web.Pages;

/// <summary>The Chinese page for 404, 403, 500 and friends. It never shows exception details.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    /// <summary>
    /// A failed POST is shown again as a POST. Its form is not read here: the form may be the very thing that failed
    /// (over the field or size limits), so the code comes from the route alone.
    /// </summary>
    public void OnPost() =>
        Describe(int.TryParse(RouteData.Values["code"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null);

    private void Describe(int? code)
    {
        Code = code ?? (Response.StatusCode >= 400 ? Response.StatusCode : StatusCodes.Status500InternalServerError);
        (Heading, Explanation) = Code switch
        {
            400 => ("请求无效", "提交的内容无法处理，请返回上一页检查后重试。"),
            403 => ("没有访问权限", "您的账号无权访问此页面或执行此操作。如需权限，请联系系统管理员。"),
            404 => ("页面不存在", "您要找的页面不存在，或者不在您的管理范围内。"),
            405 => ("请求方式不正确", "请通过页面上的按钮操作。"),
            413 => ("文件过大", "上传的内容超过了允许的大小。"),
            429 => ("操作过于频繁", "请稍后再试。"),
            >= 500 => ("系统出错了", "处理您的请求时发生错误，我们已记录此问题。请稍后重试。"),
            _ => ("请求未能完成", "请返回上一页重试。"),
        };
        if (Code >= 500)
        {
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }

        Response.StatusCode = Code;
    }
}
