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
using ReviewMeetings.Web.Pages.Organizations;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>
/// The ledger (整改台账) of one meeting or of every meeting in the user's subtree: filters, counts and completion rates
/// by reporter, unit category and meeting, completion over time, and the Excel export and printed ledger (PDF) of
/// exactly what is filtered. The figures, the chart, the export and the PDF cover every filtered item; the table shows
/// them a hundred at a time, paged in the database. Staff remind the units of the items they tick (整改催办).
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff + "," + RoleNames.Observer)]
public sealed class LedgerModel(
    RectificationAccess access, MeetingAccess meetings, OrganizationScope scope, ProblemCategories categories, AppDbContext db, DocumentExport export,
    Saver saver, TimeProvider clock)
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

    [BindProperty(SupportsGet = true, Name = PageSlice.Parameter)]
    public int? PageNumber { get; set; }

    public const int PageSize = 100;

    /// <summary>The items ticked for a reminder.</summary>
    [BindProperty]
    public List<Guid> Items { get; set; } = [];

    [BindProperty]
    public string? ReminderText { get; set; } = RectificationReminder.DefaultText;

    public IReadOnlyList<(Guid Id, string Title, int Year)> Meetings { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Units { get; private set; } = [];

    public IReadOnlyList<string> Categories => categories.All;

    /// <summary>The page of the filtered ledger shown in the table.</summary>
    public IReadOnlyList<LedgerRow> Rows { get; private set; } = [];

    /// <summary>Which page of the table; its total is every filtered item.</summary>
    public PageSlice Slice { get; private set; } = PageSlice.For(1, PageSize, 0);

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
        var items = await FilteredAsync(cancellationToken);
        var facts = await (
                from i in items
                join r in db.Reporters on i.ReporterId equals r.Id
                join m in db.Meetings on r.MeetingId equals m.Id
                select new Fact(i.ReporterId, r.UnitName, r.UnitCategory, i.MeetingId, m.Title, m.ReviewYear, i.Status, i.Deadline, i.CreatedAt, i.ClosedAt))
            .ToListAsync(cancellationToken);
        var today = BeijingTime.Today(clock);
        RectificationStats Stats(IEnumerable<Fact> group) => RectificationStats.Of(group.Select(f => (f.Status, f.Deadline)), today);
        Summary = RectificationSummary.Of([.. facts.Select(f => (f.Status, f.Deadline))], today);
        ByReporter = [.. facts.GroupBy(f => f.ReporterId).Select(g => ($"{g.First().UnitName}（{g.First().ReviewYear}年度）", Stats(g))).OrderBy(x => x.Item1, StringComparer.Ordinal)];
        ByUnitCategory = [.. facts.GroupBy(f => f.UnitCategory).OrderBy(g => g.Key).Select(g => (g.Key.ChineseName(), Stats(g)))];
        ByMeeting = [.. facts.GroupBy(f => f.MeetingId).OrderByDescending(g => g.First().ReviewYear).Select(g => (g.First().MeetingTitle, Stats(g)))];
        Chart = CompletionOverTime(facts, clock.GetUtcNow());

        Slice = PageSlice.For(PageNumber, PageSize, facts.Count);
        if (facts.Count == 0)
        {
            return;
        }

        var shown = await (
                from i in items
                join r in db.Reporters on i.ReporterId equals r.Id
                join m in db.Meetings on r.MeetingId equals m.Id
                orderby m.ReviewYear descending, r.Order ?? int.MaxValue, EF.Functions.Collate(r.UnitName, "C"), i.CreatedAt, i.Id
                select i.Id)
            .Skip(Slice.Skip).Take(Slice.Size)
            .ToListAsync(cancellationToken);
        // The ids are of visible, filtered items already: no need to filter again.
        Rows = await RowsAsync(db.RectificationItems.Where(i => shown.Contains(i.Id)), cancellationToken);
    }

    /// <summary>
    /// Reminds the units of the ticked items (整改催办): one reminder per unit, shown to its secretary and written to the
    /// unit's history. A unit reminded within the hour is skipped and named, so a repeated post sends nothing twice.
    /// </summary>
    public async Task<IActionResult> OnPostRemindAsync(CancellationToken cancellationToken)
    {
        if (!access.IsStaff)
        {
            return Forbid();
        }

        // Only items the user sees count: an id from another subtree is ignored, as if it had not been posted.
        var chosen = await (await access.VisibleAsync(cancellationToken))
            .Where(i => Items.Contains(i.Id))
            .Join(db.Reporters, i => i.ReporterId, r => r.Id, (i, r) => new { i.Id, i.OrganizationId, r.UnitName })
            .ToListAsync(cancellationToken);
        if (chosen.Count == 0)
        {
            ModelState.AddModelError(nameof(Items), "请勾选要催办的问题。");
            await OnGetAsync(cancellationToken);
            return Page();
        }

        var units = chosen.GroupBy(c => c.OrganizationId)
            .Select(g => (Id: g.Key, Name: g.Select(c => c.UnitName).Min(StringComparer.Ordinal)!, Items: g.Select(c => c.Id).ToList()))
            .OrderBy(u => u.Name, StringComparer.Ordinal)
            .ToList();
        var now = clock.GetUtcNow();
        var sent = new List<string>();
        var skipped = new List<string>();
        var saved = await saver.TrySaveAsync(ModelState, new SaveMessages("催办未能发送，请重试。") { Rule = RuleErrors.FieldAt(nameof(ReminderText)) }, async () =>
        {
            sent.Clear();
            skipped.Clear();
            var text = RectificationReminder.CheckedText(ReminderText);
            var unitIds = units.Select(u => u.Id).ToArray();
            // Two posts at once (a double click, two staff members) queue here, so the second sees the first's reminders.
            await db.Database.ExecuteSqlAsync($"SELECT id FROM organizations WHERE id = ANY({unitIds}) ORDER BY id FOR UPDATE", cancellationToken);
            var since = now - RectificationReminder.RepeatAfter;
            var recent = (await db.RectificationReminders.Where(r => unitIds.Contains(r.OrganizationId) && r.SentAt > since)
                .Select(r => new { r.OrganizationId, r.SentAt }).ToListAsync(cancellationToken))
                .Where(r => RectificationReminder.TooSoonAfter(r.SentAt, now)).Select(r => r.OrganizationId).ToHashSet();
            foreach (var unit in units)
            {
                if (recent.Contains(unit.Id))
                {
                    skipped.Add(unit.Name);
                    continue;
                }

                db.RectificationReminders.Add(RectificationReminder.Send(unit.Id, unit.Items, text, User.UserId(), User.DisplayName(), now));
                db.RecordUnitChange(User, clock, unit.Id, OrganizationChangeKind.RectificationReminded, $"整改催办（{unit.Items.Count}项问题）：{text}");
                sent.Add(unit.Name);
            }
        }, cancellationToken);
        if (!saved)
        {
            await OnGetAsync(cancellationToken);
            return Page();
        }

        var repeat = skipped.Count == 0 ? "" : $"以下单位{RectificationReminder.RepeatAfter.TotalMinutes:0}分钟内已催办过，本次未重复发送：{string.Join("、", skipped)}。";
        if (sent.Count == 0)
        {
            Error = repeat;
        }
        else
        {
            Message = $"已向{sent.Count}个单位发出整改催办：{string.Join("、", sent)}。{repeat}";
        }

        return Redirect(QueryStrings.PathWithQuery(Request, ["handler"]));
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

    private async Task<List<LedgerRow>> LoadAsync(CancellationToken cancellationToken) =>
        await RowsAsync(await FilteredAsync(cancellationToken), cancellationToken);

    /// <summary>The items the filters select among those the user sees; also fills the filters' choices.</summary>
    private async Task<IQueryable<RectificationItem>> FilteredAsync(CancellationToken cancellationToken)
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

        return items;
    }

    /// <summary>The ledger's lines for <paramref name="items"/>, in ledger order: newest year first, then speaking order and unit.</summary>
    private async Task<List<LedgerRow>> RowsAsync(IQueryable<RectificationItem> items, CancellationToken cancellationToken)
    {
        var today = BeijingTime.Today(clock);
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
    private static LineChart? CompletionOverTime(IReadOnlyList<Fact> rows, DateTimeOffset now)
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

    /// <summary>What the figures and the chart need of one filtered item; read for every item, unlike the table's rows.</summary>
    private sealed record Fact(
        Guid ReporterId, string UnitName, OrganizationCategory UnitCategory, Guid MeetingId, string MeetingTitle, int ReviewYear,
        RectificationStatus Status, DateOnly? Deadline, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);
}
