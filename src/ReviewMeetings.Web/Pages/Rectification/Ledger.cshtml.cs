using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Documents;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>
/// The ledger (整改台账) of one meeting or of every meeting in the user's subtree: filters, counts and completion rates
/// by reporter, unit category and meeting, completion over time, and the Excel export and printed ledger (PDF) of
/// exactly what is filtered.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff + "," + RoleNames.Observer)]
public sealed class LedgerModel(
    RectificationAccess access, MeetingAccess meetings, OrganizationScope scope, ProblemCategories categories, AppDbContext db, DocumentExport export, TimeProvider clock)
    : PageModel
{
    public const string Template = "~/Documents/Ledger.cshtml";

    [BindProperty(SupportsGet = true)]
    public Guid? Meeting { get; set; }

    [BindProperty(SupportsGet = true)]
    public RectificationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    public IReadOnlyList<(Guid Id, string Title, int Year)> Meetings { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Units { get; private set; } = [];

    public IReadOnlyList<string> Categories => categories.All;

    public IReadOnlyList<LedgerRow> Rows { get; private set; } = [];

    /// <summary>Every item of the filtered ledger, counted status by status.</summary>
    public RectificationSummary Summary { get; private set; } = RectificationSummary.Of([], DateOnly.MinValue);

    public RectificationStats Totals => Summary.Stats;

    public IReadOnlyList<(string Name, RectificationStats Stats)> ByReporter { get; private set; } = [];

    public IReadOnlyList<(string Name, RectificationStats Stats)> ByUnitCategory { get; private set; } = [];

    public IReadOnlyList<(string Name, RectificationStats Stats)> ByMeeting { get; private set; } = [];

    public LineChart? Chart { get; private set; }

    public bool IsStaff => access.IsStaff;

    public bool MeetingReleased { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rows = await LoadAsync(cancellationToken);
        var today = BeijingTime.Today(clock);
        RectificationStats Stats(IEnumerable<LedgerRow> rows) => RectificationStats.Of(rows.Select(r => (r.Status, r.Deadline)), today);
        Summary = RectificationSummary.Of([.. Rows.Select(r => (r.Status, r.Deadline))], today);
        ByReporter = [.. Rows.GroupBy(r => r.ReporterId).Select(g => ($"{g.First().UnitName}（{g.First().ReviewYear}年度）", Stats(g))).OrderBy(x => x.Item1, StringComparer.Ordinal)];
        ByUnitCategory = [.. Rows.GroupBy(r => r.UnitCategory).OrderBy(g => g.Key).Select(g => (g.Key.ChineseName(), Stats(g)))];
        ByMeeting = [.. Rows.GroupBy(r => r.MeetingId).OrderByDescending(g => g.First().ReviewYear).Select(g => (g.First().MeetingTitle, Stats(g)))];
        Chart = CompletionOverTime(Rows, clock.GetUtcNow());
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(cancellationToken);
        var name = $"整改台账-{BeijingTime.Today(clock):yyyyMMdd}.xlsx";
        return File(await LedgerWorkbook.WriteAsync(rows, cancellationToken), LedgerWorkbook.ContentType, name);
    }

    /// <summary>The filtered ledger as a landscape document: the print preview, or the PDF with pdf=true.</summary>
    public async Task<IActionResult> OnGetPrintAsync(bool pdf, CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(cancellationToken);
        var now = clock.GetUtcNow();
        string title, subtitle, fileName;
        if (Meeting is { } meetingId)
        {
            var meeting = await (await meetings.VisibleAsync(cancellationToken)).Where(m => m.Id == meetingId)
                .Select(m => new { m.Title, m.ReviewYear, Host = db.Organizations.Where(o => o.Id == m.OrganizationId).Select(o => o.Name).Single() })
                .SingleOrDefaultAsync(cancellationToken);
            if (meeting is null)
            {
                return NotFound();
            }

            var place = Domain.Meetings.Meeting.PlaceName(meeting.Host);
            (title, subtitle, fileName) = ($"{place}{meeting.ReviewYear}年度述职评议问题整改台账", meeting.Title, $"{place}{meeting.ReviewYear}年度整改台账.pdf");
        }
        else
        {
            var place = Domain.Meetings.Meeting.PlaceName((await scope.RootAsync(cancellationToken)).UnitName);
            (title, subtitle, fileName) = ($"{place}述职评议问题整改台账", "各年度述职评议会议", $"{place}整改台账-{now.InBeijing():yyyyMMdd}.pdf");
        }

        var today = BeijingTime.Today(clock);
        var document = new LedgerDocument(title, subtitle, Filters(), rows,
            RectificationSummary.Of([.. rows.Select(r => (r.Status, r.Deadline))], today), rows.Select(r => r.MeetingId).Distinct().Count() > 1, now);
        return pdf ? await export.PdfAsync(this, Template, document, fileName, cancellationToken) : await export.PreviewAsync(Template, document);
    }

    private List<string> Filters()
    {
        var filters = new List<string>();
        if (Status is { } status)
        {
            filters.Add($"整改状态为{status.ChineseName()}");
        }

        if (!string.IsNullOrEmpty(Category))
        {
            filters.Add($"问题类别为{Category}");
        }

        if (Unit is { } unit)
        {
            filters.Add($"单位为{Units.Where(u => u.Id == unit).Select(u => u.Name).FirstOrDefault() ?? "（不在范围内）"}");
        }

        if (Overdue)
        {
            filters.Add("仅逾期");
        }

        return filters;
    }

    private async Task<List<LedgerRow>> LoadAsync(CancellationToken cancellationToken)
    {
        var visibleMeetings = await meetings.VisibleAsync(cancellationToken);
        Meetings = (await visibleMeetings.Where(m => m.FeedbackReleasedAt != null)
            .OrderByDescending(m => m.ReviewYear).Select(m => new { m.Id, m.Title, m.ReviewYear }).ToListAsync(cancellationToken))
            .Select(m => (m.Id, m.Title, m.ReviewYear)).ToList();
        MeetingReleased = Meeting is { } chosen && Meetings.Any(m => m.Id == chosen);

        var today = BeijingTime.Today(clock);
        var items = await access.VisibleAsync(cancellationToken);
        Units = (await items.Join(db.Reporters, i => i.ReporterId, r => r.Id, (i, r) => new { r.OrganizationId, r.UnitName })
            .Distinct().ToListAsync(cancellationToken))
            .GroupBy(u => u.OrganizationId).Select(g => (g.Key, g.First().UnitName)).OrderBy(u => u.UnitName, StringComparer.Ordinal).ToList();
        if (Meeting is { } meetingId)
        {
            items = items.Where(i => i.MeetingId == meetingId);
        }

        if (Status is { } status)
        {
            items = items.Where(i => i.Status == status);
        }

        if (!string.IsNullOrEmpty(Category))
        {
            items = items.Where(i => i.Category == Category);
        }

        if (Unit is { } unitId)
        {
            items = items.Where(i => i.OrganizationId == unitId);
        }

        if (Overdue)
        {
            items = items.Where(i => i.Deadline < today && i.Status != RectificationStatus.Closed);
        }

        var loaded = await items.AsNoTracking().Include(i => i.Sources).Include(i => i.Updates).AsSplitQuery().ToListAsync(cancellationToken);
        var reporterIds = loaded.Select(i => i.ReporterId).Distinct().ToList();
        var slots = await db.Reporters.Where(r => reporterIds.Contains(r.Id))
            .Join(db.Meetings, r => r.MeetingId, m => m.Id, (r, m) => new { r.Id, r.UnitName, r.UnitCategory, r.SecretaryName, m.Title, m.ReviewYear, Order = r.Order ?? int.MaxValue })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return [.. loaded
            .Select(i =>
            {
                var slot = slots[i.ReporterId];
                return new LedgerRow(i.Id, i.MeetingId, slot.Title, slot.ReviewYear, i.ReporterId, i.OrganizationId, slot.UnitName, slot.UnitCategory, slot.SecretaryName,
                    i.Text, i.Category, string.Join("；", i.Sources.Select(s => s.Describe())), i.Measures, i.ResponsiblePerson, i.Deadline, i.Target,
                    i.PlanState, i.Status, i.IsOverdue(today), i.Updates.Count, i.Updates.MaxBy(u => u.At)?.Text, i.CreatedAt, i.ClosedAt);
            })
            .OrderByDescending(r => r.ReviewYear).ThenBy(r => slots[r.ReporterId].Order).ThenBy(r => r.UnitName, StringComparer.Ordinal).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)];
    }

    /// <summary>At the end of each month: closed items as a share of the items that existed by then.</summary>
    private static LineChart? CompletionOverTime(IReadOnlyList<LedgerRow> rows, DateTimeOffset now)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var beijing = BeijingTime.Offset;
        var first = rows.Min(r => r.CreatedAt).ToOffset(beijing);
        var last = now.ToOffset(beijing);
        var months = new List<DateTimeOffset>();
        for (var month = new DateTimeOffset(first.Year, first.Month, 1, 0, 0, 0, beijing); month <= last && months.Count < 36; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        var values = months.Select(month =>
        {
            var end = month.AddMonths(1);
            var existing = rows.Count(r => r.CreatedAt < end);
            var closed = rows.Count(r => r.ClosedAt < end);
            return existing == 0 ? (decimal?)null : Math.Round(closed * 100m / existing, 1, MidpointRounding.AwayFromZero);
        }).ToList();
        return new LineChart("整改完成率（按月末统计）", [.. months.Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))],
            [new LineSeries("已销号占比", values, "#0d6efd")]);
    }
}
