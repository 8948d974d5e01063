using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Web.Pages.Meetings;

[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class AgendaModel(MeetingAccess access, MeetingSaver saver) : PageModel
{
    private const int BlankRows = 2;

    [BindProperty]
    public List<AgendaRow> Rows { get; set; } = [];

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
        Rows = meeting.Agenda.OrderBy(a => a.Order)
            .Select(a => new AgendaRow { Order = a.Order, Kind = a.Kind, Title = a.Title, PlannedMinutes = a.PlannedMinutes })
            .ToList();
        AddBlankRows();
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
            var items = Rows.Select((row, index) => (row, index))
                .Where(x => x.row.Kind is not null)
                .OrderBy(x => x.row.Order ?? int.MaxValue).ThenBy(x => x.index)
                .Select(x => new AgendaDraft(x.row.Kind!.Value, x.row.Kind == AgendaItemKind.Other || x.row.Title != x.row.Kind.Value.ChineseName() ? x.row.Title : null, x.row.PlannedMinutes))
                .ToList();
            if (await saver.TrySaveAsync(meeting, Version, ModelState, () => meeting.SetAgenda(items), prefix: "Rows"))
            {
                TempData["Message"] = "议程已保存。";
                return RedirectToPage("Details", new { id });
            }

            Meeting = await access.ReloadForFormAsync(id, ModelState, cancellationToken);
            Version = Meeting.Version;
        }

        return Page();
    }

    /// <summary>添加一行 without script: the form comes back with what was typed and one more blank row; nothing is saved.</summary>
    public async Task<IActionResult> OnPostAddRowAsync(Guid id, CancellationToken cancellationToken) =>
        await RedisplayAsync(id, () => Rows.Add(new AgendaRow { Order = Rows.Count + 1 }), cancellationToken);

    /// <summary>删除 without script: the form comes back without that row; nothing is saved until 保存议程.</summary>
    public async Task<IActionResult> OnPostRemoveRowAsync(Guid id, int row, CancellationToken cancellationToken) =>
        await RedisplayAsync(id, () =>
        {
            if (row >= 0 && row < Rows.Count)
            {
                Rows.RemoveAt(row);
            }
        }, cancellationToken);

    private async Task<IActionResult> RedisplayAsync(Guid id, Action edit, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        edit();
        // The rows are re-rendered from the list, not from the posted field names, which have shifted.
        ModelState.Clear();
        return Page();
    }

    private void AddBlankRows()
    {
        for (var i = 0; i < BlankRows; i++)
        {
            Rows.Add(new AgendaRow { Order = Rows.Count + 1 });
        }
    }

    public sealed class AgendaRow
    {
        [Display(Name = "序号")]
        [Range(1, 99)]
        public int? Order { get; set; }

        [Display(Name = "议程类型")]
        public AgendaItemKind? Kind { get; set; }

        [Display(Name = "议程名称")]
        [StringLength(AgendaItem.TitleMaxLength)]
        public string? Title { get; set; }

        [Display(Name = "计划时长（分钟）")]
        [Range(AgendaItem.MinPlannedMinutes, AgendaItem.MaxPlannedMinutes)]
        public int? PlannedMinutes { get; set; }
    }
}
