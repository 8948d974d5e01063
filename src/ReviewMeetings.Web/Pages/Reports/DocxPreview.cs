using System.Text;
using System.Text.Encodings.Web;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ReviewMeetings.Web.Pages.Reports;

/// <summary>The text of a Word report as simple HTML (headings, paragraphs, tables), readable on a tablet without Word.</summary>
public static class DocxPreview
{
    public static string ToHtml(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null)
        {
            return "";
        }

        var styles = document.MainDocumentPart!.StyleDefinitionsPart?.Styles?.Elements<Style>()
            .Where(s => s.StyleId?.Value is not null)
            .ToDictionary(s => s.StyleId!.Value!, s => s.StyleName?.Val?.Value ?? "") ?? [];
        var html = new StringBuilder();
        foreach (var element in body.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    AppendParagraph(html, paragraph, styles);
                    break;
                case Table table:
                    AppendTable(html, table);
                    break;
            }
        }

        return html.ToString();
    }

    private static void AppendParagraph(StringBuilder html, Paragraph paragraph, Dictionary<string, string> styles)
    {
        var text = paragraph.InnerText;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
        var styleName = styles.TryGetValue(styleId, out var name) ? name : styleId;
        var tag = HeadingLevel(styleName) switch
        {
            1 => "h2",
            2 => "h3",
            >= 3 => "h4",
            _ => "p",
        };
        html.Append('<').Append(tag).Append('>').Append(HtmlEncoder.Default.Encode(text)).Append("</").Append(tag).Append('>');
    }

    private static int HeadingLevel(string styleName)
    {
        var lower = styleName.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        foreach (var prefix in new[] { "heading", "标题" })
        {
            if (lower.StartsWith(prefix, StringComparison.Ordinal))
            {
                return int.TryParse(lower[prefix.Length..], out var level) ? level : 1;
            }
        }

        return lower == "title" ? 1 : 0;
    }

    private static void AppendTable(StringBuilder html, Table table)
    {
        html.Append("<table class=\"table table-bordered table-sm\"><tbody>");
        foreach (var row in table.Elements<TableRow>())
        {
            html.Append("<tr>");
            foreach (var cell in row.Elements<TableCell>())
            {
                html.Append("<td>").Append(HtmlEncoder.Default.Encode(string.Join("\n", cell.Elements<Paragraph>().Select(p => p.InnerText)))).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }
}
