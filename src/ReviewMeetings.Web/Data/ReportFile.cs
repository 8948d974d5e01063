namespace ReviewMeetings.Web.Data;

/// <summary>
/// An uploaded file's bytes, kept apart from the report metadata so listing reports never loads file contents.
/// </summary>
public sealed class ReportFile
{
    public const int FileNameMaxLength = 120;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public long Size { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content, for integrity checks and spotting identical uploads.</summary>
    public required string Sha256 { get; init; }

    public required byte[] Content { get; init; }

    public Guid UploadedBy { get; init; }

    public DateTimeOffset UploadedAt { get; init; }
}
