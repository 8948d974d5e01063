using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Documents;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations.Import;

/// <summary>
/// After an import: what it did and, once, the list of new accounts with their initial passwords as PDF and as Excel
/// (each format one download, within the window; then the passwords are erased and never shown again).
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class ResultModel(AppDbContext db, UnitImports imports, DocumentExport export, TimeProvider clock) : PageModel
{
    public UnitImportUpload? Upload { get; private set; }

    public bool AccountsAvailable { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        await imports.EraseExpiredAccountsAsync(cancellationToken);
        Upload = await db.UnitImports.AsNoTracking()
            .Where(u => u.Id == id && u.UserId == User.UserId() && u.AppliedAt != null)
            .Select(u => new UnitImportUpload
            {
                Id = u.Id,
                FileName = u.FileName,
                PlanFingerprint = u.PlanFingerprint,
                AppliedAt = u.AppliedAt,
                Summary = u.Summary,
                SealedAccounts = u.SealedAccounts == null ? null : "",
                PdfTaken = u.PdfTaken,
                ExcelTaken = u.ExcelTaken,
            })
            .SingleOrDefaultAsync(cancellationToken);
        AccountsAvailable = Upload is { SealedAccounts: not null } && !imports.AccountsExpired(Upload);
        return Page();
    }

    public Task<IActionResult> OnPostPdfAsync(Guid id, CancellationToken cancellationToken) => DownloadAsync(id, pdf: true, cancellationToken);

    public Task<IActionResult> OnPostExcelAsync(Guid id, CancellationToken cancellationToken) => DownloadAsync(id, pdf: false, cancellationToken);

    private async Task<IActionResult> DownloadAsync(Guid id, bool pdf, CancellationToken cancellationToken)
    {
        if (await imports.ReadAccountsAsync(id, User.UserId(), pdf, cancellationToken) is not { } read)
        {
            await imports.EraseExpiredAccountsAsync(cancellationToken);
            TempData["Message"] = "初始密码清单已下载过或已超过10分钟，不能再次获取。如有遗失，请在用户管理中重置该账号的密码。";
            return RedirectToPage(new { id });
        }

        byte[] bytes;
        try
        {
            bytes = pdf
                ? await export.PdfBytesAsync("~/Documents/InitialAccounts.cshtml",
                    new InitialAccountsDocument(read.Accounts, clock.GetUtcNow(), $"{Request.Scheme}://{Request.Host}/Account/Login"), cancellationToken)
                : await UnitImportTemplate.WriteAccountsAsync(read.Accounts, cancellationToken);
        }
        catch (PdfUnavailableException ex)
        {
            TempData["Message"] = ex.Message;
            return RedirectToPage(new { id });
        }

        if (!await imports.MarkTakenAsync(id, pdf, read.Version, cancellationToken))
        {
            TempData["Message"] = "初始密码清单已下载过，不能再次获取。";
            return RedirectToPage(new { id });
        }

        Response.Headers.CacheControl = "no-store";
        return pdf
            ? File(bytes, "application/pdf", "述职书记账号初始密码.pdf")
            : File(bytes, UnitImportTemplate.ContentType, "述职书记账号初始密码.xlsx");
    }
}
