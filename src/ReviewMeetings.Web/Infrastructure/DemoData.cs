using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Organizations.Import;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// The fictional 江州市 / 清河区 / 柳林区 tree (the example import file docs/examples/demo-units.csv) and one account per
/// role (docs/domain.md §7). All names are invented.
/// Seeded once into an empty database; the accounts only sign in while demo data is enabled.
/// </summary>
internal static class DemoData
{
    public const string Password = "Qinghe@2025";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin", "马文", "江州市委组织部信息中心", Role.Administrator, "中共江州市委员会"),
        new("organizer", "林晓燕", "清河区委组织部组织科", Role.Organizer, "中共清河区委员会"),
        new("organizer.liulin", "宋佳", "柳林区委组织部组织科", Role.Organizer, "中共柳林区委员会"),
        new("leader", "陈立群", "清河区委书记", Role.Leader, "中共清河区委员会"),
        new("secretary", "王晓东", "东城街道党工委书记", Role.Secretary, "中共清河区东城街道工作委员会"),
        new("observer", "黄振华", "江州市委组织部组织二处", Role.Observer, "中共江州市委员会"),
    ];

    public static async Task SeedAsync(IServiceProvider services, ILogger logger)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var withMeetings = services.GetRequiredService<IConfiguration>().GetValue("DemoData:Meetings", true);
        if (!await db.Organizations.AnyAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var (units, secretaryAccounts) = BuildTree();
            db.Organizations.AddRange(units);
            await db.SaveChangesAsync();
            await CreateAccountsAsync(
                services.GetRequiredService<UserManager<AppUser>>(), units, secretaryAccounts, services.GetRequiredService<TimeProvider>().GetUtcNow());
            await db.SaveChangesAsync();
            if (withMeetings)
            {
                await AddMeetingsAsync(db, units);
                await db.SaveChangesAsync();
            }
            await transaction.CommitAsync();
            logger.LogInformation("Seeded demo data: {Units} units, {Accounts} accounts", units.Count, Accounts.Count);
        }

        foreach (var account in Accounts)
        {
            logger.LogInformation(
                "Demo account {UserName} / {Password}: {Role}, {Name} ({Department})",
                account.UserName, Password, account.Role.ChineseName(), account.DisplayName, account.Department);
        }
    }

    /// <summary>
    /// The demo accounts keep their published password: they are not forced to change it, and it does not expire
    /// (PasswordChange), because they work only where demo data is enabled, never in Production. An account named in the
    /// example file's 登录账号 column becomes that unit's secretary's account.
    /// </summary>
    private static async Task CreateAccountsAsync(
        UserManager<AppUser> users, List<Organization> units, Dictionary<string, Organization> secretaryAccounts, DateTimeOffset now)
    {
        var unknown = secretaryAccounts.Keys.Where(name => !Accounts.Any(a => a.UserName.Equals(name, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException("The example import file names accounts the demo does not create: " + string.Join(", ", unknown));
        }

        foreach (var account in Accounts)
        {
            var unit = units.Single(u => u.Name == account.UnitName);
            var user = new AppUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                Department = account.Department,
                OrganizationId = unit.Id,
                IsDemo = true,
                CreatedAt = now,
            };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, account.Role.ToString()));
            if (secretaryAccounts.GetValueOrDefault(account.UserName) is { Secretary: { } secretary } linked)
            {
                linked.AssignSecretary(Secretary.Create(secretary.Name, secretary.Title, secretary.Phone, user.Id));
            }
        }
    }

    /// <summary>Last year's finished meeting (with its comments released as problem lists) and this year's published one, both hosted by 清河区.</summary>
    private static async Task AddMeetingsAsync(AppDbContext db, List<Organization> units)
    {
        var qinghe = units.Single(u => u.Name == "中共清河区委员会");
        var organizer = await db.Users.SingleAsync(u => u.UserName == "organizer");
        var leader = await db.Users.SingleAsync(u => u.UserName == "leader");
        var secretary = await db.Users.SingleAsync(u => u.UserName == "secretary");
        var inScope = units.Where(u => u.ParentId == qinghe.Id).ToList();
        var onSite = inScope.Where(u => u.Category is OrganizationCategory.Street or OrganizationCategory.Town).ToList();

        Meeting Schedule(int year, DateOnly date, DateTimeOffset at)
        {
            var meeting = Meeting.Create(qinghe.Id, Meeting.SuggestTitle(qinghe.Name, year), year, organizer.Id, at);
            meeting.UpdateDetails(new MeetingDetails(
                Meeting.SuggestTitle(qinghe.Name, year), year, date, new TimeOnly(9, 0), "区委第一会议室", ["各街道（镇）分会场"],
                "区委书记 陈立群", Meeting.DefaultTimeLimitMinutes, date.AddDays(-7)));
            meeting.SetLeaders([leader.Id], [GuidanceAttendee.Create("刘振宇", "江州市委组织部组织二处处长")]);
            foreach (var unit in inScope)
            {
                meeting.AddReporter(unit, onSite.Contains(unit) ? ReportMode.OnSite : ReportMode.Written);
            }

            meeting.DrawLots(year, organizer.Id, at);
            meeting.SetAttendance(
            [
                new AttendanceDraft(null, "区级领导", 12),
                new AttendanceDraft(null, "部门负责人", 40),
                new AttendanceDraft(null, "党代表、人大代表、政协委员", 30),
                new AttendanceDraft(null, "基层党员群众代表", 20),
            ]);
            meeting.Publish(inScope.Select(u => u.Id).ToList(), organizer.Id, at);
            return meeting;
        }

        var lastYear = Schedule(2025, new DateOnly(2026, 1, 15), new DateTimeOffset(2025, 12, 20, 2, 0, 0, TimeSpan.Zero));
        var held = new DateTimeOffset(2026, 1, 15, 1, 0, 0, TimeSpan.Zero);
        lastYear.StartSession(organizer.Id, held);
        lastYear.StartEvaluation(organizer.Id, held.AddHours(2));
        lastYear.Close(organizer.Id, held.AddHours(3));
        DemoRectification.Add(db, lastYear, leader, organizer, secretary);
        db.Meetings.Add(lastYear);
        db.Meetings.Add(Schedule(2026, new DateOnly(2026, 12, 28), new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero)));
    }

    /// <summary>
    /// The demo tree is the example import file docs/examples/demo-units.csv (embedded in the assembly), read and planned by
    /// the import's own reader and planner, so the example a department starts from is exactly what the demo shows. The
    /// plan is written here rather than by <see cref="UnitImports"/>: seeding has no signed-in user to record in the units'
    /// history, and the demo creates its own accounts with the published password instead of initial ones. Returns the
    /// units in the file's order and, for every 登录账号 of the file, the unit whose secretary that account is.
    /// </summary>
    private static (List<Organization> Units, Dictionary<string, Organization> SecretaryAccounts) BuildTree()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("ReviewMeetings.Web.DemoUnits")
            ?? throw new InvalidOperationException("The example import file is missing from the assembly.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        var rows = UnitImportFile.Read(bytes.ToArray(), long.MaxValue);

        // The planner plans below a stored root, as an import does below the root made by AdminBootstrap.
        var top = rows.Single(r => r[UnitImportColumns.Parent].Length == 0);
        var root = Organization.CreateRoot(top[UnitImportColumns.Name], OrganizationType.PartyCommittee, OrganizationCategory.Local);
        var context = new UnitImportContext(
            [new ExistingUnit(root.Id, null, root.Name, null, root.Type, root.Category, root.SortOrder, IsActive: true, Secretary: null)],
            root.Id, [], new HashSet<string>(), new Dictionary<string, Guid>(), MayRestructureRoot: true);
        var plan = UnitImportPlanner.Plan(rows, context);
        if (plan.HasErrors)
        {
            throw new InvalidOperationException("The example import file has errors: " +
                string.Join(" ", plan.Problems.Select(p => $"row {p.RowNumber} {p.Column}: {p.Reason}")));
        }

        var byRow = new Dictionary<int, Organization>();
        var accounts = new Dictionary<string, Organization>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in plan.Rows)
        {
            var unit = row.ExistingId == root.Id
                ? root
                : Organization.CreateChild(row.ParentRow is { } parentRow ? byRow[parentRow] : root, row.Name, row.Type, row.Category);
            unit.Classify(row.Type, row.Category);
            unit.SetCode(row.Code);
            unit.SetSortOrder(row.SortOrder);
            if (row.Secretary is { } secretary)
            {
                unit.AssignSecretary(Secretary.Create(secretary.Name, secretary.Title, secretary.Phone, userId: null));
            }

            if (row.AccountUserName is { } userName)
            {
                accounts[userName] = unit;
            }

            byRow[row.RowNumber] = unit;
        }

        return (plan.Rows.OrderBy(r => r.RowNumber).Select(r => byRow[r.RowNumber]).ToList(), accounts);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

internal sealed record DemoAccount(string UserName, string DisplayName, string Department, Role Role, string UnitName);
