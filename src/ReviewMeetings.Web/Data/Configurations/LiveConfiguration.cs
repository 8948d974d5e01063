using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Live;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Web.Data.Configurations;

internal sealed class MeetingProgressConfiguration : IEntityTypeConfiguration<MeetingProgress>
{
    public void Configure(EntityTypeBuilder<MeetingProgress> builder)
    {
        builder.ToTable("meeting_progress");
        builder.HasKey(p => p.MeetingId);
        builder.Property(p => p.MeetingId).ValueGeneratedNever();
        builder.Property(p => p.Version).IsRowVersion();
        builder.Property(p => p.ProjectorToken).HasMaxLength(MeetingProgress.ProjectorTokenLength).IsFixedLength();
        builder.HasIndex(p => p.ProjectorToken).IsUnique();
        builder.HasOne<Meeting>().WithOne().HasForeignKey<MeetingProgress>(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.Timer);
        builder.OwnsMany(p => p.Speeches, s =>
        {
            s.ToTable("speeches");
            s.WithOwner().HasForeignKey("MeetingId");
            s.HasKey("MeetingId", nameof(Speech.ReporterId));
            s.Property(x => x.ReporterId).ValueGeneratedNever();
        });
        builder.Navigation(p => p.Speeches).HasField("_speeches").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("comments");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Version).IsRowVersion();
        builder.Property(c => c.Achievements).HasMaxLength(Comment.TextMaxLength);
        builder.Property(c => c.Expectations).HasMaxLength(Comment.TextMaxLength);
        builder.Property(c => c.RepresentativeName).HasMaxLength(Comment.NameMaxLength);
        builder.Property(c => c.RepresentativeIdentity).HasMaxLength(Comment.IdentityMaxLength);
        builder.PrimitiveCollection(c => c.Problems).HasField("_problems").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.IsEmpty);
        builder.HasIndex(c => c.MeetingId);
        // One comment per leader per reporter: two devices of the same leader edit the same row.
        builder.HasIndex(c => new { c.ReporterId, c.LeaderId }).IsUnique().HasFilter("leader_id IS NOT NULL");
        builder.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Reporter>().WithMany().HasForeignKey(c => c.ReporterId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(c => c.History, h =>
        {
            h.ToTable("comment_revisions");
            h.WithOwner().HasForeignKey("CommentId");
            h.HasKey(r => r.Id);
            h.Property(r => r.Id).ValueGeneratedNever();
            h.Property(r => r.Reason).HasMaxLength(CommentRevision.ReasonMaxLength);
            h.Property(r => r.Achievements).HasMaxLength(Comment.TextMaxLength);
            h.Property(r => r.Expectations).HasMaxLength(Comment.TextMaxLength);
            h.PrimitiveCollection(r => r.Problems).HasField("_problems").UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        builder.Navigation(c => c.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
