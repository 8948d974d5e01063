namespace ReviewMeetings.Web.Data;

/// <summary>
/// An uploaded unit import file kept between its preview and its apply (批量导入): the bytes, who uploaded it and the
/// fingerprint of the plan the user last saw. Applying consumes it (the bytes are erased and <see cref="AppliedAt"/>
/// set), so a repeated apply changes nothing; rows older than an hour are deleted. After an apply that created
/// accounts, <see cref="SealedAccounts"/> holds their initial passwords under Data Protection for one download of
/// each format within <see cref="UnitImportUpload.AccountsMinutes"/> minutes; then they are erased.
/// </summary>
public sealed class UnitImportUpload
{
    public const int FileNameMaxLength = 120;
    public const int ExpiryHours = 1;
    public const int AccountsMinutes = 10;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string FileName { get; init; }

    public byte[] FileBytes { get; set; } = [];

    /// <summary>Lower-case hex SHA-256 of the plan last shown (<c>UnitImportPlan.Fingerprint</c>).</summary>
    public required string PlanFingerprint { get; set; }

    public DateTimeOffset? AppliedAt { get; set; }

    /// <summary>What the apply did, one line for the result page (e.g. 新建3个，更新2个).</summary>
    public string? Summary { get; set; }

    /// <summary>The new accounts with their initial passwords, protected; null when none or erased.</summary>
    public string? SealedAccounts { get; set; }

    public bool PdfTaken { get; set; }

    public bool ExcelTaken { get; set; }

    /// <summary>PostgreSQL xmin: a second apply or download of the same row loses the race instead of repeating it.</summary>
    public uint Version { get; private set; }
}
