using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations.Import;

/// <summary>
/// The dry run of an upload: what the import would create, update, move or leave, and every row it cannot import,
/// with row, column and reason. Nothing is written until 确认导入; the apply re-plans and refuses when the plan changed.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class PreviewModel(UnitImports imports, AppDbContext db) : PageModel
{
    public UnitImportPlan Plan { get; private set; } = null!;

    public string FileName { get; private set; } = "";

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var upload = await imports.FindPendingAsync(id, User.UserId(), cancellationToken);
        if (upload is null)
        {
            return Gone(id);
        }

        await ShowAsync(upload, cancellationToken);
        return Page();
    }

    /// <param name="fingerprint">The plan this page showed: the apply writes only that plan (not one another tab or a
    /// refused first click planned since).</param>
    public async Task<IActionResult> OnPostAsync(Guid id, string? fingerprint, CancellationToken cancellationToken)
    {
        var outcome = await imports.ApplyAsync(id, fingerprint ?? "", User, cancellationToken);
        switch (outcome.Result)
        {
            case ApplyResult.Applied:
                TempData["Message"] = "导入完成。";
                return RedirectToPage("Result", new { id });
            case ApplyResult.Gone:
                return Gone(id);
            case ApplyResult.Changed:
                Notice = outcome.Plan!.HasErrors
                    ? "文件中有错误的行，未写入任何内容。请修改文件后重新上传。"
                    : "预览之后党组织架构已被他人修改，未写入任何内容。下面是按当前架构重新生成的预览，请核对后再次确认导入。";
                break;
            default:
                Notice = outcome.Message;
                break;
        }

        var upload = await imports.FindPendingAsync(id, User.UserId(), cancellationToken);
        if (upload is null)
        {
            return Gone(id);
        }

        await ShowAsync(upload, cancellationToken);
        return Page();
    }

    private async Task ShowAsync(UnitImportUpload upload, CancellationToken cancellationToken)
    {
        FileName = upload.FileName;
        var rows = UnitImportFile.Read(upload.FileBytes, long.MaxValue);
        Plan = await imports.PlanAsync(rows, cancellationToken);
    }

    /// <summary>An upload already applied (a repeated or refreshed 确认导入) shows its result; an expired one says so.</summary>
    private RedirectToPageResult Gone(Guid id)
    {
        var userId = User.UserId();
        if (!db.UnitImports.Any(u => u.Id == id && u.UserId == userId && u.AppliedAt != null))
        {
            TempData["Message"] = "该导入已过期（上传后1小时内有效）或不存在，请重新上传文件。";
        }

        return RedirectToPage("Result", new { id });
    }
}
