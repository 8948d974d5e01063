using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Web.Data.Configurations;

internal sealed class PaperIssueConfiguration : IEntityTypeConfiguration<PaperIssue>
{
    public void Configure(EntityTypeBuilder<PaperIssue> builder)
    {
        builder.ToTable("paper_issues");
        builder.HasKey(p => new { p.MeetingId, p.GroupKey });
        builder.Property(p => p.GroupKey).HasMaxLength(64);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasOne<Meeting>().WithMany().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Paper batches and their entries. Entries (ordered, one side per clerk) are deleted when the batch is counted;
/// the batch row keeps only its group, size, clerks and state, never the marks.
/// </summary>
internal sealed class PaperBatchConfiguration : IEntityTypeConfiguration<PaperBatch>
{
    public void Configure(EntityTypeBuilder<PaperBatch> builder)
    {
        builder.ToTable("paper_batches");
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.GroupKey).HasMaxLength(64);
        builder.Property(b => b.Version).IsRowVersion();
        builder.HasIndex(b => new { b.MeetingId, b.Number }).IsUnique();
        builder.HasOne<Meeting>().WithMany().HasForeignKey(b => b.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(b => b.Entries).WithOne().HasForeignKey(e => e.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Entries).HasField("_entries").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PaperEntryConfiguration : IEntityTypeConfiguration<PaperEntry>
{
    public void Configure(EntityTypeBuilder<PaperEntry> builder)
    {
        builder.ToTable("paper_entries");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => new { e.BatchId, e.Side, e.Position });
    }
}

internal sealed class ScoreSheetConfiguration : IEntityTypeConfiguration<ScoreSheet>
{
    public void Configure(EntityTypeBuilder<ScoreSheet> builder)
    {
        builder.ToTable("score_sheets");
        builder.HasKey(s => s.MeetingId);
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasOne<Meeting>().WithOne().HasForeignKey<ScoreSheet>(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(s => s.Scores, score =>
        {
            score.ToTable("part_scores");
            score.WithOwner().HasForeignKey("MeetingId");
            score.HasKey("MeetingId", nameof(PartScore.ReporterId), nameof(PartScore.PartKey));
            score.Property(p => p.PartKey).HasMaxLength(PartScore.PartKeyMaxLength);
            score.Property(p => p.Score).HasPrecision(5, 2);
            score.HasOne<Reporter>().WithMany().HasForeignKey(p => p.ReporterId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Navigation(s => s.Scores).HasField("_scores").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
