using System.Security.Cryptography;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Reports;

/// <summary>Reads an uploaded form file within the configured size limit and turns it into a stored, checked file.</summary>
public sealed class ReportFiles(IConfiguration configuration, TimeProvider clock)
{
    public const int DefaultMaxMegabytes = 20;

    public long MaxBytes => MaxBytesIn(configuration);

    public static long MaxBytesIn(IConfiguration configuration) => configuration.GetValue("Uploads:MaxMegabytes", DefaultMaxMegabytes) * 1024L * 1024L;

    public async Task<ReportFile> ReadAsync(IFormFile file, Guid uploadedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length > MaxBytes)
        {
            throw new UploadRejectedException($"文件大小超过{MaxBytes / 1024 / 1024}MB的限制，请压缩后再上传。");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var document = UploadedDocument.Inspect(file.FileName, bytes, MaxBytes);
        return new ReportFile
        {
            FileName = document.FileName,
            ContentType = document.ContentType,
            Size = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = bytes,
            UploadedBy = uploadedBy,
            UploadedAt = clock.GetUtcNow(),
        };
    }
}
