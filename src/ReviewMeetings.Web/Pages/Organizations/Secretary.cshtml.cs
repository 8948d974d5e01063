using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations;

/// <summary>Records who currently serves as the unit's secretary (the person a meeting's reporter slot is taken from).</summary>
[Authorize(Roles = UnitRights.Managers)]
public sealed class SecretaryModel(OrganizationScope scope, AppDbContext db, Saver saver, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SecretaryInput Input { get; set; } = new();

    [BindProperty]
    public uint Version { get; set; }

    public Organization Unit { get; private set; } = null!;

    public List<SelectListItem> Accounts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var unit = await scope.FindUnitAsync(id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        Unit = unit;
        Version = unit.Version;
        Input = new SecretaryInput
        {
            Name = unit.Secretary?.Name ?? "",
            Title = unit.Secretary?.Title,
            Phone = unit.Secretary?.Phone,
            UserId = unit.Secretary?.UserId,
        };
        await LoadAccountsAsync(cancellationToken);
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
        if (ModelState.IsValid && await SaveAsync(unit, async () =>
            {
                if (Input.UserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId && u.OrganizationId == unit.Id, cancellationToken))
                {
                    throw new DomainException("关联账号必须是本单位的账号。", nameof(Input.UserId));
                }

                var before = unit.Secretary;
                unit.AssignSecretary(Domain.Organizations.Secretary.Create(Input.Name, Input.Title, Input.Phone, Input.UserId));
                if (UnitChangeTexts.SecretaryChange(before, unit.Secretary!) is { } text)
                {
                    db.RecordUnitChange(User, clock, unit.Id, OrganizationChangeKind.SecretaryChanged, text + "。");
                }
            }, cancellationToken))
        {
            TempData["Message"] = "书记信息已保存。";
            return RedirectToPage("Details", new { id });
        }

        await LoadAccountsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostClearAsync(Guid id, CancellationToken cancellationToken)
    {
        var unit = await scope.FindUnitAsync(id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        Unit = unit;
        ModelState.Clear();
        if (await SaveAsync(unit, () =>
        {
            if (unit.Secretary is { } before)
            {
                unit.ClearSecretary();
                db.RecordUnitChange(User, clock, unit.Id, OrganizationChangeKind.SecretaryCleared, $"清除书记信息（原为{UnitChangeTexts.Person(before)}）。");
            }

            return Task.CompletedTask;
        }, cancellationToken))
        {
            TempData["Message"] = "已清除书记信息。";
            return RedirectToPage("Details", new { id });
        }

        await LoadAccountsAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> SaveAsync(Organization unit, Func<Task> change, CancellationToken cancellationToken)
    {
        var failure = await saver.TrySaveAsync(async () =>
        {
            db.Entry(unit).Property(o => o.Version).OriginalValue = Version;
            await change();
        }, cancellationToken);
        if (failure?.Rule is { } rule)
        {
            ModelState.AddDomainError(rule);
            return false;
        }

        if (failure is not null)
        {
            // Someone saved first: show what is stored now and keep what was typed.
            await db.Entry(unit).ReloadAsync(cancellationToken);
            Version = unit.Version;
            ModelState.Remove(nameof(Version));
            var current = unit.Secretary is { } s ? $"{s.Name}（{s.Title}）" : "未登记";
            ModelState.AddModelError("", $"保存失败：书记信息已被他人修改，当前保存的是：{current}。下方仍是您填写的内容，确认无误后请再次保存。");
            return false;
        }

        return true;
    }

    private async Task LoadAccountsAsync(CancellationToken cancellationToken) =>
        Accounts = await db.Users.Where(u => u.OrganizationId == Unit.Id)
            .OrderBy(u => u.UserName)
            .Select(u => new SelectListItem(u.DisplayName + "（" + u.UserName + "）", u.Id.ToString(), u.Id == Input.UserId))
            .ToListAsync(cancellationToken);

    public sealed class SecretaryInput
    {
        [Required]
        [Display(Name = "书记姓名")]
        [StringLength(Domain.Organizations.Secretary.NameMaxLength)]
        public string Name { get; set; } = "";

        [Display(Name = "职务")]
        [StringLength(Domain.Organizations.Secretary.TitleMaxLength)]
        public string? Title { get; set; }

        [Display(Name = "联系电话")]
        [StringLength(Domain.Organizations.Secretary.PhoneMaxLength)]
        public string? Phone { get; set; }

        [Display(Name = "关联账号")]
        public Guid? UserId { get; set; }
    }
}
