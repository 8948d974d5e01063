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
public sealed class EditModel(OrganizationScope scope, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
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
        var (unit, refusal) = await this.FindRestructurableAsync(scope, id, cancellationToken);
        if (unit is null)
        {
            return refusal!;
        }

        Unit = unit;
        Input = new UnitFields { Name = unit.Name, Type = unit.Type, Category = unit.Category, Code = unit.Code, SortOrder = unit.SortOrder };
        Version = unit.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var (unit, refusal) = await this.FindRestructurableAsync(scope, id, cancellationToken);
        if (unit is null)
        {
            return refusal!;
        }

        Unit = unit;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var failure = await saver.TrySaveAsync(async () =>
        {
            db.Entry(unit).Property(o => o.Version).OriginalValue = Version;
            var before = (unit.Name, unit.Type, unit.Category, unit.Code, unit.SortOrder);
            unit.Rename(Input.Name);
            unit.Classify(Input.Type!.Value, Input.Category!.Value);
            await Input.ApplyCodeAndSortOrderAsync(db, unit, cancellationToken);
            if (await db.Organizations.AnyAsync(o => o.ParentId == unit.ParentId && o.Name == unit.Name && o.Id != unit.Id, cancellationToken))
            {
                throw new DomainException("同一上级党组织下已有同名单位。", nameof(Input.Name));
            }

            RecordChanges(unit, before);
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
            var messages = new SaveMessages("") { Duplicate = DuplicateName, DuplicateKey = "Input.Name" };
            failure.AddTo(ModelState, failure.IsDuplicate ? await Input.DuplicateMessagesAsync(db, unit.Id, messages, cancellationToken) : messages);
        }

        return Page();
    }

    private void RecordChanges(Organization unit, (string Name, OrganizationType Type, OrganizationCategory Category, string? Code, int SortOrder) before)
    {
        if (before.Name != unit.Name)
        {
            db.RecordUnitChange(User, clock, unit.Id, OrganizationChangeKind.Renamed, $"名称由“{before.Name}”变更为“{unit.Name}”。");
        }

        if (before.Type != unit.Type || before.Category != unit.Category)
        {
            db.RecordUnitChange(User, clock, unit.Id, OrganizationChangeKind.Classified,
                $"组织类型、类别由“{before.Type.ChineseName()}、{before.Category.ChineseName()}”变更为“{unit.Type.ChineseName()}、{unit.Category.ChineseName()}”。");
        }

        if (before.Code != unit.Code)
        {
            db.RecordUnitChange(User, clock, unit.Id, OrganizationChangeKind.CodeChanged,
                $"党组织代码由{UnitChangeTexts.Code(before.Code)}变更为{UnitChangeTexts.Code(unit.Code)}。");
        }

        if (before.SortOrder != unit.SortOrder)
        {
            db.RecordUnitChange(User, clock, unit.Id, OrganizationChangeKind.SortOrderChanged, $"排序号由{before.SortOrder}变更为{unit.SortOrder}。");
        }
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
