using System.IO.Compression;
using System.Text;
using System.Xml;

namespace ReviewMeetings.Web.Pages.Reports;

/// <summary>
/// Refuses uploads that could act when opened rather than just be read: HTML hiding in a document (a polyglot a
/// browser might render), PDFs with scripts, launch actions, attachments or XFA forms, and Word files with macros,
/// ActiveX, OLE objects or links that fetch something by themselves (remote templates, linked images and objects).
/// </summary>
public static class ActiveContent
{
    /// <summary>How far into a file browsers and viewers sniff for markup.</summary>
    public const int SniffedBytes = 1024;

    /// <summary>An object stream must not unpack beyond this; more is refused as a bomb, not scanned.</summary>
    public const long MaxInflatedBytes = 64L * 1024 * 1024;

    private static readonly string[] HtmlMarkers =
        ["<html", "<head", "<body", "<script", "<!doctype", "<svg", "<iframe", "<object", "<embed", "<meta", "<?xml-stylesheet"];

    /// <summary>PDF names that start scripts, run programs, carry other files or interactive (XFA) forms.</summary>
    private static readonly HashSet<string> ActivePdfNames =
        ["JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA", "SubmitForm", "ImportData", "GoToE"];

    public static void RefuseMarkup(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, SniffedBytes));
        if (HtmlMarkers.Any(marker => head.Contains(marker, StringComparison.OrdinalIgnoreCase)))
        {
            throw new UploadRejectedException("文件开头含有网页代码（HTML/脚本），可能是伪装成文档的网页，已拒绝。请重新导出为标准的PDF或Word文件后上传。");
        }
    }

    /// <summary>
    /// Scans every name outside stream data, and inside every object stream (where compressed objects hide their
    /// names), after undoing #xx escapes. An object stream it cannot unpack is refused: what cannot be read is not accepted.
    /// </summary>
    public static void RefuseActivePdf(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        long inflated = 0;
        var at = 0;
        while (at < bytes.Length)
        {
            var keyword = StreamKeyword(bytes, at);
            var end = keyword < 0 ? bytes.Length : keyword;
            RefuseActiveNames(bytes.AsSpan(at, end - at));
            if (keyword < 0)
            {
                return;
            }

            var dictionaryStart = bytes.AsSpan(at, keyword - at).LastIndexOf("obj"u8);
            var dictionary = Names(bytes.AsSpan(dictionaryStart < 0 ? at : at + dictionaryStart, keyword - (dictionaryStart < 0 ? at : at + dictionaryStart)));
            var dataStart = keyword + "stream".Length;
            while (dataStart < bytes.Length && bytes[dataStart] == (byte)' ')
            {
                dataStart++;
            }

            dataStart += bytes.AsSpan(dataStart).StartsWith("\r\n"u8) ? 2 : dataStart < bytes.Length && bytes[dataStart] is (byte)'\r' or (byte)'\n' ? 1 : 0;

            var endstream = bytes.AsSpan(dataStart).IndexOf("endstream"u8);
            var dataEnd = endstream < 0 ? bytes.Length : dataStart + endstream;
            if (dictionary.Contains("First") || dictionary.Contains("ObjStm"))
            {
                inflated += ScanObjectStream(bytes.AsSpan(dataStart, dataEnd - dataStart), dictionary, MaxInflatedBytes - inflated);
            }
            else if (!dictionary.Contains("Filter") && !dictionary.Contains("Image"))
            {
                // Unfiltered streams are plain text to a reader too; images are skipped (their bytes are not PDF syntax).
                RefuseActiveNames(bytes.AsSpan(dataStart, dataEnd - dataStart));
            }

            at = endstream < 0 ? bytes.Length : dataEnd + "endstream".Length;
        }
    }

    /// <summary>Relationships that reach outside the file, and parts that hold code.</summary>
    public static void RefuseActiveDocx(ZipArchive zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName.ToLowerInvariant();
            if (name.Contains("vbaproject", StringComparison.Ordinal) || name.Contains("vbadata", StringComparison.Ordinal)
                || name.Contains("activex", StringComparison.Ordinal))
            {
                throw new UploadRejectedException("Word文件含有宏或ActiveX控件，已拒绝。请另存为不含宏的.docx文件或PDF后上传。");
            }

            if (name.Contains("embeddings/", StringComparison.Ordinal) && name.EndsWith(".bin", StringComparison.Ordinal))
            {
                throw new UploadRejectedException("Word文件含有嵌入的OLE对象，已拒绝。请删除该对象或另存为PDF后上传。");
            }

            if (name == "[content_types].xml")
            {
                using var reader = new StreamReader(entry.Open());
                if (reader.ReadToEnd().Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
                {
                    throw new UploadRejectedException("Word文件含有宏或ActiveX控件，已拒绝。请另存为不含宏的.docx文件或PDF后上传。");
                }
            }

            if (name.EndsWith(".rels", StringComparison.Ordinal))
            {
                CheckRelationships(entry);
            }
        }
    }

    private static void CheckRelationships(ZipArchiveEntry entry)
    {
        using var reader = XmlReader.Create(entry.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship")
            {
                continue;
            }

            var type = reader.GetAttribute("Type") ?? "";
            if (type.EndsWith("/vbaProject", StringComparison.OrdinalIgnoreCase) || type.EndsWith("/control", StringComparison.OrdinalIgnoreCase)
                || type.Contains("activeX", StringComparison.OrdinalIgnoreCase))
            {
                throw new UploadRejectedException("Word文件含有宏或ActiveX控件，已拒绝。请另存为不含宏的.docx文件或PDF后上传。");
            }

            if (type.EndsWith("/oleObject", StringComparison.OrdinalIgnoreCase) && !IsExternal(reader))
            {
                throw new UploadRejectedException("Word文件含有嵌入的OLE对象，已拒绝。请删除该对象或另存为PDF后上传。");
            }

            // A web or mail link only acts when clicked; anything else external (a remote template, a linked image,
            // OLE link or file:// and \\server links that leak the reader's credentials) is fetched or opened by Word.
            if (IsExternal(reader) && !(type.EndsWith("/hyperlink", StringComparison.OrdinalIgnoreCase) && IsWebLink(reader.GetAttribute("Target"))))
            {
                throw new UploadRejectedException("Word文件含有外部链接（如远程模板、链接到其他文件的图片或对象），已拒绝。请删除这些链接或另存为PDF后上传。");
            }
        }
    }

    private static bool IsExternal(XmlReader reader) =>
        string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase);

    private static bool IsWebLink(string? target) =>
        Uri.TryCreate(target?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";

    private static long ScanObjectStream(ReadOnlySpan<byte> data, HashSet<string> dictionary, long budget)
    {
        if (!dictionary.Contains("Filter"))
        {
            RefuseActiveNames(data);
            return 0;
        }

        var filters = dictionary.Where(n => n.EndsWith("Decode", StringComparison.Ordinal)).ToList();
        if (filters is not ["FlateDecode"] || dictionary.Contains("Predictor") || dictionary.Contains("Crypt"))
        {
            throw Uninspectable();
        }

        byte[] plain;
        try
        {
            using var input = new ZLibStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                if (output.Length + read > budget)
                {
                    throw new UploadRejectedException("PDF文件内部的压缩数据解压后异常巨大，已拒绝。");
                }

                output.Write(buffer, 0, read);
            }

            plain = output.ToArray();
        }
        catch (InvalidDataException)
        {
            throw Uninspectable();
        }

        RefuseActiveNames(plain);
        return plain.Length;
    }

    private static UploadRejectedException Uninspectable() =>
        new("PDF文件使用了无法检查的内部压缩方式，已拒绝。请用“打印为PDF”或“另存为PDF”重新生成后上传。");

    private static void RefuseActiveNames(ReadOnlySpan<byte> pdf)
    {
        foreach (var name in Names(pdf))
        {
            if (ActivePdfNames.Contains(name))
            {
                throw new UploadRejectedException($"PDF文件含有脚本、自动执行的操作、附件或交互表单等活动内容（/{name}），已拒绝。请用“打印为PDF”或“另存为PDF”重新生成后上传。");
            }
        }
    }

    /// <summary>A "stream" keyword right after a dictionary's "&gt;&gt;" (so not the tail of "endstream"), or -1.</summary>
    private static int StreamKeyword(byte[] bytes, int from)
    {
        var at = from;
        while (true)
        {
            var found = bytes.AsSpan(at).IndexOf("stream"u8);
            if (found < 0)
            {
                return -1;
            }

            var index = at + found;
            var before = index - 1;
            while (before >= 0 && IsSpace(bytes[before]))
            {
                before--;
            }

            if (before >= 1 && bytes[before] == (byte)'>' && bytes[before - 1] == (byte)'>')
            {
                return index;
            }

            at = index + "stream".Length;
        }
    }

    /// <summary>Every name object (/Name) in the bytes, with #xx escapes decoded as a PDF reader decodes them.</summary>
    private static HashSet<string> Names(ReadOnlySpan<byte> pdf)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var name = new StringBuilder();
        for (var i = 0; i < pdf.Length; i++)
        {
            if (pdf[i] != (byte)'/')
            {
                continue;
            }

            name.Clear();
            var j = i + 1;
            for (; j < pdf.Length && !IsDelimiterOrSpace(pdf[j]); j++)
            {
                if (pdf[j] == (byte)'#' && j + 2 < pdf.Length && IsHex(pdf[j + 1]) && IsHex(pdf[j + 2]))
                {
                    name.Append((char)Convert.ToByte(Encoding.ASCII.GetString(pdf.Slice(j + 1, 2)), 16));
                    j += 2;
                }
                else
                {
                    name.Append((char)pdf[j]);
                }
            }

            names.Add(name.ToString());
            i = j - 1;
        }

        return names;
    }

    private static bool IsSpace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiterOrSpace(byte b) =>
        IsSpace(b) || b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']'
            or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
