using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Tests.Infrastructure;
using SpreadCheetah;

namespace ReviewMeetings.Web.Tests.Pages.Organizations;

public sealed class ImportTests : AppTest
{
    private const string Qinghe = "中共江州市委员会/中共清河区委员会";

    private static readonly string[] FormulaLikeNames = ["=1+1党支部", "+SUM(A1)党支部", "-2党支部", "@cmd党支部"];

    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, settings: new Dictionary<string, string> { ["Import:MaxFileMegabytes"] = "1" },
            services: services => services.AddSingleton<TimeProvider>(_clock));

    /// <summary>A workbook like the template: the header row, then <paramref name="rows"/> (columns in template order).</summary>
    private static async Task<byte[]> XlsxAsync(params string[][] rows) => await XlsxAsync(null, rows);

    private static async Task<byte[]> XlsxAsync(Func<Spreadsheet, Task>? more, params string[][] rows)
    {
        using var stream = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(stream))
        {
            await spreadsheet.StartWorksheetAsync("党组织");
            await spreadsheet.AddRowAsync(UnitImportColumns.All.Select(c => new DataCell(c)).ToArray());
            foreach (var row in rows)
            {
                await spreadsheet.AddRowAsync(row.Select(v => new DataCell(v)).ToArray());
            }

            if (more is not null)
            {
                await more(spreadsheet);
            }

            await spreadsheet.FinishAsync();
        }

        return stream.ToArray();
    }

    private static string[] Unit(string name, string parent = Qinghe, string type = "党委", string category = "街道", string code = "", string sort = "",
        string secretary = "", string title = "", string phone = "", string account = "") =>
        [code, name, parent, type, category, sort, secretary, title, phone, account];

    private static async Task<HttpResponseMessage> UploadAsync(Session session, byte[] bytes, string fileName = "导入.xlsx")
    {
        var page = await session.GetAsync("/Organizations/Import");
        return await session.UploadAsync(page, "main form", [], new UploadFile("file", fileName, bytes));
    }

    private static async Task<IHtmlDocument> PreviewAsync(Session session, byte[] bytes, string fileName = "导入.xlsx")
    {
        using var response = await UploadAsync(session, bytes, fileName);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Upload got {(int)response.StatusCode}: {(await Session.ParseAsync(response)).ErrorFor("file")}");
        return await session.FollowAsync(response);
    }

    private static async Task<IHtmlDocument> ApplyAsync(Session session, IHtmlDocument preview)
    {
        using var response = await session.SubmitAsync(preview, "main form", []);
        return await session.FollowAsync(response);
    }

    private static string Count(IHtmlDocument page, string kind) => page.QuerySelector($"[data-count={kind}]")!.TextContent;

    private static List<(string Row, string Column, string Reason)> Errors(IHtmlDocument page) =>
        page.QuerySelectorAll("#import-errors tbody tr")
            .Select(tr => (tr.GetAttribute("data-row")!, tr.GetAttribute("data-column")!, tr.Children[3].TextContent.Trim()))
            .ToList();

    private Task<(int Units, int Changes, int Users)> CountsAsync() =>
        DbAsync(async db => (await db.Organizations.CountAsync(), await db.OrganizationChanges.CountAsync(), await db.Users.CountAsync()));

    private Task<Organization?> FindAsync(string name) => DbAsync(db => db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Name == name));

    [Theory]
    [InlineData("leader")]
    [InlineData("secretary")]
    [InlineData("observer")]
    public async Task Only_staff_reach_the_import(string userName)
    {
        using var session = await SignInAsync(userName);

        foreach (var url in new[] { "/Organizations/Import", "/Organizations/Import?handler=Template", "/Organizations/Import?handler=Export" })
        {
            using var response = await session.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{userName} got {(int)response.StatusCode} for {url}");
        }

        Assert.Null((await session.GetAsync("/Organizations")).QuerySelector("a[href='/Organizations/Import']"));
    }

    [Fact]
    public async Task Template_has_the_Chinese_header_row_and_an_instructions_sheet()
    {
        using var admin = await SignInAsync("admin");
        var index = await admin.GetAsync("/Organizations");
        Assert.NotNull(index.QuerySelector("a[href='/Organizations/Import']"));

        var bytes = await admin.Client.GetByteArrayAsync("/Organizations/Import?handler=Template");
        var workbook = ExcelWorkbook.Read(bytes);

        Assert.Empty(workbook.SchemaErrors);
        Assert.Equal(["党组织", "填写说明"], workbook.SheetNames);
        Assert.Equal(["党组织代码", "党组织名称", "上级党组织", "组织类型", "所属领域", "排序号", "书记姓名", "书记职务", "书记手机号", "登录账号"], workbook.Sheet("党组织")[0]);
        var rules = workbook.Sheet("填写说明");
        Assert.Contains(rules, r => r.Count > 1 && r[0] == "上级党组织" && r[1].Contains("中共江州市委员会/中共清河区委员会", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Count > 1 && r[0] == "所属领域" && r[1].Contains("村（社区）", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dry_run_shows_every_error_with_row_column_and_reason_and_writes_nothing()
    {
        using var admin = await SignInAsync("admin");
        var before = await CountsAsync();
        var bytes = await XlsxAsync(async sheet =>
        {
            // Row 11: a formula in the name; rows 12-13: a merged parent cell.
            await sheet.AddRowAsync([new Cell(""), new Cell(new Formula("CONCATENATE(\"公式\",\"党委\")")), new Cell(Qinghe), new Cell("党委"), new Cell("街道")]);
            await sheet.AddRowAsync([new Cell(""), new Cell("合并甲党委"), new Cell(Qinghe), new Cell("党委"), new Cell("街道")]);
            await sheet.AddRowAsync([new Cell(""), new Cell("合并乙党委"), new Cell(""), new Cell("党委"), new Cell("街道")]);
            sheet.MergeCells("C12:C13");
        },
            Unit("新建甲党委", parent: "不存在的党委"),                          // 2 unknown parent
            Unit("中共清河区桃源镇委员会", code: "NEW-TY"),                      // 3 duplicate name under one parent
            Unit("循环甲党委", parent: "循环乙党委"),                            // 4 cycle
            Unit("循环乙党委", parent: "循环甲党委"),                            // 5 cycle
            Unit("类型错党委", type: "党小组"),                                  // 6 unknown type
            Unit("领域错党委", category: "农村"),                                // 7 unknown field
            Unit(new string('党', 101)),                                          // 8 name too long
            Unit("电话错党委", secretary: "李四", phone: "1380013800"),          // 9 bad phone
            Unit("无书记党委", title: "书记", phone: "13800138000"));            // 10 secretary data without a name

        var preview = await PreviewAsync(admin, bytes);
        var errors = Errors(preview);

        Assert.Contains(("2", "上级党组织", "上级党组织“不存在的党委”不存在或不在您的管理范围内。"), errors);
        Assert.Contains(("3", "党组织名称", "同一上级党组织下已有同名的党组织（已有党组织）。"), errors);
        Assert.Contains(("4", "上级党组织", "上级关系形成循环（第4、5行互为上级）。"), errors);
        Assert.Contains(("5", "上级党组织", "上级关系形成循环（第4、5行互为上级）。"), errors);
        Assert.Contains(errors, e => e is ("6", "组织类型", _) && e.Reason.StartsWith("未知的组织类型“党小组”", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is ("7", "所属领域", _) && e.Reason.StartsWith("未知的所属领域“农村”", StringComparison.Ordinal));
        Assert.Contains(("8", "党组织名称", "党组织名称过长：不能超过100个字（现有101个字）。"), errors);
        Assert.Contains(errors, e => e is ("9", "书记手机号", _) && e.Reason.StartsWith("手机号“1380013800”格式不正确", StringComparison.Ordinal));
        Assert.Contains(("10", "书记姓名", "填写了书记职务、手机号或登录账号，但未填写书记姓名。"), errors);
        Assert.Contains(errors, e => e is ("11", "党组织名称", _) && e.Reason.StartsWith("单元格含公式", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is ("12", "上级党组织", _) && e.Reason.StartsWith("含合并单元格（C12:C13）", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is ("13", "上级党组织", _) && e.Reason.StartsWith("含合并单元格（C12:C13）", StringComparison.Ordinal));
        Assert.Equal("12", Count(preview, "error"));
        Assert.Null(preview.QuerySelector("main form button[type=submit]"));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Apply_creates_updates_and_moves_records_history_and_a_reimport_changes_nothing()
    {
        using var admin = await SignInAsync("admin");
        var bytes = await XlsxAsync(
            Unit("锦绣社区第一党支部", parent: "东城街道锦绣社区党委", type: "党支部", category: "村（社区）", sort: "2"),
            Unit("东城街道锦绣社区党委", parent: "中共清河区东城街道工作委员会", category: "村（社区）", code: "QH-JX", secretary: "王建国", title: "党委书记", phone: "13812345678"),
            Unit("中共清河区西城街道工作委员会", type: "党工委", secretary: "周新", title: "街道党工委书记", phone: "0710-5551234"),
            Unit("中共清河区财政局党组", parent: "中共清河区直属机关工作委员会", type: "党组", category: "区直机关", code: "QH-CZ"));
        await DbAsync(async db =>
        {
            // Without a code the full path is the key, so a move needs the unit's 党组织代码.
            (await db.Organizations.SingleAsync(o => o.Name == "中共清河区财政局党组")).SetCode("QH-CZ");
            return await db.SaveChangesAsync();
        });
        var before = await CountsAsync();

        var preview = await PreviewAsync(admin, bytes);

        Assert.Equal(("2", "1", "1", "0"), (Count(preview, "create"), Count(preview, "update"), Count(preview, "move"), Count(preview, "error")));
        Assert.Contains("书记由李春梅变更为周新", preview.QuerySelector("#import-update")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());

        var result = await ApplyAsync(admin, preview);

        Assert.Equal("导入结果", result.Heading());
        Assert.Contains("新建2个，更新1个，调整上级1个", result.MainText(), StringComparison.Ordinal);
        var community = (await FindAsync("东城街道锦绣社区党委"))!;
        var branch = (await FindAsync("锦绣社区第一党支部"))!;
        Assert.Equal("QH-JX", community.Code);
        Assert.Equal("王建国", community.Secretary!.Name);
        Assert.Equal(community.Id, branch.ParentId);
        Assert.Equal(2, branch.SortOrder);
        Assert.Equal(OrganizationType.Branch, branch.Type);
        var finance = (await FindAsync("中共清河区财政局党组"))!;
        Assert.Equal((await FindAsync("中共清河区直属机关工作委员会"))!.Id, finance.ParentId);
        var xicheng = (await FindAsync("中共清河区西城街道工作委员会"))!;
        Assert.Equal(("周新", "0710-5551234"), (xicheng.Secretary!.Name, xicheng.Secretary.Phone));
        var history = await DbAsync(db => db.OrganizationChanges.Where(c => c.OrganizationId == xicheng.Id).Select(c => new { c.Kind, c.Description, c.ActorName }).ToListAsync());
        var secretaryLine = Assert.Single(history, h => h.Kind == OrganizationChangeKind.SecretaryChanged);
        Assert.Matches(@"^书记由李春梅变更为周新（\d{4}年\d{1,2}月\d{1,2}日，批量导入）$", secretaryLine.Description);
        Assert.Equal("马文", secretaryLine.ActorName);
        Assert.Contains(await DbAsync(db => db.OrganizationChanges.Where(c => c.OrganizationId == finance.Id).Select(c => c.Kind).ToListAsync()), k => k == OrganizationChangeKind.Moved);
        // One save, one moment: the lines of a unit compare as a set.
        Assert.Equal(
            ["新建党组织（党委，村（社区））（批量导入）", $"登记书记王建国（{_clock.Now.ToOffset(TimeSpan.FromHours(8)):yyyy年M月d日}，批量导入）"],
            (await DbAsync(db => db.OrganizationChanges.Where(c => c.OrganizationId == community.Id).Select(c => c.Description).ToListAsync())).Order(StringComparer.Ordinal));

        var after = await CountsAsync();
        var again = await PreviewAsync(admin, bytes);

        Assert.Equal(("0", "0", "0", "4"), (Count(again, "create"), Count(again, "update"), Count(again, "move"), Count(again, "unchanged")));
        Assert.True(again.QuerySelector("main form button[type=submit]")!.HasAttribute("disabled"));
        Assert.Equal(after, await CountsAsync());
    }

    [Fact]
    public async Task A_change_to_the_tree_between_preview_and_apply_is_refused_and_previewed_again()
    {
        using var admin = await SignInAsync("admin");
        var preview = await PreviewAsync(admin, await XlsxAsync(Unit("中共清河区西城街道工作委员会", type: "党工委", secretary: "周新")));
        Assert.Equal("1", Count(preview, "update"));

        // Meanwhile someone records 周新 as the secretary on the unit page.
        await DbAsync(async db =>
        {
            var unit = await db.Organizations.SingleAsync(o => o.Name == "中共清河区西城街道工作委员会");
            unit.AssignSecretary(Secretary.Create("周新", null, null, null));
            return await db.SaveChangesAsync();
        });
        var before = await CountsAsync();

        using var response = await admin.SubmitAsync(preview, "main form", []);
        var page = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("预览之后党组织架构已被他人修改，未写入任何内容", page.QuerySelector("#import-notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(("0", "1"), (Count(page, "update"), Count(page, "unchanged")));
        Assert.Equal(before, await CountsAsync());
        Assert.Empty(await DbAsync(db => db.OrganizationChanges.Where(c => c.Description.Contains("批量导入")).ToListAsync()));
    }

    [Fact]
    public async Task After_a_refused_apply_only_the_new_preview_can_be_confirmed_not_the_page_before()
    {
        using var admin = await SignInAsync("admin");
        var old = await PreviewAsync(admin, await XlsxAsync(Unit("中共清河区西城街道工作委员会", type: "党工委", secretary: "周新"), Unit("预览测试党委")));
        await DbAsync(async db =>
        {
            var unit = await db.Organizations.SingleAsync(o => o.Name == "中共清河区西城街道工作委员会");
            unit.AssignSecretary(Secretary.Create("周新", null, null, null));
            return await db.SaveChangesAsync();
        });

        // The first click is refused and shows the new plan; the second click of a double-click still posts the old page.
        using var first = await admin.SubmitAsync(old, "main form", []);
        var fresh = await Session.ParseAsync(first);
        var before = await CountsAsync();
        using var second = await admin.SubmitAsync(old, "main form", []);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("预览之后党组织架构已被他人修改，未写入任何内容", (await Session.ParseAsync(second)).QuerySelector("#import-notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
        using var confirmed = await admin.SubmitAsync(fresh, "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(1, await DbAsync(db => db.Organizations.CountAsync(o => o.Name == "预览测试党委")));
    }

    [Fact]
    public async Task Organizer_cannot_rename_or_reclassify_her_own_district_by_import_but_may_change_its_secretary()
    {
        await DbAsync(async db =>
        {
            var unit = await db.Organizations.SingleAsync(o => o.Name == "中共清河区委员会");
            unit.SetCode("QH");
            return await db.SaveChangesAsync();
        });
        using var organizer = await SignInAsync("organizer");

        var renamed = await PreviewAsync(organizer, await XlsxAsync(Unit("中共清河区委员会（改）", parent: "中共江州市委员会", code: "QH")));
        var secretary = await PreviewAsync(organizer, await XlsxAsync(Unit("中共清河区委员会", parent: "中共江州市委员会", type: "党委", category: "地方党委", code: "QH", secretary: "新书记")));

        Assert.Contains(Errors(renamed), e => e.Column == "党组织名称" && e.Reason.Contains("由上级组织部门维护", StringComparison.Ordinal));
        Assert.Null(renamed.QuerySelector("main form button[type=submit]:not([disabled])"));
        Assert.Empty(Errors(secretary));
        Assert.Equal("1", Count(secretary, "update"));
    }

    [Fact]
    public async Task A_repeated_apply_changes_nothing_twice()
    {
        using var admin = await SignInAsync("admin");
        var preview = await PreviewAsync(admin, await XlsxAsync(Unit("双击测试党委")));

        using var first = await admin.SubmitAsync(preview, "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var after = await CountsAsync();
        using var second = await admin.SubmitAsync(preview, "main form", []);

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(after, await CountsAsync());
        Assert.Equal(1, await DbAsync(db => db.Organizations.CountAsync(o => o.Name == "双击测试党委")));
        Assert.Empty(await DbAsync(db => db.UnitImports.Where(u => u.FileBytes.Length > 0).ToListAsync()));
    }

    [Fact]
    public async Task Organizer_cannot_import_into_another_district()
    {
        using var organizer = await SignInAsync("organizer");
        var before = await CountsAsync();

        var preview = await PreviewAsync(organizer, await XlsxAsync(
            Unit("越权党委", parent: "中共柳林区委员会"),
            Unit("越权乙党委", parent: "中共江州市委员会/中共柳林区委员会"),
            Unit("本区新党委", parent: "中共清河区委员会")));

        var errors = Errors(preview);
        Assert.Contains(("2", "上级党组织", "上级党组织“中共柳林区委员会”不存在或不在您的管理范围内。"), errors);
        Assert.Contains(errors, e => e is ("3", "上级党组织", _));
        Assert.Equal("1", Count(preview, "create"));
        Assert.Null(preview.QuerySelector("main form button[type=submit]"));
        Assert.Equal(before, await CountsAsync());
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "pdf", "只接受Excel（.xlsx）或CSV文件。所选文件的内容不是电子表格（与文件扩展名无关）。" },
        { "encrypted", "文件设置了打开密码或是旧版Excel（.xls）格式，无法读取。请在Excel中取消密码保护，另存为.xlsx后再上传。" },
        { "docx", "这不是Excel（.xlsx）工作簿，请上传批量导入模板填写后的.xlsx或CSV文件。" },
        { "big", "文件大小超过1MB的限制，请拆分后分批导入。" },
        { "rows", "文件超过20000行的上限，请拆分后分批导入。" },
        { "bomb", "文件解压后异常巨大（疑似压缩炸弹），已拒绝。" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_files_are_refused_next_to_the_file_field_and_nothing_is_written(string kind, string message)
    {
        using var admin = await SignInAsync("admin");
        var bytes = kind switch
        {
            "pdf" => "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n\0"u8.ToArray(),
            "encrypted" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[4096]],
            "docx" => Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types/>")), ("word/document.xml", Encoding.UTF8.GetBytes("<w:document/>"))),
            "big" => [.. await XlsxAsync(Unit("大文件党委")), .. RandomBytes(1024 * 1024)],
            "rows" => await XlsxAsync([.. Enumerable.Range(1, 20_001).Select(i => Unit($"党支部{i}", type: "党支部"))]),
            "bomb" => Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types/>")), ("xl/workbook.xml", Encoding.UTF8.GetBytes("<workbook/>")),
                ("xl/worksheets/sheet1.xml", new byte[30 * 1024 * 1024])),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var before = await CountsAsync();

        using var response = await UploadAsync(admin, bytes, "组织.xlsx");
        var page = await Session.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.ErrorFor("file"));
        Assert.Equal("true", page.QuerySelector("#file")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(0, await DbAsync(db => db.UnitImports.CountAsync()));
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(18).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task New_accounts_get_one_time_passwords_readable_once_as_PDF_and_Excel_and_must_change_them()
    {
        using var admin = await SignInAsync("admin");
        var preview = await PreviewAsync(admin, await XlsxAsync(
            Unit("账号测试党委", secretary: "王建国", title: "党委书记", phone: "13812345678", account: "wang.jianguo")));
        Assert.Contains("新建书记账号wang.jianguo", preview.QuerySelector("#import-create")!.TextContent, StringComparison.Ordinal);

        var result = await ApplyAsync(admin, preview);

        var unit = (await FindAsync("账号测试党委"))!;
        var user = await DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "wang.jianguo"));
        Assert.Equal((unit.Id, true, "王建国"), (user.OrganizationId, user.MustChangePassword, user.DisplayName));
        Assert.Equal(user.Id, unit.Secretary!.UserId);
        Assert.True(await DbAsync(db => db.UserRoles.AnyAsync(r => r.UserId == user.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == "Secretary"))));
        Assert.DoesNotContain(await DbAsync(db => db.UnitImports.Select(u => u.SealedAccounts).SingleAsync()) ?? "", "wang.jianguo", StringComparison.Ordinal);

        using var excel = await admin.SubmitAsync(result, "form[action*=Excel]", []);
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        var rows = ExcelWorkbook.Read(await excel.Content.ReadAsByteArrayAsync()).Sheet("初始密码");
        Assert.Equal(["党组织", "书记", "用户名", "初始密码"], rows[0]);
        Assert.Equal(["账号测试党委", "王建国", "wang.jianguo"], rows[1].Take(3));
        var password = rows[1][3];

        using var pdf = await admin.SubmitAsync(result, "form[action*=Pdf]", []);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var text = PdfText.TextOf(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains(password, text, StringComparison.Ordinal);
        Assert.Contains("wang.jianguo", text, StringComparison.Ordinal);

        // Each list once: a second download is refused and the passwords are gone from storage.
        using var again = await admin.SubmitAsync(result, "form[action*=Excel]", []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var refused = await admin.FollowAsync(again);
        Assert.Contains("初始密码清单已下载过或已超过10分钟，不能再次获取。", refused.MainText(), StringComparison.Ordinal);
        Assert.Null(refused.QuerySelector("form[action*=Pdf]"));
        Assert.Null(await DbAsync(db => db.UnitImports.Select(u => u.SealedAccounts).SingleAsync()));

        using var secretary = await SignInAsync("wang.jianguo", password);
        using var home = await secretary.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/ChangePassword", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initial_passwords_are_erased_after_ten_minutes_without_a_download()
    {
        using var admin = await SignInAsync("admin");
        var preview = await PreviewAsync(admin, await XlsxAsync(Unit("过期测试党委", secretary: "赵六", account: "zhao.liu")));
        var result = await ApplyAsync(admin, preview);
        Assert.NotNull(result.QuerySelector("form[action*=Pdf]"));

        _clock.Now = _clock.Now.AddMinutes(11);
        using var late = await admin.SubmitAsync(result, "form[action*=Excel]", []);

        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        var page = await admin.FollowAsync(late);
        Assert.Contains("已超过10分钟，不能再次获取", page.MainText(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*=Excel]"));
        Assert.Null(await DbAsync(db => db.UnitImports.Select(u => u.SealedAccounts).SingleAsync()));
    }

    [Fact]
    public async Task A_refreshed_preview_after_the_apply_shows_the_result_and_another_user_cannot_open_the_upload()
    {
        using var admin = await SignInAsync("admin");
        var preview = await PreviewAsync(admin, await XlsxAsync(Unit("刷新测试党委")));
        using var organizer = await SignInAsync("organizer");
        using var foreign = await organizer.Client.GetAsync(preview.Url);
        Assert.Equal(HttpStatusCode.Redirect, foreign.StatusCode);
        Assert.Contains("该导入已过期", (await organizer.FollowAsync(foreign)).MainText(), StringComparison.Ordinal);

        await ApplyAsync(admin, preview);
        using var refreshed = await admin.Client.GetAsync(preview.Url);
        var page = await admin.FollowAsync(refreshed);

        Assert.Equal("导入结果", page.Heading());
        Assert.Contains("新建1个", page.QuerySelector("#import-summary")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("已过期", page.MainText(), StringComparison.Ordinal);
        Assert.Equal(1, await DbAsync(db => db.Organizations.CountAsync(o => o.Name == "刷新测试党委")));
    }

    [Fact]
    public async Task Export_then_import_of_that_file_changes_nothing_and_formula_like_names_stay_text()
    {
        using var admin = await SignInAsync("admin");
        await DbAsync(async db =>
        {
            var parent = await db.Organizations.SingleAsync(o => o.Name == "中共清河区委员会");
            foreach (var (name, i) in FormulaLikeNames.Select((n, i) => (n, i)))
            {
                var unit = Organization.CreateChild(parent, name, OrganizationType.Branch, OrganizationCategory.Other);
                unit.SetCode($"F{i}");
                unit.SetSortOrder(7);
                db.Organizations.Add(unit);
            }

            return await db.SaveChangesAsync();
        });

        var bytes = await admin.Client.GetByteArrayAsync("/Organizations/Import?handler=Export");
        var sheet = ExcelWorkbook.Read(bytes).Sheet("党组织");
        Assert.Contains(sheet, r => r.Count > 1 && r[1] == "=1+1党支部" && r[2] == Qinghe && r[5] == "7");
        Assert.Contains(sheet, r => r.Count > 6 && r[1] == "中共清河区东城街道工作委员会" && r[6] == "王晓东" && r[9] == "secretary");
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            Assert.Empty(document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet!.Descendants<DocumentFormat.OpenXml.Spreadsheet.CellFormula>()));
        }

        var before = await CountsAsync();
        var preview = await PreviewAsync(admin, bytes, "导出.xlsx");

        Assert.Equal(("0", "0", "0", "0"), (Count(preview, "create"), Count(preview, "update"), Count(preview, "move"), Count(preview, "error")));
        Assert.Equal((sheet.Count(r => r.Count > 1 && r[1].Length > 0) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Count(preview, "unchanged"));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Organizer_exports_only_their_district()
    {
        using var organizer = await SignInAsync("organizer");
        var sheet = ExcelWorkbook.Read(await organizer.Client.GetByteArrayAsync("/Organizations/Import?handler=Export")).Sheet("党组织");

        Assert.Equal(["", "中共清河区委员会", "中共江州市委员会"], sheet[1].Take(3));
        Assert.DoesNotContain(sheet, r => r.Count > 1 && r[1].Contains("柳林", StringComparison.Ordinal));

        var preview = await PreviewAsync(organizer, ExcelWorkbookBytes(sheet));
        Assert.Equal(("0", "0"), (Count(preview, "error"), Count(preview, "create")));
    }

    private static byte[] ExcelWorkbookBytes(IReadOnlyList<IReadOnlyList<string>> sheet) =>
        XlsxAsync([.. sheet.Skip(1).Select(r => Enumerable.Range(0, 10).Select(i => i < r.Count ? r[i] : "").ToArray())]).GetAwaiter().GetResult();

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf8bom")]
    [InlineData("gb18030")]
    public async Task CSV_in_UTF8_or_GB18030_is_read(string encoding)
    {
        using var admin = await SignInAsync("admin");
        var csv = string.Join("\r\n", string.Join(",", UnitImportColumns.All), $",\"CSV测试党委，甲\",{Qinghe},党委,街道,3,李四,书记,13812345678,") + "\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = encoding switch
        {
            "utf8" => Encoding.UTF8.GetBytes(csv),
            "utf8bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv)],
            _ => Encoding.GetEncoding(54936).GetBytes(csv),
        };

        var preview = await PreviewAsync(admin, bytes, "导入.csv");

        Assert.Equal(("1", "0"), (Count(preview, "create"), Count(preview, "error")));
        Assert.Contains("中共江州市委员会/中共清河区委员会/CSV测试党委，甲", preview.QuerySelector("#import-create")!.TextContent, StringComparison.Ordinal);
    }
}
