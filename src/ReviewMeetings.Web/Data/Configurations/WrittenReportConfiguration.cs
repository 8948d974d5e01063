using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Reports;

namespace ReviewMeetings.Web.Data.Configurations;

internal sealed class WrittenReportConfiguration : IEntityTypeConfiguration<WrittenReport>
{
    public void Configure(EntityTypeBuilder<WrittenReport> builder)
    {
        builder.ToTable("written_reports");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.ReturnReason).HasMaxLength(WrittenReport.ReasonMaxLength);
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasIndex(r => r.ReporterId).IsUnique();
        builder.HasIndex(r => r.MeetingId);
        builder.HasOne<Reporter>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Versions).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReportVersionConfiguration : IEntityTypeConfiguration<ReportVersion>
{
    public void Configure(EntityTypeBuilder<ReportVersion> builder)
    {
        builder.ToTable("report_versions");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasIndex(v => new { v.ReportId, v.Number }).IsUnique();
        builder.HasOne<ReportFile>().WithMany().HasForeignKey(v => v.FileId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsOne(v => v.Content, c =>
        {
            c.Property(x => x.Performance).HasColumnName("performance").HasMaxLength(ReportContent.SectionMaxLength);
            c.Property(x => x.Problems).HasColumnName("problems").HasMaxLength(ReportContent.SectionMaxLength);
            c.Property(x => x.NextSteps).HasColumnName("next_steps").HasMaxLength(ReportContent.SectionMaxLength);
            c.Property(x => x.Rectification).HasColumnName("rectification").HasMaxLength(ReportContent.SectionMaxLength);
        });
    }
}

internal sealed class ReportFileConfiguration : IEntityTypeConfiguration<ReportFile>
{
    public void Configure(EntityTypeBuilder<ReportFile> builder)
    {
        builder.ToTable("report_files");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.FileName).HasMaxLength(ReportFile.FileNameMaxLength);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
    }
}
