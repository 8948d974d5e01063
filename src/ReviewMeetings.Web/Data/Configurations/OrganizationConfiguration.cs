using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Web.Data.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(Organization.NameMaxLength);
        builder.Property(o => o.Path).HasMaxLength(Organization.PathMaxLength);
        builder.HasIndex(o => o.Path).IsUnique().HasOperators("text_pattern_ops");
        builder.HasIndex(o => new { o.ParentId, o.Name }).IsUnique();
        builder.Property(o => o.Code).HasMaxLength(Organization.CodeMaxLength);
        builder.HasIndex(o => o.Code).IsUnique().HasFilter("code IS NOT NULL");
        builder.HasOne<Organization>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.Version).IsRowVersion();
        builder.OwnsOne(o => o.Secretary, secretary =>
        {
            secretary.Property(s => s.Name).HasColumnName("secretary_name").HasMaxLength(Secretary.NameMaxLength);
            secretary.Property(s => s.Title).HasColumnName("secretary_title").HasMaxLength(Secretary.TitleMaxLength);
            secretary.Property(s => s.Phone).HasColumnName("secretary_phone").HasMaxLength(Secretary.PhoneMaxLength);
            secretary.Property(s => s.UserId).HasColumnName("secretary_user_id");
            secretary.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}

internal sealed class OrganizationChangeConfiguration : IEntityTypeConfiguration<OrganizationChange>
{
    public void Configure(EntityTypeBuilder<OrganizationChange> builder)
    {
        builder.ToTable("organization_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Description).HasMaxLength(OrganizationChange.DescriptionMaxLength);
        builder.Property(c => c.ActorName).HasMaxLength(OrganizationChange.ActorNameMaxLength);
        builder.HasIndex(c => new { c.OrganizationId, c.At });
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.ActorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class UnitImportUploadConfiguration : IEntityTypeConfiguration<UnitImportUpload>
{
    public void Configure(EntityTypeBuilder<UnitImportUpload> builder)
    {
        builder.ToTable("unit_imports");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.FileName).HasMaxLength(UnitImportUpload.FileNameMaxLength);
        builder.Property(u => u.PlanFingerprint).HasMaxLength(64).IsFixedLength();
        builder.Property(u => u.Summary).HasMaxLength(500);
        builder.Property(u => u.Version).IsRowVersion();
        builder.HasIndex(u => u.CreatedAt);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
