using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Domain.Rectification;

namespace ReviewMeetings.Web.Data.Configurations;

internal sealed class RectificationItemConfiguration : IEntityTypeConfiguration<RectificationItem>
{
    public void Configure(EntityTypeBuilder<RectificationItem> builder)
    {
        builder.ToTable("rectification_items");
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Version).IsRowVersion();
        builder.Property(i => i.Text).HasMaxLength(RectificationItem.TextMaxLength);
        builder.Property(i => i.Category).HasMaxLength(RectificationItem.CategoryMaxLength);
        builder.Property(i => i.Measures).HasMaxLength(RectificationItem.PlanFieldMaxLength);
        builder.Property(i => i.ResponsiblePerson).HasMaxLength(RectificationItem.PersonMaxLength);
        builder.Property(i => i.Target).HasMaxLength(RectificationItem.PlanFieldMaxLength);
        builder.Property(i => i.PlanReturnReason).HasMaxLength(RectificationItem.ReasonMaxLength);
        builder.Property(i => i.RejectionReason).HasMaxLength(RectificationItem.ReasonMaxLength);
        builder.HasIndex(i => i.MeetingId);
        builder.HasIndex(i => i.ReporterId);
        builder.HasIndex(i => new { i.OrganizationId, i.Deadline });
        builder.HasOne<Meeting>().WithMany().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Reporter>().WithMany().HasForeignKey(i => i.ReporterId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(i => i.Sources, s =>
        {
            s.ToTable("rectification_sources");
            s.WithOwner().HasForeignKey("ItemId");
            s.HasKey(x => x.Id);
            s.Property(x => x.Id).ValueGeneratedNever();
            s.Property(x => x.Author).HasMaxLength(ProblemSource.AuthorMaxLength);
            s.Property(x => x.OriginalText).HasMaxLength(RectificationItem.TextMaxLength);
        });
        builder.Navigation(i => i.Sources).HasField("_sources").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(i => i.Updates, u =>
        {
            u.ToTable("rectification_updates");
            u.WithOwner().HasForeignKey("ItemId");
            u.HasKey(x => x.Id);
            u.Property(x => x.Id).ValueGeneratedNever();
            u.Property(x => x.Text).HasMaxLength(RectificationItem.UpdateMaxLength);
        });
        builder.Navigation(i => i.Updates).HasField("_updates").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(i => i.History, h =>
        {
            h.ToTable("rectification_changes");
            h.WithOwner().HasForeignKey("ItemId");
            h.HasKey(x => x.Id);
            h.Property(x => x.Id).ValueGeneratedNever();
            h.Property(x => x.Detail).HasMaxLength(ItemChange.DetailMaxLength);
        });
        builder.Navigation(i => i.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RectificationReminderConfiguration : IEntityTypeConfiguration<RectificationReminder>
{
    public void Configure(EntityTypeBuilder<RectificationReminder> builder)
    {
        builder.ToTable("rectification_reminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Text).HasMaxLength(RectificationReminder.TextMaxLength);
        builder.Property(r => r.SenderName).HasMaxLength(RectificationReminder.SenderNameMaxLength);
        builder.HasIndex(r => new { r.OrganizationId, r.SentAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.SenderId).OnDelete(DeleteBehavior.SetNull);
    }
}
