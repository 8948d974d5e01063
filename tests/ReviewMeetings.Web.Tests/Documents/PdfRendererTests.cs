using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReviewMeetings.Web.Documents;
using ReviewMeetings.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace ReviewMeetings.Web.Tests.Documents;

public sealed class PdfRendererTests
{
    private static string Document(string size, string text) =>
        $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>@page {{ size: {size}; }} body {{ font-family: \"Noto Serif CJK SC\"; }}</style></head><body><p>{text}</p></body></html>";

    [Fact]
    public async Task A_kept_page_prints_only_the_next_document_with_that_documents_own_page_setup()
    {
        await using var renderer = new PdfRenderer(Options.Create(new PdfOptions { MaxConcurrency = 1 }), NullLogger<PdfRenderer>.Instance);

        var first = await renderer.RenderAsync(Document("A4 landscape", "第一份文件：清河区整改台账"));
        var second = await renderer.RenderAsync(Document("A4", "第二份文件：述职评议情况报告"));
        var third = await renderer.RenderAsync(Document("A4 landscape", "第三份文件：会议通知"));

        Assert.Contains("第一份文件", PdfText.TextOf(first), StringComparison.Ordinal);
        var secondText = PdfText.TextOf(second);
        Assert.Contains("第二份文件", secondText, StringComparison.Ordinal);
        Assert.DoesNotContain("第一份文件", secondText, StringComparison.Ordinal);
        var thirdText = PdfText.TextOf(third);
        Assert.Contains("第三份文件", thirdText, StringComparison.Ordinal);
        Assert.DoesNotContain("第二份文件", thirdText, StringComparison.Ordinal);
        using var portrait = PdfDocument.Open(second);
        using var landscape = PdfDocument.Open(third);
        Assert.True(portrait.GetPage(1).Height > portrait.GetPage(1).Width);
        Assert.True(landscape.GetPage(1).Width > landscape.GetPage(1).Height);
    }

    [Fact]
    public void Without_a_configured_path_the_headless_shell_is_preferred_and_a_configured_path_wins()
    {
        var installed = PdfOptions.DefaultExecutablePaths.Where(File.Exists).ToList();

        Assert.Equal(["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"], PdfOptions.DefaultExecutablePaths);
        Assert.Equal(installed.Count > 0 ? installed[0] : "/usr/bin/chromium-headless-shell", new PdfOptions().Executable);
        Assert.Equal("/opt/chromium/chrome", new PdfOptions { ExecutablePath = "/opt/chromium/chrome" }.Executable);
        Assert.Equal(new PdfOptions().Executable, new PdfOptions { ExecutablePath = "" }.Executable);
    }
}
