using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Reports;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Reports;

/// <summary>The secretary's meetings: mode, date, deadline with days left, and where their report stands.</summary>
[Authorize(Roles = RoleNames.Secretary)]
public sealed class IndexModel(MeetingAccess meetings, OrganizationScope scope, AppDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = BeijingTime.Today(clock);
        var unitId = (await scope.RootAsync(cancellationToken)).UnitId;
        Rows = await (await meetings.VisibleAsync(cancellationToken))
            .SelectMany(m => m.Reporters.Where(r => r.OrganizationId == unitId), (m, r) => new { m, r })
            .OrderByDescending(x => x.m.ReviewYear)
            .Select(x => new Row(
                x.r.Id, x.m.Title, x.m.Date, x.m.WrittenReportDeadline, x.m.Status, x.r.Mode, x.r.Order,
                db.WrittenReports.Where(w => w.ReporterId == x.r.Id).Select(w => (ReportStatus?)w.Status).FirstOrDefault(),
                db.WrittenReports.Where(w => w.ReporterId == x.r.Id).Select(w => w.Versions.Count).FirstOrDefault(),
                db.WrittenReports.Where(w => w.ReporterId == x.r.Id).Select(w => w.ReturnReason).FirstOrDefault(),
                db.WrittenReports.Where(w => w.ReporterId == x.r.Id).Select(w => w.Reopened).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    public sealed record Row(
        Guid ReporterId, string Title, DateOnly? Date, DateOnly? Deadline, MeetingStatus MeetingStatus, ReportMode Mode, int? Order,
        ReportStatus? Status, int Versions, string? ReturnReason, bool Reopened)
    {
        /// <summary>Whether the submit page takes a new version, by the same rules as that page.</summary>
        public bool AcceptsReports(DateOnly today) =>
            ReportAccess.AcceptsReports(MeetingStatus) && WrittenReport.IsOpen(Reopened, Status ?? ReportStatus.Draft, Deadline, today);

        public string StatusText => Status is { } status && Versions > 0 ? status.ChineseName() : ReportNames.NotSubmitted;
    }
}
