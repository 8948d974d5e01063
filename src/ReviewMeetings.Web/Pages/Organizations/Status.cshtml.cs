using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations;

/// <summary>Deactivates or reactivates a unit. Units are never deleted: meetings and ledgers keep referring to them.</summary>
[Authorize(Roles = UnitRights.Managers)]
public sealed class StatusModel(OrganizationScope scope, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
{
    public Organization Unit { get; private set; } = null!;

    public int ActiveChildren { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var (unit, refusal) = await this.FindRestructurableAsync(scope, id, cancellationToken);
        if (unit is null)
        {
            return refusal!;
        }

        Unit = unit;
        ActiveChildren = await db.Organizations.CountAsync(o => o.ParentId == id && o.IsActive, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken) =>
        await ChangeAsync(id, async unit =>
        {
            var children = await db.Organizations.Where(o => o.ParentId == id).ToListAsync(cancellationToken);
            unit.Deactivate(children);
            db.RecordUnitChange(User, clock, unit.Id, OrganizationChangeKind.Deactivated, $"停用单位“{unit.Name}”。");
            return $"已停用“{unit.Name}”。";
        }, cancellationToken);

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken) =>
        await ChangeAsync(id, async unit =>
        {
            var parent = await db.Organizations.SingleOrDefaultAsync(o => o.Id == unit.ParentId, cancellationToken);
            unit.Reactivate(parent);
            db.RecordUnitChange(User, clock, unit.Id, OrganizationChangeKind.Reactivated, $"启用单位“{unit.Name}”。");
            return $"已启用“{unit.Name}”。";
        }, cancellationToken);

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Organization, Task<string>> change, CancellationToken cancellationToken)
    {
        var (unit, refusal) = await this.FindRestructurableAsync(scope, id, cancellationToken);
        if (unit is null)
        {
            return refusal!;
        }

        Unit = unit;
        string? message = null;
        if (await saver.TrySaveAsync(ModelState, new SaveMessages("操作失败：该单位刚被他人修改，请刷新页面后重试。") { Rule = RuleErrors.Form }, async () =>
        {
            message = await change(unit);
        }, cancellationToken))
        {
            TempData["Message"] = message;
            return RedirectToPage("Details", new { id });
        }

        ActiveChildren = await db.Organizations.CountAsync(o => o.ParentId == id && o.IsActive, cancellationToken);
        return Page();
    }
}
