using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Documents.Spreadsheets;

namespace ReviewMeetings.Web.Pages.Organizations.Import;

/// <summary>
/// Writes the import template (批量导入模板): the sheet 党组织 with the Chinese header row (and, for an export, one row
/// per unit) and the sheet 填写说明 with the rules and examples. Every value is written as a text cell, so a name that
/// starts with = + - @ stays text and never becomes a formula.
/// </summary>
public static class UnitImportTemplate
{
    public const string DataSheet = "党组织";
    public const string InstructionsSheet = "填写说明";
    public const string ContentType = SpreadsheetWriter.ContentType;

    public static Task<byte[]> WriteAsync(IEnumerable<IReadOnlyList<string>> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return SpreadsheetWriter.WriteAsync(async sheet =>
        {
            await sheet.StartSheetAsync(DataSheet, new SheetLayout { ColumnWidths = [16, 30, 44, 10, 12, 8, 10, 16, 16, 16], FrozenRows = 1 }, cancellationToken);
            await sheet.AddHeaderRowAsync(UnitImportColumns.All, cancellationToken);
            foreach (var row in rows)
            {
                await sheet.AddRowAsync(row.Select(v => SheetCell.Text(v)), cancellationToken);
            }

            await sheet.StartSheetAsync(InstructionsSheet, new SheetLayout { ColumnWidths = [16, 100] }, cancellationToken);
            await sheet.AddHeaderRowAsync(["列名", "填写说明"], cancellationToken);
            foreach (var (column, rule) in Rules)
            {
                await sheet.AddRowAsync([SheetCell.Text(column), SheetCell.Text(rule)], cancellationToken);
            }

            await sheet.AddRowAsync([SheetCell.Text(""), SheetCell.Text("")], cancellationToken);
            await sheet.AddRowAsync([SheetCell.Heading("示例"), SheetCell.Heading("以下两行可直接复制到“党组织”表（上级党组织须在您的管理范围内）：")], cancellationToken);
            await sheet.AddHeaderRowAsync(UnitImportColumns.All, cancellationToken);
            foreach (var example in Examples)
            {
                await sheet.AddRowAsync(example.Select(v => SheetCell.Text(v)), cancellationToken);
            }
        }, cancellationToken);
    }

    /// <summary>The handout list of new accounts with their initial passwords (all text cells).</summary>
    public static Task<byte[]> WriteAccountsAsync(IReadOnlyList<InitialAccount> accounts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return SpreadsheetWriter.WriteAsync(async sheet =>
        {
            await sheet.StartSheetAsync("初始密码", new SheetLayout { ColumnWidths = [40, 12, 20, 20] }, cancellationToken);
            await sheet.AddHeaderRowAsync(["党组织", "书记", "用户名", "初始密码"], cancellationToken);
            foreach (var account in accounts)
            {
                await sheet.AddRowAsync(
                    [SheetCell.Text(account.UnitName), SheetCell.Text(account.SecretaryName), SheetCell.Text(account.UserName), SheetCell.Text(account.Password)],
                    cancellationToken);
            }
        }, cancellationToken);
    }

    private static readonly (string Column, string Rule)[] Rules =
    [
        ("总则", "每行一个党组织，第1行为表头，请勿修改表头和工作表顺序。不要使用公式和合并单元格。最多20000行。导入前会先预览，确认后才写入。"),
        (UnitImportColumns.Code, "选填。党组织的唯一代码（字母、数字和“-_.”，不超过50个字符）。填写后再次导入时按代码识别同一党组织，可用于改名或调整上级。"),
        (UnitImportColumns.Name, $"必填。党组织全称，不超过{Organization.NameMaxLength}个字，不能包含“/”。同一上级党组织下不能重名。"),
        (UnitImportColumns.Parent, "必填。上级党组织的全称，或从最上级开始的完整路径，如：中共江州市委员会/中共清河区委员会。上级党组织可以是本文件中后面的行。只有您管理范围内的党组织可以作为上级。"),
        (UnitImportColumns.Type, "必填。可选：" + string.Join("、", Enum.GetValues<OrganizationType>().Select(t => t.ChineseName())) + "。"),
        (UnitImportColumns.Category, "必填。可选：" + string.Join("、", Enum.GetValues<OrganizationCategory>().Select(c => c.ChineseName())) + "。"),
        (UnitImportColumns.SortOrder, $"选填。0到{Organization.MaxSortOrder}之间的整数，同级党组织按排序号从小到大排列。留空时新建为0、已有党组织不变。"),
        (UnitImportColumns.SecretaryName, "选填。留空表示不变更书记信息。书记变更会记入党组织的变更记录。"),
        (UnitImportColumns.SecretaryTitle, "选填。如：党委书记。须同时填写书记姓名。"),
        (UnitImportColumns.SecretaryPhone, "选填。11位手机号（如13812345678）或固定电话（数字和“-”，如0571-88888888）。须同时填写书记姓名。"),
        (UnitImportColumns.Account, "选填。书记的登录用户名（英文字母、数字和“._-@”）。该用户名不存在时新建述职书记账号，并生成一次性初始密码（仅在导入完成后下载一次，首次登录须修改）；已是本单位的账号时直接关联。"),
    ];

    private static readonly string[][] Examples =
    [
        ["QH-DC-01", "东城街道锦绣社区党委", "中共江州市委员会/中共清河区委员会/中共清河区东城街道工作委员会", "党委", "村（社区）", "1", "王建国", "党委书记", "13812345678", "wangjianguo"],
        ["", "锦绣社区第一党支部", "东城街道锦绣社区党委", "党支部", "村（社区）", "1", "", "", "", ""],
    ];
}
