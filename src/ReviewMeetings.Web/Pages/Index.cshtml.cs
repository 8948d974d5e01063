using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Domain.Reports;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;
using ReviewMeetings.Web.Pages.Rectification;

namespace ReviewMeetings.Web.Pages;

/// <summary>The dashboard: what the signed-in user is responsible for, by role.</summary>
[Authorize]
public sealed class IndexModel(OrganizationScope scope, UnitTree tree, MeetingAccess access, RectificationAccess rectification, AppDbContext db, TimeProvider clock) : PageModel
{
    public Role Role { get; private set; }

    public string UnitName { get; private set; } = "";

    public int ActiveUnits { get; private set; }

    public IReadOnlyList<CategoryCount> UnitsByCategory { get; private set; } = [];

    /// <summary>How many units without a secretary the dashboard names; the rest are counted (a city import may leave thousands).</summary>
    public const int UnitsWithoutSecretaryShown = 20;

    /// <summary>The first <see cref="UnitsWithoutSecretaryShown"/> active units without a secretary, in tree order.</summary>
    public IReadOnlyList<UnitRow> UnitsWithoutSecretary { get; private set; } = [];

    public int UnitsWithoutSecretaryCount { get; private set; }

    public int Users { get; private set; }

    public int DisabledUsers { get; private set; }

    public Secretary? OwnSecretary { get; private set; }

    public IReadOnlyList<MeetingRow> Meetings { get; private set; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>Rectification items due soon or overdue; null for roles that get no reminders.</summary>
    public IReadOnlyList<Reminder>? Reminders { get; private set; }

    /// <summary>Reminders staff sent the secretary's unit (整改催办); null for other roles.</summary>
    public IReadOnlyList<UnitReminder>? UnitReminders { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Role = Enum.GetValues<Role>().First(r => User.IsInRole(r.ToString()));
        var root = await scope.RootAsync(cancellationToken);
        UnitName = root.UnitName;
        var units = (await tree.LoadAsync(includeInactive: false, cancellationToken)).Units;
        ActiveUnits = units.Count;
        UnitsByCategory = [.. units.GroupBy(o => o.Category).Select(g => new CategoryCount(g.Key, g.Count()))];
        var withoutSecretary = units.Where(o => o.SecretaryName == null).ToList();
        UnitsWithoutSecretaryCount = withoutSecretary.Count;
        UnitsWithoutSecretary = [.. withoutSecretary.Take(UnitsWithoutSecretaryShown).Select(o => new UnitRow(o.Id, o.Name))];
        OwnSecretary = await db.Organizations.AsNoTracking().Where(o => o.Id == root.UnitId && o.IsActive).Select(o => o.Secretary).SingleOrDefaultAsync(cancellationToken);
        Today = BeijingTime.Today(clock);
        var unitId = root.UnitId;
        Meetings = await (await access.VisibleAsync(cancellationToken))
            .Where(m => m.Status != MeetingStatus.Archived)
            .OrderByDescending(m => m.ReviewYear).ThenBy(m => m.Date)
            .Take(10)
            .Select(m => new MeetingRow(m.Id, m.Title, m.Date, m.Status, m.WrittenReportDeadline,
                m.Reporters.Where(r => r.OrganizationId == unitId).Select(r => (ReportMode?)r.Mode).FirstOrDefault(),
                m.Reporters.Where(r => r.OrganizationId == unitId).Select(r => r.Order).FirstOrDefault(),
                m.Reporters.Where(r => r.OrganizationId == unitId).Select(r => (Guid?)r.Id).FirstOrDefault(),
                db.WrittenReports.Where(w => w.MeetingId == m.Id && w.OrganizationId == unitId && w.Versions.Any())
                    .Select(w => (ReportStatus?)w.Status).FirstOrDefault(),
                m.FeedbackReleasedAt != null))
            .ToListAsync(cancellationToken);
        if (Role is Role.Secretary or Role.Organizer or Role.Administrator)
        {
            Reminders = await Rectification.Reminders.LoadAsync(rectification, db, Today, cancellationToken);
        }

        if (Role == Role.Secretary)
        {
            UnitReminders = await Rectification.UnitReminders.LoadAsync(db, unitId, cancellationToken);
        }

        if (Role == Role.Administrator)
        {
            var users = await scope.UsersAsync(cancellationToken);
            Users = await users.CountAsync(cancellationToken);
            DisabledUsers = await users.CountAsync(u => u.IsDisabled, cancellationToken);
        }
    }

    public sealed record CategoryCount(OrganizationCategory Category, int Count);

    public sealed record UnitRow(Guid Id, string Name);

    public sealed record MeetingRow(
        Guid Id, string Title, DateOnly? Date, MeetingStatus Status, DateOnly? Deadline, ReportMode? OwnMode, int? OwnOrder,
        Guid? OwnReporterId, ReportStatus? OwnReportStatus, bool FeedbackReleased);
}
