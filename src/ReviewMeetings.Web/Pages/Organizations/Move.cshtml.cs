using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations;

[Authorize(Roles = UnitRights.Managers)]
public sealed class MoveModel(OrganizationScope scope, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请选择新的上级党组织。")]
    [Display(Name = "新的上级党组织")]
    public Guid? NewParentId { get; set; }

    [BindProperty]
    public uint Version { get; set; }

    public Organization Unit { get; private set; } = null!;

    public UnitPicker Parents { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        Version = Unit.Version;
        NewParentId = Unit.ParentId;
        await LoadParentsAsync(search: null, cancellationToken);
        return Page();
    }

    /// <summary>The picker's search: units of the scope outside the moved unit's own subtree.</summary>
    public async Task<IActionResult> OnGetUnitsAsync(Guid id, string? q, CancellationToken cancellationToken) =>
        await RefusalAsync(id, cancellationToken) ?? await UnitPicker.JsonAsync(await scope.UnitsAsync(cancellationToken), q, Unit.Path, cancellationToken);

    /// <summary>The picker's search without script: the form comes back as it was, with the matching parents to choose from.</summary>
    public async Task<IActionResult> OnPostFindUnitAsync(Guid id, [FromForm(Name = UnitPicker.SearchField)] string? search, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        ModelState.Clear();
        await LoadParentsAsync(search ?? "", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var unit = Unit;
        var units = await scope.UnitsAsync(cancellationToken);
        if (ModelState.IsValid)
        {
            var newParent = await units.SingleOrDefaultAsync(o => o.Id == NewParentId, cancellationToken);
            if (newParent is null)
            {
                ModelState.AddModelError(nameof(NewParentId), "请选择您管理范围内的上级党组织。");
            }
            else if (newParent.Id == unit.ParentId)
            {
                ModelState.AddModelError(nameof(NewParentId), "该单位已在所选上级党组织之下。");
            }
            else if (await TryMoveAsync(unit, newParent, cancellationToken))
            {
                TempData["Message"] = $"已将“{unit.Name}”移动到“{newParent.Name}”之下。";
                return RedirectToPage("Details", new { id });
            }
        }

        await LoadParentsAsync(search: null, cancellationToken);
        return Page();
    }

    private Task<bool> TryMoveAsync(Organization unit, Organization newParent, CancellationToken cancellationToken)
    {
        var messages = new SaveMessages("保存失败：该单位或其下级单位刚被他人修改，请刷新页面后重新选择。") { Rule = RuleErrors.FieldAt(nameof(NewParentId)) };
        return saver.TrySaveAsync(ModelState, messages, async () =>
        {
            db.Entry(unit).Property(o => o.Version).OriginalValue = Version;
            var descendants = await db.Organizations
                .Where(o => o.Path.StartsWith(unit.Path) && o.Id != unit.Id)
                .ToListAsync(cancellationToken);
            var oldParentName = await db.Organizations.Where(o => o.Id == unit.ParentId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
            unit.MoveUnder(newParent, descendants);
            if (await db.Organizations.AnyAsync(o => o.ParentId == newParent.Id && o.Name == unit.Name, cancellationToken))
            {
                throw new DomainException("新的上级党组织下已有同名单位。", nameof(NewParentId));
            }

            db.RecordUnitChange(User, clock, unit.Id, OrganizationChangeKind.Moved, $"上级党组织由“{oldParentName}”变更为“{newParent.Name}”（下级单位随之移动）。");
        }, cancellationToken);
    }

    /// <summary>Loads <see cref="Unit"/>; null when the user may move it, else 404 outside the scope and 403 for a unit out of reach.</summary>
    private async Task<IActionResult?> RefusalAsync(Guid id, CancellationToken cancellationToken)
    {
        var (unit, refusal) = await this.FindRestructurableAsync(scope, id, cancellationToken);
        Unit = unit ?? Unit;
        return refusal;
    }

    private async Task LoadParentsAsync(string? search, CancellationToken cancellationToken) =>
        Parents = await UnitPicker.LoadAsync(await scope.UnitsAsync(cancellationToken), NewParentId, search, excludedSubtree: Unit.Path, cancellationToken);
}
