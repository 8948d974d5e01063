using ReviewMeetings.Web.Pages.Reports;
using ReviewMeetings.Web.Tests.Builders;

namespace ReviewMeetings.Web.Tests.Pages.Reports;

/// <summary>The upload matrix: files are judged by their bytes, never by their names.</summary>
public sealed class UploadedDocumentTests
{
    private const long Limit = 20 * 1024 * 1024;

    [Fact]
    public void Valid_pdf_is_accepted_whatever_it_is_called()
    {
        var document = UploadedDocument.Inspect("报告.docx", TestDocuments.Pdf(), Limit);

        Assert.True(document.IsPdf);
        Assert.Equal("application/pdf", document.ContentType);
        Assert.Equal("报告.pdf", document.FileName);
    }

    [Fact]
    public void Valid_docx_is_accepted()
    {
        var document = UploadedDocument.Inspect("东城街道党工委书记述职报告.docx", TestDocuments.Docx("一、履职情况", "全年发展党员12名。"), Limit);

        Assert.False(document.IsPdf);
        Assert.Equal(UploadedDocument.DocxType, document.ContentType);
        Assert.Equal("东城街道党工委书记述职报告.docx", document.FileName);
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "report.pdf", TestDocuments.Executable(), "只接受PDF或Word（.docx）文件。所选文件的内容不是这两种格式（与文件扩展名无关）。" },
        { "report.doc", TestDocuments.LegacyDoc(), "这是旧版Word（.doc）或已加密的Office文件，请另存为未加密的.docx或PDF后上传。" },
        { "photo.pdf", TestDocuments.Png(), "只接受PDF或Word（.docx）文件。所选文件的内容不是这两种格式（与文件扩展名无关）。" },
        { "empty.pdf", [], "文件是空的，请重新选择。" },
        { "report.docx", TestDocuments.CorruptDocx(), "Word文件已损坏，无法打开，请重新保存后上传。" },
        { "archive.docx", TestDocuments.PlainZip(), "这不是Word文档（.docx），请上传PDF或Word文件。" },
        { "bomb.docx", TestDocuments.ZipBomb(), "文件解压后异常巨大（疑似压缩炸弹），已拒绝。" },
        { "broken.pdf", TestDocuments.BrokenPdf(), "PDF文件已损坏，无法打开。" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Anything_else_is_refused_with_a_reason(string name, byte[] bytes, string reason)
    {
        var error = Assert.Throws<UploadRejectedException>(() => UploadedDocument.Inspect(name, bytes, Limit));

        Assert.Equal(reason, error.Message);
    }

    [Fact]
    public void Oversize_file_is_refused_before_it_is_parsed()
    {
        var error = Assert.Throws<UploadRejectedException>(() => UploadedDocument.Inspect("big.pdf", TestDocuments.Pdf(), maxBytes: 100));

        Assert.Equal("文件大小超过0MB的限制，请压缩后再上传。", error.Message);
    }

    [Fact]
    public void Hand_written_pdf_without_active_content_is_accepted()
    {
        // The files below differ from this one only by what they add, so each refusal is for that addition.
        Assert.True(UploadedDocument.Inspect("述职报告.pdf", TestDocuments.RawPdf(), Limit).IsPdf);
    }

    public static TheoryData<string, byte[], string> Active => new()
    {
        { "report.pdf", TestDocuments.PdfWithEscapedJavaScript(), ActivePdf("JavaScript") },
        { "report.pdf", TestDocuments.PdfWithJavaScriptInObjectStream(), ActivePdf("JavaScript") },
        { "report.pdf", TestDocuments.RawPdf("/Names << /EmbeddedFiles 6 0 R >>", "", "<< /Names [] >>"u8.ToArray()), ActivePdf("EmbeddedFiles") },
        { "report.pdf", TestDocuments.RawPdf("/OpenAction << /S /Launch /F (cmd.exe) >>"), ActivePdf("Launch") },
        { "report.pdf", TestDocuments.RawPdf("/AcroForm << /Fields [] /X#46A 6 0 R >>", "", "<< >>"u8.ToArray()), ActivePdf("XFA") },
        { "report.pdf", TestDocuments.PdfHtmlPolyglot(), Markup },
        { "report.pdf", [.. "<!DOCTYPE html><script>alert(1)</script>\n"u8, .. TestDocuments.Pdf()], Markup },
        { "report.docx", TestDocuments.DocxWithExternalRelationship(TestDocuments.AttachedTemplate, "http://attacker.example/t.dotm"), ExternalLink },
        { "report.docx", TestDocuments.DocxWithExternalRelationship(TestDocuments.Hyperlink, "file://attacker.example/share/x.docx"), ExternalLink },
        { "report.docx", TestDocuments.DocxWithMacros(), "Word文件含有宏或ActiveX控件，已拒绝。请另存为不含宏的.docx文件或PDF后上传。" },
    };

    [Theory]
    [MemberData(nameof(Active))]
    public void Files_that_could_act_when_opened_are_refused_with_a_reason(string name, byte[] bytes, string reason)
    {
        var error = Assert.Throws<UploadRejectedException>(() => UploadedDocument.Inspect(name, bytes, Limit));

        Assert.Equal(reason, error.Message);
    }

    [Fact]
    public void Docx_with_a_web_link_is_accepted()
    {
        var docx = TestDocuments.DocxWithExternalRelationship(TestDocuments.Hyperlink, "https://www.12371.cn/");

        Assert.False(UploadedDocument.Inspect("述职报告.docx", docx, Limit).IsPdf);
    }

    [Fact]
    public void Compressed_object_stream_that_unpacks_to_garbage_is_refused_as_uninspectable()
    {
        byte[] objectStream = [.. "<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 20 >>\nstream\n"u8, .. new byte[20], .. "\nendstream"u8];

        var error = Assert.Throws<UploadRejectedException>(() => UploadedDocument.Inspect("report.pdf", TestDocuments.RawPdf("", "", objectStream), Limit));

        Assert.Equal("PDF文件使用了无法检查的内部压缩方式，已拒绝。请用“打印为PDF”或“另存为PDF”重新生成后上传。", error.Message);
    }

    private const string Markup = "文件开头含有网页代码（HTML/脚本），可能是伪装成文档的网页，已拒绝。请重新导出为标准的PDF或Word文件后上传。";

    private const string ExternalLink = "Word文件含有外部链接（如远程模板、链接到其他文件的图片或对象），已拒绝。请删除这些链接或另存为PDF后上传。";

    private static string ActivePdf(string name) =>
        $"PDF文件含有脚本、自动执行的操作、附件或交互表单等活动内容（/{name}），已拒绝。请用“打印为PDF”或“另存为PDF”重新生成后上传。";

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData(@"C:\Users\王晓东\桌面\述职报告.pdf", "述职报告.pdf")]
    [InlineData("述职报告🎉<script>.pdf", "述职报告__script.pdf")]
    [InlineData("..pdf", "述职报告.pdf")]
    [InlineData("报告\u0000名称.pdf", "报告_名称.pdf")]
    public void File_names_lose_folders_control_characters_and_symbols(string original, string safe)
    {
        Assert.Equal(safe, UploadedDocument.SafeName(original, ".pdf"));
    }

    [Fact]
    public void Docx_preview_keeps_headings_paragraphs_and_tables_and_escapes_markup()
    {
        var html = DocxPreview.ToHtml(TestDocuments.Docx("一、履职情况", "<b>发展党员12名</b>", "基层党组织"));

        Assert.Contains("<h2>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<table", html, StringComparison.Ordinal);
        var text = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).Body!.TextContent;
        Assert.Contains("一、履职情况", text, StringComparison.Ordinal);
        Assert.Contains("基层党组织", text, StringComparison.Ordinal);
    }
}
