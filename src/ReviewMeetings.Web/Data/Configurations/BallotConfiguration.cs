using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Web.Data.Configurations;

internal sealed class BallotCodeConfiguration : IEntityTypeConfiguration<BallotCode>
{
    public void Configure(EntityTypeBuilder<BallotCode> builder)
    {
        builder.ToTable("ballot_codes");
        // Every code is updated once (used or voided). With half of each page free, PostgreSQL can write the new row
        // version on the same page without touching the three indexes (a HOT update): casting a ballot cost about a
        // fifth less database time than with full pages (docs/performance.md).
        builder.HasStorageParameter("fillfactor", 50);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.GroupKey).HasMaxLength(64);
        builder.Property(c => c.Hash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(c => c.Hash).IsUnique();
        builder.HasIndex(c => new { c.MeetingId, c.GroupKey });
        builder.HasIndex(c => c.BatchId);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<BallotCodeBatch>().WithMany().HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Batches of codes (ADR 0014): the id comes from the issuing form, so its primary key makes issuing idempotent.</summary>
internal sealed class BallotCodeBatchConfiguration : IEntityTypeConfiguration<BallotCodeBatch>
{
    public void Configure(EntityTypeBuilder<BallotCodeBatch> builder)
    {
        builder.ToTable("ballot_code_batches");
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.GroupKey).HasMaxLength(64);
        builder.Property(b => b.VoidReason).HasMaxLength(BallotCodeBatch.ReasonMaxLength);
        builder.Property(b => b.Version).IsRowVersion();
        builder.Ignore(b => b.Voided);
        builder.HasIndex(b => b.MeetingId);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(b => b.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Ballots: random key, meeting, group and marks; the table has no column that could tie a ballot to a voter.</summary>
internal sealed class BallotConfiguration : IEntityTypeConfiguration<Ballot>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored form of a ballot's marks, for EF Core and for the ballot box's own statement alike.</summary>
    public static string GradesJson(Dictionary<Guid, string?> grades) => JsonSerializer.Serialize(grades, Json);

    public void Configure(EntityTypeBuilder<Ballot> builder)
    {
        builder.ToTable("ballots");
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.GroupKey).HasMaxLength(64);
        builder.HasIndex(b => b.MeetingId);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(b => b.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(b => b.Grades)
            .HasColumnType("jsonb")
            .HasConversion(
                grades => GradesJson(grades),
                json => JsonSerializer.Deserialize<Dictionary<Guid, string?>>(json, Json) ?? new Dictionary<Guid, string?>(),
                new ValueComparer<Dictionary<Guid, string?>>(
                    (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                    d => JsonSerializer.Serialize(d, Json).GetHashCode(StringComparison.Ordinal),
                    d => new Dictionary<Guid, string?>(d)));
    }
}

/// <summary>The inbox of cast phone ballots, sealed, waiting to be mixed (ADR 0011).</summary>
internal sealed class InboxBallotConfiguration : IEntityTypeConfiguration<InboxBallot>
{
    public void Configure(EntityTypeBuilder<InboxBallot> builder)
    {
        builder.ToTable("ballot_inbox");
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.HasIndex(b => b.MeetingId);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(b => b.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BallotSealConfiguration : IEntityTypeConfiguration<BallotSeal>
{
    public void Configure(EntityTypeBuilder<BallotSeal> builder)
    {
        builder.ToTable("ballot_seals");
        builder.HasKey(s => s.MeetingId);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}
