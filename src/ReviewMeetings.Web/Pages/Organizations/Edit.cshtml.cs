using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations;

[Authorize(Roles = RoleNames.Administrator)]
public sealed class EditModel(OrganizationScope scope, AppDbContext db, Saver saver) : PageModel
{
    /// <summary>A unique index refused the name: someone created or renamed a unit to it at the same moment.</summary>
    public const string DuplicateName = "同一上级党组织下已有同名单位。";

    [BindProperty]
    public UnitFields Input { get; set; } = new();

    /// <summary>The xmin the form was read at; a save against a newer row is refused.</summary>
    [BindProperty]
    public uint Version { get; set; }

    public Organization Unit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var unit = await scope.FindUnitAsync(id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        Unit = unit;
        Input = new UnitFields { Name = unit.Name, Type = unit.Type, Category = unit.Category };
        Version = unit.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var unit = await scope.FindUnitAsync(id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        Unit = unit;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var failure = await saver.TrySaveAsync(async () =>
        {
            db.Entry(unit).Property(o => o.Version).OriginalValue = Version;
            unit.Rename(Input.Name);
            unit.Classify(Input.Type!.Value, Input.Category!.Value);
            if (await db.Organizations.AnyAsync(o => o.ParentId == unit.ParentId && o.Name == unit.Name && o.Id != unit.Id, cancellationToken))
            {
                throw new DomainException("同一上级党组织下已有同名单位。", nameof(Input.Name));
            }
        }, cancellationToken);
        if (failure is null)
        {
            TempData["Message"] = "单位信息已保存。";
            return RedirectToPage("Details", new { id });
        }

        if (failure.IsConflict)
        {
            await ShowCurrentValuesAsync(unit, cancellationToken);
        }
        else
        {
            failure.AddTo(ModelState, new SaveMessages("") { Duplicate = DuplicateName, DuplicateKey = "Input.Name" });
        }

        return Page();
    }

    /// <summary>Keeps what the user typed, shows what is saved now, and lets a second save overwrite it on purpose.</summary>
    private async Task ShowCurrentValuesAsync(Organization unit, CancellationToken cancellationToken)
    {
        await db.Entry(unit).ReloadAsync(cancellationToken);
        Unit = unit;
        Version = unit.Version;
        ModelState.Remove(nameof(Version));
        ModelState.AddModelError("",
            $"保存失败：该单位已被他人修改，当前保存的是“{unit.Name}”（{unit.Type.ChineseName()}，{unit.Category.ChineseName()}）。" +
            "下方仍是您填写的内容，确认无误后请再次保存。");
    }
}
