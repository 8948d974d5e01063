using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Meetings;

[Authorize]
public sealed class IndexModel(MeetingAccess access, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public MeetingStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = PageSlice.Parameter)]
    public int? PageNumber { get; set; }

    public const int PageSize = 100;

    public bool IsStaff => access.IsStaff;

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<MeetingRow> Meetings { get; private set; } = [];

    /// <summary>The page of meetings shown; its total is every meeting that matches the filter.</summary>
    public PageSlice Slice { get; private set; } = PageSlice.For(1, PageSize, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var meetings = await access.VisibleAsync(cancellationToken);
        Years = await meetings.Select(m => m.ReviewYear).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
        if (Year is { } year)
        {
            meetings = meetings.Where(m => m.ReviewYear == year);
        }

        if (Status is { } status)
        {
            meetings = meetings.Where(m => m.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            meetings = meetings.Where(m => m.Title.Contains(q) || m.Reporters.Any(r => r.UnitName.Contains(q) || r.SecretaryName.Contains(q)));
        }

        Slice = PageSlice.For(PageNumber, PageSize, await meetings.CountAsync(cancellationToken));
        Meetings = await meetings
            .OrderByDescending(m => m.ReviewYear).ThenByDescending(m => m.Date).ThenBy(m => m.Title).ThenBy(m => m.Id)
            .Skip(Slice.Skip).Take(Slice.Size)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new MeetingRow(
                m.Id, m.Title, m.ReviewYear, m.Date, m.Status, o.Name,
                m.Reporters.Count(r => r.Mode == ReportMode.OnSite), m.Reporters.Count(r => r.Mode == ReportMode.Written)))
            .ToListAsync(cancellationToken);
    }

    public sealed record MeetingRow(Guid Id, string Title, int ReviewYear, DateOnly? Date, MeetingStatus Status, string HostName, int OnSite, int Written);
}
