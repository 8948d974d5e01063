using System.Buffers.Binary;
using System.Security.Cryptography;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Reports;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>
/// Evidence (佐证材料) is judged by its bytes, like report uploads: PDF and DOCX through <see cref="UploadedDocument"/>,
/// JPEG and PNG by their signature and a readable image header with sane dimensions. Anything else is refused.
/// </summary>
public static class EvidenceFile
{
    public const string PngType = "image/png";
    public const string JpegType = "image/jpeg";

    /// <summary>Larger images are refused: decoding them for display could exhaust memory (a decompression bomb).</summary>
    public const long MaxPixels = 60_000_000;

    private const int MaxSide = 20_000;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];

    public static (string FileName, string ContentType) Inspect(string? originalName, byte[] bytes, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > maxBytes)
        {
            throw new UploadRejectedException($"文件大小超过{maxBytes / 1024 / 1024}MB的限制，请压缩后再上传。");
        }

        ActiveContent.RefuseMarkup(bytes);
        if (bytes.AsSpan().StartsWith(PngSignature))
        {
            CheckSize(PngSize(bytes));
            return (UploadedDocument.SafeName(originalName, ".png", "佐证材料"), PngType);
        }

        if (bytes.AsSpan().StartsWith(JpegSignature))
        {
            CheckSize(JpegSize(bytes));
            return (UploadedDocument.SafeName(originalName, ".jpg", "佐证材料"), JpegType);
        }

        try
        {
            var document = UploadedDocument.Inspect(originalName, bytes, maxBytes);
            return (UploadedDocument.SafeName(originalName, document.IsPdf ? ".pdf" : ".docx", "佐证材料"), document.ContentType);
        }
        catch (UploadRejectedException ex) when (ex.Reason == UploadRejection.UnknownFormat)
        {
            throw new UploadRejectedException("佐证材料只接受PDF、Word（.docx）、JPEG或PNG文件。所选文件的内容不是这些格式（与文件扩展名无关）。", UploadRejection.UnknownFormat);
        }
    }

    public static bool IsImage(string contentType) => contentType is PngType or JpegType;

    /// <summary>The IHDR chunk must come first and carry the width and height; the file must end with IEND.</summary>
    private static (int Width, int Height) PngSize(byte[] bytes)
    {
        if (bytes.Length < 8 + 25 + 12
            || BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8)) != 13
            || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8)
            || !bytes.AsSpan(bytes.Length - 8, 4).SequenceEqual("IEND"u8))
        {
            throw new UploadRejectedException("PNG图片已损坏，无法打开。");
        }

        return ((int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)), int.MaxValue),
            (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20)), int.MaxValue));
    }

    /// <summary>Walks the JPEG segments up to the first start-of-frame (SOFn), which holds the height and width.</summary>
    private static (int Width, int Height) JpegSize(byte[] bytes)
    {
        var at = 2;
        while (at + 4 <= bytes.Length)
        {
            if (bytes[at] != 0xFF)
            {
                break;
            }

            var marker = bytes[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                at += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at + 2));
            var isFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame && length >= 7 && at + 9 <= bytes.Length)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at + 7)), BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at + 5)));
            }

            if (marker == 0xDA || length < 2)
            {
                break;
            }

            at += 2 + length;
        }

        throw new UploadRejectedException("JPEG图片已损坏，无法打开。");
    }

    private static void CheckSize((int Width, int Height) size)
    {
        if (size.Width is <= 0 or > MaxSide || size.Height is <= 0 or > MaxSide || (long)size.Width * size.Height > MaxPixels)
        {
            throw new UploadRejectedException("图片尺寸异常（过大或为零），请调整后再上传。");
        }
    }
}

/// <summary>Reads uploaded evidence within the size limit and turns it into stored, checked files.</summary>
public sealed class EvidenceFiles(IConfiguration configuration, TimeProvider clock)
{
    public const int DefaultMaxMegabytes = 10;

    public long MaxBytes => MaxBytesIn(configuration);

    public static long MaxBytesIn(IConfiguration configuration) => configuration.GetValue("Uploads:EvidenceMaxMegabytes", DefaultMaxMegabytes) * 1024L * 1024L;

    public async Task<List<ReportFile>> ReadAsync(IReadOnlyCollection<IFormFile> files, Guid uploadedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var stored = new List<ReportFile>();
        foreach (var file in files.Where(f => f.Length > 0 || f.FileName.Length > 0))
        {
            if (file.Length == 0)
            {
                throw new UploadRejectedException($"“{file.FileName}”是空文件，请重新选择。");
            }

            if (file.Length > MaxBytes)
            {
                throw new UploadRejectedException($"“{file.FileName}”超过{MaxBytes / 1024 / 1024}MB的限制，请压缩后再上传。");
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            var bytes = buffer.ToArray();
            try
            {
                var (name, type) = EvidenceFile.Inspect(file.FileName, bytes, MaxBytes);
                stored.Add(new ReportFile
                {
                    FileName = name,
                    ContentType = type,
                    Size = bytes.Length,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                    Content = bytes,
                    UploadedBy = uploadedBy,
                    UploadedAt = clock.GetUtcNow(),
                });
            }
            catch (UploadRejectedException ex)
            {
                throw new UploadRejectedException($"“{UploadedDocument.SafeName(file.FileName, Path.GetExtension(file.FileName), "文件")}”：{ex.Message}");
            }
        }

        return stored;
    }
}
