using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Organizations.Import;

/// <summary>
/// The unit import's work against the database: reads the user's subtree for the planner (<see cref="UnitImportPlanner"/>),
/// keeps an upload between preview and apply (<see cref="UnitImportUpload"/>), applies a plan in one transaction
/// (re-reading and re-planning first, and refusing when the plan is not the one previewed) and exports the subtree
/// to the template.
/// </summary>
public sealed class UnitImports(
    AppDbContext db,
    OrganizationScope scope,
    Saver saver,
    UserManager<AppUser> users,
    TimeProvider clock,
    IDataProtectionProvider protection,
    IConfiguration configuration,
    IHttpContextAccessor httpContextAccessor)
{
    /// <summary>Serializes imports: two applies never plan against each other's half-written tree.</summary>
    private const long ApplyLock = 0x18_1_1_0001;

    public long MaxBytes => UnitImportFile.MaxBytesIn(configuration);

    private IDataProtector Protector => protection.CreateProtector("ReviewMeetings.UnitImport.Accounts");

    public async Task<UnitImportPlan> PlanAsync(IReadOnlyList<UnitImportRow> rows, CancellationToken cancellationToken)
    {
        var (context, _) = await LoadAsync(rows, tracked: false, cancellationToken);
        return UnitImportPlanner.Plan(rows, context);
    }

    /// <summary>The upload of <paramref name="userId"/> with this id while it can still be previewed or applied.</summary>
    public Task<UnitImportUpload?> FindPendingAsync(Guid id, Guid userId, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddHours(-UnitImportUpload.ExpiryHours);
        return db.UnitImports.SingleOrDefaultAsync(u => u.Id == id && u.UserId == userId && u.AppliedAt == null && u.CreatedAt > since, cancellationToken);
    }

    /// <summary>Keeps a readable upload for its preview; drops expired uploads and expired passwords on the way.</summary>
    public async Task<UnitImportUpload> StoreAsync(Guid userId, string fileName, byte[] bytes, string fingerprint, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.UnitImports.Where(u => u.CreatedAt < now.AddHours(-UnitImportUpload.ExpiryHours)).ExecuteDeleteAsync(cancellationToken);
        await EraseExpiredAccountsAsync(cancellationToken);
        var upload = new UnitImportUpload
        {
            UserId = userId,
            CreatedAt = now,
            FileName = fileName.Length > UnitImportUpload.FileNameMaxLength ? fileName[..UnitImportUpload.FileNameMaxLength] : fileName,
            FileBytes = bytes,
            PlanFingerprint = fingerprint,
        };
        db.UnitImports.Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        return upload;
    }

    /// <summary>
    /// Applies the upload in one transaction: re-reads the file and the tree, re-plans, and writes only when the plan is
    /// the one the user previewed and has no errors. The upload is consumed, so a repeated apply finds nothing to do.
    /// </summary>
    /// <param name="previewed">The fingerprint of the plan the user confirmed, posted by the preview page.</param>
    public async Task<ApplyOutcome> ApplyAsync(Guid id, string previewed, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.UserId();
        ApplyOutcome outcome = new(ApplyResult.Gone, null);
        var failure = await saver.TrySaveAsync(async () =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ApplyLock})", cancellationToken);
            var upload = await FindPendingAsync(id, userId, cancellationToken);
            if (upload is null)
            {
                outcome = new ApplyOutcome(ApplyResult.Gone, null);
                return;
            }

            var rows = UnitImportFile.Read(upload.FileBytes, long.MaxValue);
            var (context, units) = await LoadAsync(rows, tracked: true, cancellationToken);
            var plan = UnitImportPlanner.Plan(rows, context);
            if (plan.Fingerprint != previewed || plan.HasErrors)
            {
                outcome = new ApplyOutcome(ApplyResult.Changed, plan);
                return;
            }

            // The passwords are hashed on the other cores while the units are written.
            var secrets = Task.Run(() => NewInitialSecrets(plan.Rows.Count(NewAccount), cancellationToken), cancellationToken);
            var accounts = await WriteAsync(plan, units, user, secrets, cancellationToken);
            upload.AppliedAt = clock.GetUtcNow();
            upload.FileBytes = [];
            upload.Summary = $"新建{plan.Count(UnitImportAction.Create)}个，更新{plan.Count(UnitImportAction.Update)}个，" +
                $"调整上级{plan.Count(UnitImportAction.Move)}个，未变{plan.Count(UnitImportAction.Unchanged)}个，新建账号{accounts.Count}个。";
            upload.SealedAccounts = accounts.Count == 0 ? null : Protector.Protect(JsonSerializer.Serialize(accounts));
            outcome = new ApplyOutcome(ApplyResult.Applied, plan);
        }, cancellationToken);
        if (failure is not null)
        {
            db.ChangeTracker.Clear();
            return new ApplyOutcome(ApplyResult.Conflict, null, failure.MessageOr("导入时党组织架构已被他人修改，本次未写入任何内容。请核对新的预览后再次确认。"));
        }

        return outcome;
    }

    /// <summary>The new accounts of an applied upload while this format has not been downloaded and the window is open; else null.</summary>
    public async Task<(List<InitialAccount> Accounts, uint Version)?> ReadAccountsAsync(Guid id, Guid userId, bool pdf, CancellationToken cancellationToken)
    {
        var upload = await db.UnitImports.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.UserId == userId && u.AppliedAt != null, cancellationToken);
        if (upload?.SealedAccounts is not { } sealedAccounts || AccountsExpired(upload) || (pdf ? upload.PdfTaken : upload.ExcelTaken))
        {
            return null;
        }

        return (JsonSerializer.Deserialize<List<InitialAccount>>(Protector.Unprotect(sealedAccounts))!, upload.Version);
    }

    /// <summary>
    /// Records that one format was downloaded (the passwords are erased once both were, or when the window has passed);
    /// false when someone else took it first (the row changed since <paramref name="version"/>), and then nothing may be sent.
    /// </summary>
    public async Task<bool> MarkTakenAsync(Guid id, bool pdf, uint version, CancellationToken cancellationToken)
    {
        var failure = await saver.TrySaveAsync(async () =>
        {
            var upload = await db.UnitImports.SingleAsync(u => u.Id == id, cancellationToken);
            db.Entry(upload).Property(u => u.Version).OriginalValue = version;
            upload.PdfTaken |= pdf;
            upload.ExcelTaken |= !pdf;
            if (upload.PdfTaken && upload.ExcelTaken)
            {
                upload.SealedAccounts = null;
            }
        }, cancellationToken);
        return failure is null;
    }

    /// <summary>Erases the passwords of uploads whose download window has passed.</summary>
    public Task EraseExpiredAccountsAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().AddMinutes(-UnitImportUpload.AccountsMinutes);
        return db.UnitImports.Where(u => u.SealedAccounts != null && u.AppliedAt < before)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SealedAccounts, (string?)null), cancellationToken);
    }

    public bool AccountsExpired(UnitImportUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return upload.AppliedAt is not { } at || clock.GetUtcNow() > at.AddMinutes(UnitImportUpload.AccountsMinutes);
    }

    /// <summary>The user's subtree as rows of the template, parents before children; export → import changes nothing.</summary>
    public async Task<List<IReadOnlyList<string>>> ExportRowsAsync(CancellationToken cancellationToken)
    {
        var (context, _) = await LoadAsync([], tracked: false, cancellationToken);
        var byParent = context.Units.ToLookup(u => u.Id == context.ScopeRootId ? null : u.ParentId);
        var ancestors = string.Join(UnitImportPlanner.PathSeparator, context.AncestorNames);
        var rows = new List<IReadOnlyList<string>>();
        void Add(ExistingUnit unit, string parentPath)
        {
            var s = unit.Secretary;
            rows.Add([unit.Code ?? "", unit.Name, parentPath, unit.Type.ChineseName(), unit.Category.ChineseName(),
                unit.SortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture), s?.Name ?? "", s?.Title ?? "", s?.Phone ?? "", s?.UserName ?? ""]);
            var path = parentPath.Length == 0 ? unit.Name : parentPath + UnitImportPlanner.PathSeparator + unit.Name;
            foreach (var child in byParent[unit.Id].OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.Ordinal))
            {
                Add(child, path);
            }
        }

        Add(context.Units.Single(u => u.Id == context.ScopeRootId), ancestors);
        return rows;
    }

    private async Task<(UnitImportContext Context, Dictionary<Guid, Organization> Units)> LoadAsync(
        IReadOnlyList<UnitImportRow> rows, bool tracked, CancellationToken cancellationToken)
    {
        var root = await scope.RootAsync(cancellationToken);
        var query = await scope.UnitsAsync(cancellationToken);
        var units = await (tracked ? query : query.AsNoTracking()).ToListAsync(cancellationToken);
        var ancestorIds = root.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).Where(a => a != root.UnitId).ToList();
        var ancestors = await db.Organizations.Where(o => ancestorIds.Contains(o.Id)).OrderBy(o => o.Depth).Select(o => o.Name).ToListAsync(cancellationToken);
        var secretaryIds = units.Select(u => u.Secretary?.UserId).OfType<Guid>().ToList();
        var secretaryNames = await db.Users.Where(u => secretaryIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? "", cancellationToken);
        var codes = rows.Select(r => r[UnitImportColumns.Code].ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
#pragma warning disable CA1304, CA1311 // Npgsql translates ToUpper() (SQL upper), not ToUpperInvariant(); codes are ASCII
        var outside = await db.Organizations.Where(o => o.Code != null && codes.Contains(o.Code.ToUpper()) && !o.Path.StartsWith(root.Path))
            .Select(o => o.Code!).ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311
        var accountNames = rows.Select(r => r[UnitImportColumns.Account].ToUpperInvariant()).Where(a => a.Length > 0).Distinct().ToList();
        var accounts = await db.Users.Where(u => accountNames.Contains(u.NormalizedUserName!))
            .Select(u => new { u.UserName, u.OrganizationId }).ToListAsync(cancellationToken);
        var existing = units.Select(u => new ExistingUnit(
            u.Id, u.ParentId, u.Name, u.Code, u.Type, u.Category, u.SortOrder, u.IsActive,
            u.Secretary is { } s ? new ExistingSecretary(s.Name, s.Title, s.Phone, s.UserId is { } sid ? secretaryNames.GetValueOrDefault(sid) : null) : null))
            .ToList();
        var context = new UnitImportContext(
            existing, root.UnitId, ancestors, outside.ToHashSet(StringComparer.OrdinalIgnoreCase),
            accounts.ToDictionary(a => a.UserName!, a => a.OrganizationId, StringComparer.OrdinalIgnoreCase),
            MayRestructureRoot: httpContextAccessor.HttpContext?.User.IsInRole(RoleNames.Administrator) == true);
        return (context, units.ToDictionary(u => u.Id));
    }

    /// <summary>Writes the plan to the tracked units (parents before children) and creates the accounts; returns the new accounts.</summary>
    private async Task<List<InitialAccount>> WriteAsync(
        UnitImportPlan plan, Dictionary<Guid, Organization> units, ClaimsPrincipal user, Task<(string Password, string Hash)[]> secrets, CancellationToken cancellationToken)
    {
        var byRow = new Dictionary<int, Organization>();
        var all = units.Values.ToList();
        var linkedNames = plan.Rows.Where(r => r.AccountAction == UnitImportAccount.Link).Select(r => users.NormalizeName(r.AccountUserName)).ToList();
        var linkedIds = await db.Users.Where(u => linkedNames.Contains(u.NormalizedUserName!))
            .ToDictionaryAsync(u => u.NormalizedUserName!, u => u.Id, cancellationToken);
        var today = clock.GetUtcNow().ToChineseDate();
        foreach (var row in plan.Rows.Where(r => r.Action != UnitImportAction.Unchanged))
        {
            Organization Parent() => row.ParentRow is { } parentRow ? byRow[parentRow] : units[row.ParentId!.Value];
            Organization unit;
            if (row.Action == UnitImportAction.Create)
            {
                unit = Organization.CreateChild(Parent(), row.Name, row.Type, row.Category);
                db.Organizations.Add(unit);
                all.Add(unit);
            }
            else
            {
                unit = units[row.ExistingId!.Value];
                if (row.Action == UnitImportAction.Move)
                {
                    var newParent = Parent();
                    unit.MoveUnder(newParent, all.Where(d => d != unit && d.Path.StartsWith(unit.Path, StringComparison.Ordinal)).ToList());
                }

                unit.Rename(row.Name);
                unit.Classify(row.Type, row.Category);
            }

            byRow[row.RowNumber] = unit;
            if (row.Code is not null)
            {
                unit.SetCode(row.Code);
            }

            unit.SetSortOrder(row.SortOrder);
            if (row.Secretary is { } secretary && row.SecretaryChanged && row.AccountAction != UnitImportAccount.Create)
            {
                var linked = row.AccountUserName is { } userName
                    ? linkedIds[users.NormalizeName(userName)]
                    : unit.Secretary?.Name == secretary.Name ? unit.Secretary.UserId : null;
                unit.AssignSecretary(Secretary.Create(secretary.Name, secretary.Title, secretary.Phone, linked));
            }

            foreach (var change in row.Changes.Where(c => c.Kind != OrganizationChangeKind.AccountCreated))
            {
                var text = change.Kind == OrganizationChangeKind.SecretaryChanged ? $"{change.Description}（{today}，批量导入）" : $"{change.Description}（批量导入）";
                db.RecordUnitChange(user, clock, unit.Id, change.Kind, text);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return await CreateAccountsAsync(plan, byRow, units, user, await secrets, cancellationToken);
    }

    /// <summary>
    /// The Secretary accounts of the plan, added to the same save, each with one of the initial <paramref name="secrets"/>
    /// (the user must change it at first sign-in). The planner has already checked the user names (characters, unique in the
    /// file and in the database); a name taken meanwhile fails the save on its unique index.
    /// </summary>
    private async Task<List<InitialAccount>> CreateAccountsAsync(
        UnitImportPlan plan, Dictionary<int, Organization> byRow, Dictionary<Guid, Organization> units, ClaimsPrincipal user,
        (string Password, string Hash)[] secrets, CancellationToken cancellationToken)
    {
        var rows = plan.Rows.Where(NewAccount).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var roleId = await db.Roles.Where(r => r.Name == RoleNames.Secretary).Select(r => r.Id).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var accounts = rows.Select((row, index) =>
        {
            var unit = byRow.TryGetValue(row.RowNumber, out var written) ? written : units[row.ExistingId!.Value];
            var account = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = row.AccountUserName,
                NormalizedUserName = users.NormalizeName(row.AccountUserName),
                SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
                DisplayName = row.Secretary!.Name,
                Department = unit.Name.Length > AppUser.DepartmentMaxLength ? unit.Name[..AppUser.DepartmentMaxLength] : unit.Name,
                OrganizationId = unit.Id,
                CreatedAt = now,
                PasswordChangedAt = now,
                PasswordHash = secrets[index].Hash,
                MustChangePassword = true,
            };
            return (Row: row, Unit: unit, Account: account, secrets[index].Password);
        }).ToList();

        var created = new List<InitialAccount>(accounts.Count);
        foreach (var (row, unit, account, password) in accounts)
        {
            db.Users.Add(account);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = account.Id, RoleId = roleId });
            unit.AssignSecretary(Secretary.Create(row.Secretary!.Name, row.Secretary.Title, row.Secretary.Phone, account.Id));
            db.RecordUnitChange(user, clock, unit.Id, OrganizationChangeKind.AccountCreated, $"新建书记账号{row.AccountUserName}（批量导入）");
            created.Add(new InitialAccount(unit.Name, row.Secretary.Name, row.AccountUserName!, password));
        }

        return created;
    }

    /// <summary>
    /// PBKDF2 iterations for the generated initial passwords. Stretching protects passwords people choose, which are guessable;
    /// a generated one carries about 64 bits of randomness (<see cref="InitialPassword"/>), so even 1,000 iterations put it out
    /// of reach of an offline search, where Identity's default 100,000 would make 5,000 accounts take minutes. The hash is
    /// upgraded to the default when the user first signs in (Identity rehashes on success), and the password is replaced
    /// at that sign-in anyway (<see cref="AppUser.MustChangePassword"/>).
    /// </summary>
    public const int InitialPasswordIterations = 1000;

    private static readonly PasswordHasher<AppUser> InitialPasswordHasher =
        new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = InitialPasswordIterations }));

    private static bool NewAccount(PlannedUnit row) => row.AccountAction == UnitImportAccount.Create && row.Action != UnitImportAction.Error;

    /// <summary><paramref name="count"/> new initial passwords with their hashes (<see cref="InitialPasswordHasher"/>), hashed on all cores.</summary>
    private static (string Password, string Hash)[] NewInitialSecrets(int count, CancellationToken cancellationToken)
    {
        var secrets = new (string Password, string Hash)[count];
        var placeholder = new AppUser();
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var password = InitialPassword();
            secrets[i] = (password, InitialPasswordHasher.HashPassword(placeholder, password));
        });
        return secrets;
    }

    /// <summary>12 random characters with upper- and lower-case letters, digits and symbols (no look-alikes such as 0/O, 1/l).</summary>
    public static string InitialPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string digits = "23456789";
        const string symbols = "#%+=?@";
        var chars = new List<char>();
        foreach (var (set, count) in new[] { (upper, 3), (lower, 4), (digits, 3), (symbols, 2) })
        {
            for (var i = 0; i < count; i++)
            {
                chars.Add(set[RandomNumberGenerator.GetInt32(set.Length)]);
            }
        }

        var shuffled = chars.ToArray();
        RandomNumberGenerator.Shuffle(shuffled.AsSpan());
        return new string(shuffled);
    }
}

public enum ApplyResult
{
    Applied,
    Changed,
    Gone,
    Conflict,
}

/// <summary>How an apply ended: written, refused because the plan changed (with the new plan), already applied or expired, or lost a race.</summary>
public sealed record ApplyOutcome(ApplyResult Result, UnitImportPlan? Plan, string? Message = null);

/// <summary>A new account with its one-time initial password, for the handout list.</summary>
public sealed record InitialAccount(string UnitName, string SecretaryName, string UserName, string Password);
