using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace ReviewMeetings.Web.Pages.Reports;

/// <summary>
/// Decides what an upload really is from its bytes, never from its name: a PDF that parses, or a Word (OOXML)
/// document that opens, and neither holding active content (<see cref="ActiveContent"/>). Anything else is refused with a Chinese reason.
/// </summary>
public sealed record UploadedDocument(string FileName, string ContentType, bool IsPdf)
{
    public const string PdfType = "application/pdf";
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const long MaxUnpackedBytes = 200L * 1024 * 1024;
    private const int MaxEntries = 2000;
    private const int MaxCompressionRatio = 100;

    public static UploadedDocument Inspect(string? originalName, byte[] bytes, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new UploadRejectedException("文件是空的，请重新选择。");
        }

        if (bytes.Length > maxBytes)
        {
            throw new UploadRejectedException($"文件大小超过{maxBytes / 1024 / 1024}MB的限制，请压缩后再上传。");
        }

        ActiveContent.RefuseMarkup(bytes);
        if (StartsWith(bytes, "%PDF-"u8))
        {
            CheckPdf(bytes);
            ActiveContent.RefuseActivePdf(bytes);
            return new UploadedDocument(SafeName(originalName, ".pdf"), PdfType, IsPdf: true);
        }

        if (StartsWith(bytes, [0xD0, 0xCF, 0x11, 0xE0]))
        {
            throw new UploadRejectedException("这是旧版Word（.doc）或已加密的Office文件，请另存为未加密的.docx或PDF后上传。");
        }

        if (StartsWith(bytes, "PK\x03\x04"u8))
        {
            CheckDocx(bytes);
            return new UploadedDocument(SafeName(originalName, ".docx"), DocxType, IsPdf: false);
        }

        throw new UploadRejectedException("只接受PDF或Word（.docx）文件。所选文件的内容不是这两种格式（与文件扩展名无关）。", UploadRejection.UnknownFormat);
    }

    /// <summary>A file name safe to store and to send back: no folders, no control characters, no symbols beyond the usual.</summary>
    public static string SafeName(string? originalName, string extension, string fallback = "述职报告")
    {
        ArgumentNullException.ThrowIfNull(extension);
        var name = Path.GetFileNameWithoutExtension((originalName ?? "").Replace('\\', '/').Split('/').Last());
        var kept = new StringBuilder();
        foreach (var rune in name.EnumerateRunes())
        {
            var isWordCharacter = Rune.IsLetterOrDigit(rune) || rune.Value is '-' or '_' or ' ' or '(' or ')' or '（' or '）' or '、';
            kept.Append(isWordCharacter ? rune.ToString() : "_");
        }

        var cleaned = kept.ToString().Trim(' ', '_', '.');
        if (cleaned.Length == 0)
        {
            cleaned = fallback;
        }

        var limit = Data.ReportFile.FileNameMaxLength - extension.Length;
        return (cleaned.Length > limit ? cleaned[..limit] : cleaned) + extension;
    }

    private static void CheckPdf(byte[] bytes)
    {
        try
        {
            using var document = PdfDocument.Open(bytes);
            if (document.NumberOfPages < 1)
            {
                throw new UploadRejectedException("PDF文件没有页面。");
            }

            _ = document.GetPage(1).Text;
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new UploadRejectedException("PDF文件已加密，请取消密码保护后再上传。");
        }
        catch (Exception ex) when (ex is not UploadRejectedException)
        {
            throw new UploadRejectedException("PDF文件已损坏，无法打开。");
        }
    }

    private static void CheckDocx(byte[] bytes)
    {
        try
        {
            // Look inside the zip before any library unpacks it, so a zip bomb is refused cheaply.
            using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
            {
                if (zip.Entries.Count > MaxEntries)
                {
                    throw new UploadRejectedException("文件结构异常（包含的部件过多），已拒绝。");
                }

                long total = 0;
                foreach (var entry in zip.Entries)
                {
                    total += entry.Length;
                    if (total > MaxUnpackedBytes || (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > MaxCompressionRatio))
                    {
                        throw new UploadRejectedException("文件解压后异常巨大（疑似压缩炸弹），已拒绝。");
                    }
                }

                ActiveContent.RefuseActiveDocx(zip);
            }

            using var document = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);
            if (document.MainDocumentPart?.Document?.Body is null)
            {
                throw new UploadRejectedException("这不是Word文档（.docx），请上传PDF或Word文件。");
            }
        }
        catch (UploadRejectedException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or OpenXmlPackageException or IOException or InvalidOperationException or System.Xml.XmlException)
        {
            throw new UploadRejectedException("Word文件已损坏，无法打开，请重新保存后上传。");
        }
    }

    private static bool StartsWith(byte[] bytes, ReadOnlySpan<byte> prefix) => bytes.AsSpan().StartsWith(prefix);
}

/// <summary>Why an upload was refused, where a caller acts on the reason rather than only showing the message.</summary>
public enum UploadRejection
{
    /// <summary>Damaged, too large, active content and the like.</summary>
    Invalid,

    /// <summary>The bytes are none of the accepted formats.</summary>
    UnknownFormat,
}

public sealed class UploadRejectedException : Exception
{
    public UploadRejectedException(string message)
        : base(message)
    {
    }

    public UploadRejectedException(string message, UploadRejection reason)
        : base(message)
    {
        Reason = reason;
    }

    public UploadRejectedException()
    {
    }

    public UploadRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UploadRejection Reason { get; }
}
