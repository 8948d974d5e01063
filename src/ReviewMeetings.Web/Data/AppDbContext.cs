using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Live;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Domain.Reports;

namespace ReviewMeetings.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<OrganizationChange> OrganizationChanges => Set<OrganizationChange>();

    public DbSet<UnitImportUpload> UnitImports => Set<UnitImportUpload>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<Reporter> Reporters => Set<Reporter>();

    public DbSet<WrittenReport> WrittenReports => Set<WrittenReport>();

    public DbSet<ReportVersion> ReportVersions => Set<ReportVersion>();

    public DbSet<ReportFile> ReportFiles => Set<ReportFile>();

    public DbSet<BallotCode> BallotCodes => Set<BallotCode>();

    public DbSet<BallotCodeBatch> BallotCodeBatches => Set<BallotCodeBatch>();

    public DbSet<Ballot> Ballots => Set<Ballot>();

    public DbSet<InboxBallot> BallotInbox => Set<InboxBallot>();

    public DbSet<BallotSeal> BallotSeals => Set<BallotSeal>();

    public DbSet<MeetingProgress> MeetingProgress => Set<MeetingProgress>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<PaperIssue> PaperIssues => Set<PaperIssue>();

    public DbSet<PaperBatch> PaperBatches => Set<PaperBatch>();

    public DbSet<ScoreSheet> ScoreSheets => Set<ScoreSheet>();

    public DbSet<RectificationItem> RectificationItems => Set<RectificationItem>();

    public DbSet<RectificationReminder> RectificationReminders => Set<RectificationReminder>();

    public DbSet<PasswordHistoryEntry> PasswordHistory => Set<PasswordHistoryEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Identity names its tables AspNet*; keep every table in the same snake_case style.
        builder.Entity<AppUser>().ToTable("users");
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Enums are stored as their names so the database stays readable and reorderings are harmless.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
