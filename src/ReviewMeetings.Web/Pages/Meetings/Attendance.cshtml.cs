using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>Expected attendees per category (ballots are issued per category later) and the actual count on the day.</summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class AttendanceModel(MeetingAccess access, MeetingSaver saver) : PageModel
{
    private const int BlankRows = 2;

    [BindProperty]
    public List<GroupRow> Rows { get; set; } = [];

    [BindProperty]
    public uint Version { get; set; }

    public Meeting Meeting { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        Version = meeting.Version;
        Rows = meeting.Attendance.OrderBy(g => g.Order)
            .Select(g => new GroupRow { Id = g.Id, Name = g.Name, Expected = g.Expected, Actual = g.Actual })
            .ToList();
        for (var i = 0; i < BlankRows; i++)
        {
            Rows.Add(new GroupRow());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        if (ModelState.IsValid)
        {
            // A row whose name was cleared is removed; blank new rows are ignored.
            var kept = Rows.Where(r => !string.IsNullOrWhiteSpace(r.Name)).ToList();
            void Change()
            {
                if (!meeting.Ended)
                {
                    meeting.SetAttendance(kept.Select(r => new AttendanceDraft(r.Id, r.Name, r.Expected ?? 0)));
                }

                foreach (var (group, row) in meeting.Attendance.OrderBy(g => g.Order).Zip(kept))
                {
                    meeting.RecordActualAttendance(group.Id, row.Actual);
                }
            }

            if (await saver.TrySaveAsync(meeting, Version, ModelState, Change, prefix: "Rows"))
            {
                TempData["Message"] = "参会人员已保存。";
                return RedirectToPage("Details", new { id });
            }

            Meeting = await access.ReloadForFormAsync(id, ModelState, cancellationToken);
            Version = Meeting.Version;
        }

        return Page();
    }

    public sealed class GroupRow
    {
        public Guid? Id { get; set; }

        [Display(Name = "类别名称")]
        [StringLength(AttendanceGroup.NameMaxLength)]
        public string? Name { get; set; }

        [Display(Name = "应到人数")]
        [Range(0, AttendanceGroup.MaxCount)]
        public int? Expected { get; set; }

        [Display(Name = "实到人数")]
        [Range(0, AttendanceGroup.MaxCount)]
        public int? Actual { get; set; }
    }
}
