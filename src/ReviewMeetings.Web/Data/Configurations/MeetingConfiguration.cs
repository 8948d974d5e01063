using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Web.Data.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("meetings");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Title).HasMaxLength(Meeting.TitleMaxLength);
        builder.Property(m => m.MainVenue).HasMaxLength(Meeting.VenueMaxLength);
        builder.Property(m => m.Host).HasMaxLength(Meeting.HostMaxLength);
        builder.Property(m => m.LeaderRequirements).HasMaxLength(Meeting.LeaderRequirementsMaxLength);
        builder.Property(m => m.Version).IsRowVersion();
        builder.Property(m => m.CommentsReopenReason).HasMaxLength(Meeting.CommentsReopenReasonMaxLength);
        builder.HasIndex(m => new { m.OrganizationId, m.ReviewYear });
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);

        builder.PrimitiveCollection(m => m.SubVenues).HasField("_subVenues").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.PrimitiveCollection(m => m.LeaderIds).HasField("_leaderIds").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.PrimitiveCollection(m => m.CoverageCategories).HasField("_coverageCategories")
            .UsePropertyAccessMode(PropertyAccessMode.Field).ElementType(e => e.HasConversion<string>());
        builder.PrimitiveCollection(m => m.CoverageTypes).HasField("_coverageTypes")
            .UsePropertyAccessMode(PropertyAccessMode.Field).ElementType(e => e.HasConversion<string>());

        builder.Property(m => m.EvaluationRules)
            .HasConversion(rules => EvaluationRulesJson.Write(rules), json => EvaluationRulesJson.Read(json), EvaluationRulesJson.Comparer)
            .HasColumnType("jsonb");
        builder.OwnsMany(m => m.Guidance, g => g.ToJson("guidance"))
            .Navigation(m => m.Guidance).HasField("_guidance").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(m => m.Exclusions, e => e.ToJson("exclusions"))
            .Navigation(m => m.Exclusions).HasField("_exclusions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(m => m.LotteryHistory, l =>
            {
                l.ToJson("lottery_history");
                l.Property(d => d.Reason).HasMaxLength(LotteryRecord.ReasonMaxLength);
            })
            .Navigation(m => m.LotteryHistory).HasField("_lotteryHistory").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsOne(m => m.Lottery, l =>
        {
            l.Property(d => d.Seed).HasColumnName("lottery_seed");
            l.Property(d => d.DrawnBy).HasColumnName("lottery_drawn_by");
            l.Property(d => d.DrawnAt).HasColumnName("lottery_drawn_at");
        });

        builder.HasMany(m => m.Reporters).WithOne().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Reporters).HasField("_reporters").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(m => m.Agenda).WithOne().HasForeignKey("MeetingId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Agenda).HasField("_agenda").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(m => m.Attendance).WithOne().HasForeignKey("MeetingId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Attendance).HasField("_attendance").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(m => m.StatusChanges).WithOne().HasForeignKey("MeetingId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.StatusChanges).HasField("_statusChanges").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReporterConfiguration : IEntityTypeConfiguration<Reporter>
{
    public void Configure(EntityTypeBuilder<Reporter> builder)
    {
        builder.ToTable("reporters");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.UnitName).HasMaxLength(Organization.NameMaxLength);
        builder.Property(r => r.SecretaryName).HasMaxLength(Secretary.NameMaxLength);
        builder.Property(r => r.SecretaryTitle).HasMaxLength(Secretary.TitleMaxLength);
        builder.HasIndex(r => new { r.MeetingId, r.OrganizationId }).IsUnique();
        builder.HasIndex(r => r.OrganizationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.ToTable("agenda_items");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Title).HasMaxLength(AgendaItem.TitleMaxLength);
    }
}

internal sealed class AttendanceGroupConfiguration : IEntityTypeConfiguration<AttendanceGroup>
{
    public void Configure(EntityTypeBuilder<AttendanceGroup> builder)
    {
        builder.ToTable("attendance_groups");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Name).HasMaxLength(AttendanceGroup.NameMaxLength);
    }
}

internal sealed class StatusChangeConfiguration : IEntityTypeConfiguration<StatusChange>
{
    public void Configure(EntityTypeBuilder<StatusChange> builder)
    {
        builder.ToTable("meeting_status_changes");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Reason).HasMaxLength(200);
    }
}
