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
