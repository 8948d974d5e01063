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

    /// <summary>A hand-written one-page PDF with a correct cross-reference table; extra objects are numbered from 6 on.</summary>
    public static byte[] RawPdf(string catalogExtra = "", string headerComment = "", params byte[][] extraObjects)
    {
        const string content = "BT /F1 12 Tf 72 720 Td (Report 2026) Tj ET";
        List<byte[]> objects =
        [
            Encoding.Latin1.GetBytes($"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>"),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"u8.ToArray(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"u8.ToArray(),
            Encoding.Latin1.GetBytes($"<< /Length {content.Length} >>\nstream\n{content}\nendstream"),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"u8.ToArray(),
            .. extraObjects,
        ];
        using var pdf = new MemoryStream();
        pdf.Write(Encoding.Latin1.GetBytes($"%PDF-1.7\n{headerComment}%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Encoding.Latin1.GetBytes($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write("\nendobj\n"u8);
        }

        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        offsets.ForEach(o => table.Append(System.Globalization.CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n"));
        table.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Encoding.Latin1.GetBytes(table.ToString()));
        return pdf.ToArray();
    }

    /// <summary>Opens with a script whose names are hex-escaped (/J#61vaScript, /J#53), as scanners that match plain text miss.</summary>
    public static byte[] PdfWithEscapedJavaScript() =>
        RawPdf("/OpenAction 6 0 R", "", "<< /Type /Action /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"u8.ToArray());

    /// <summary>A script action compressed inside an object stream, where no plain-text scan of the file can see it.</summary>
    public static byte[] PdfWithJavaScriptInObjectStream()
    {
        var hidden = "7 0 << /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"u8.ToArray();
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(hidden);
        }

        var data = packed.ToArray();
        byte[] objectStream = [.. Encoding.Latin1.GetBytes($"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {data.Length} >>\nstream\n"), .. data, .. "\nendstream"u8];
        return RawPdf("", "", objectStream);
    }

    /// <summary>A valid PDF whose first kilobyte is also an HTML page with a script (a PDF/HTML polyglot).</summary>
    public static byte[] PdfHtmlPolyglot() => RawPdf("", "%<html><body><script>alert(document.cookie)</script></body></html>\n");

    /// <summary>A Word document plus one relationship pointing outside it.</summary>
    public static byte[] DocxWithExternalRelationship(string relationshipType, string target)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Docx("一、履职情况", "全年发展党员12名。"));
        using (var document = WordprocessingDocument.Open(buffer, isEditable: true))
        {
            var uri = new Uri(target, UriKind.RelativeOrAbsolute);
            if (relationshipType == Hyperlink)
            {
                document.MainDocumentPart!.AddHyperlinkRelationship(uri, isExternal: true);
            }
            else
            {
                document.MainDocumentPart!.AddExternalRelationship(relationshipType, uri);
            }
        }

        return buffer.ToArray();
    }

    public const string AttachedTemplate = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate";
    public const string Hyperlink = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

    /// <summary>A Word document carrying a VBA project, as a .docm renamed to .docx would.</summary>
    public static byte[] DocxWithMacros()
    {
        using var buffer = new MemoryStream();
        buffer.Write(Docx("一、履职情况", "全年发展党员12名。"));
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var stream = zip.CreateEntry("word/vbaProject.bin").Open();
            stream.Write([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[100]]);
        }

        return buffer.ToArray();
    }
}
