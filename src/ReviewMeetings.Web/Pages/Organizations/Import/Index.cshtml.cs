using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Reports;

namespace ReviewMeetings.Web.Pages.Organizations.Import;

/// <summary>批量导入: the template, the export of the user's subtree and the upload that leads to the preview.</summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class IndexModel(UnitImports imports, TimeProvider clock) : PageModel
{
    public long MaxBytes => imports.MaxBytes;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken cancellationToken) =>
        File(await UnitImportTemplate.WriteAsync([], cancellationToken), UnitImportTemplate.ContentType, "党组织批量导入模板.xlsx");

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await imports.ExportRowsAsync(cancellationToken);
        var date = BeijingTime(clock).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return File(await UnitImportTemplate.WriteAsync(rows, cancellationToken), UnitImportTemplate.ContentType, $"党组织架构导出-{date}.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "请选择要导入的Excel（.xlsx）或CSV文件。");
            return Page();
        }

        if (file.Length > MaxBytes)
        {
            ModelState.AddModelError("file", $"文件大小超过{MaxBytes / 1024 / 1024}MB的限制，请拆分后分批导入。");
            return Page();
        }

        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await file.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        try
        {
            var rows = UnitImportFile.Read(bytes, MaxBytes);
            var plan = await imports.PlanAsync(rows, cancellationToken);
            var name = UploadedDocument.SafeName(file.FileName, "", fallback: "导入文件");
            var upload = await imports.StoreAsync(User.UserId(), name, bytes, plan.Fingerprint, cancellationToken);
            return RedirectToPage("Preview", new { id = upload.Id });
        }
        catch (UnitImportFileException ex)
        {
            ModelState.AddModelError("file", ex.Message);
            return Page();
        }
    }

    private static DateTimeOffset BeijingTime(TimeProvider clock) => Domain.Common.BeijingTime.Now(clock);
}
