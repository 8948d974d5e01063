using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ReviewMeetings.Web.Tests.Builders;

/// <summary>Real files for upload tests, made in memory.</summary>
internal static class TestDocuments
{
    public static byte[] Pdf(string text = "Report 2026")
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(72, 720), font);
        return builder.Build();
    }

    /// <summary>A Word document with a heading, paragraphs and a table.</summary>
    public static byte[] Docx(string heading, string paragraph, string tableCell = "党员人数")
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new Style(new StyleName { Val = "heading 1" }) { Type = StyleValues.Paragraph, StyleId = "Heading1" });
            main.Document = new Document(new Body(
                new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), new Run(new Text(heading))),
                new Paragraph(new Run(new Text(paragraph))),
                new Table(new TableRow(new TableCell(new Paragraph(new Run(new Text(tableCell)))), new TableCell(new Paragraph(new Run(new Text("1200"))))))));
        }

        return buffer.ToArray();
    }

    public static byte[] Executable() => [.. "MZ"u8, .. new byte[200]];

    public static byte[] LegacyDoc() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[500]];

    /// <summary>A real 1×1 PNG, as a phone camera or screenshot tool would produce (only smaller).</summary>
    public static byte[] RealPng() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static byte[] Png() => [0x89, .. "PNG\r\n\u001a\n"u8, .. new byte[100]];

    public static byte[] CorruptDocx()
    {
        var docx = Docx("标题", "内容");
        return docx[..(docx.Length / 2)];
    }

    /// <summary>A zip that is not a Word document at all.</summary>
    public static byte[] PlainZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open(), Encoding.UTF8);
            writer.Write("not a word document");
        }

        return buffer.ToArray();
    }

    /// <summary>A small zip that unpacks to 300 MB of zeros.</summary>
    public static byte[] ZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++)
            {
                stream.Write(zeros);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] BrokenPdf() => [.. "%PDF-1.7\n"u8, .. Encoding.ASCII.GetBytes("this is not really a pdf\n%%EOF")];
}
