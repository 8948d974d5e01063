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
public sealed class CreateModel(OrganizationScope scope, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请选择上级党组织。")]
    [Display(Name = "上级党组织")]
    public Guid? ParentId { get; set; }

    [BindProperty]
    public UnitFields Input { get; set; } = new();

    public UnitPicker Parents { get; private set; } = null!;

    public async Task OnGetAsync(Guid? parentId, CancellationToken cancellationToken)
    {
        ParentId = parentId;
        Parents = await UnitPicker.LoadAsync(await scope.UnitsAsync(cancellationToken), parentId, cancellationToken: cancellationToken);
    }

    public async Task<IActionResult> OnGetUnitsAsync(string? q, CancellationToken cancellationToken) =>
        await UnitPicker.JsonAsync(await scope.UnitsAsync(cancellationToken), q, excludedSubtree: null, cancellationToken);

    /// <summary>The picker's search without script: the form comes back as typed, with the matching parents to choose from.</summary>
    public async Task OnPostFindUnitAsync([FromForm(Name = UnitPicker.SearchField)] string? search, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Parents = await UnitPicker.LoadAsync(await scope.UnitsAsync(cancellationToken), ParentId, search ?? "", cancellationToken: cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var parent = await scope.FindUnitAsync(ParentId!.Value, cancellationToken);
            if (parent is null)
            {
                ModelState.AddModelError(nameof(ParentId), "请选择您管理范围内的上级党组织。");
            }
            else
            {
                Organization? unit = null;
                var failure = await saver.TrySaveAsync(async () =>
                {
                    unit = Organization.CreateChild(parent, Input.Name, Input.Type!.Value, Input.Category!.Value);
                    await Input.ApplyCodeAndSortOrderAsync(db, unit, cancellationToken);
                    if (await db.Organizations.AnyAsync(o => o.ParentId == parent.Id && o.Name == unit.Name, cancellationToken))
                    {
                        throw new DomainException("同一上级党组织下已有同名单位。", nameof(Input.Name));
                    }

                    db.Organizations.Add(unit);
                    db.RecordUnitChange(User, clock, unit.Id, OrganizationChangeKind.Created,
                        $"新建单位“{unit.Name}”（{unit.Type.ChineseName()}，{unit.Category.ChineseName()}），上级党组织为“{parent.Name}”" + UnitChangeTexts.CodeAndSortOrder(unit) + "。");
                }, cancellationToken);
                if (failure is null)
                {
                    TempData["Message"] = $"已新建单位“{unit!.Name}”。";
                    return RedirectToPage("Details", new { id = unit.Id });
                }

                var messages = new SaveMessages(EditModel.DuplicateName) { ConflictKey = "Input.Name", DuplicateKey = "Input.Name" };
                failure.AddTo(ModelState, failure.IsDuplicate ? await Input.DuplicateMessagesAsync(db, Guid.Empty, messages, cancellationToken) : messages);
            }
        }

        Parents = await UnitPicker.LoadAsync(await scope.UnitsAsync(cancellationToken), ParentId, cancellationToken: cancellationToken);
        return Page();
    }
}
