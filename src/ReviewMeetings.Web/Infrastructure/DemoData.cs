using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// The fictional 江州市 / 清河区 / 柳林区 tree and one account per role (docs/domain.md §7). All names are invented.
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
            var units = BuildTree();
            db.Organizations.AddRange(units);
            await db.SaveChangesAsync();
            await CreateAccountsAsync(services.GetRequiredService<UserManager<AppUser>>(), units, services.GetRequiredService<TimeProvider>().GetUtcNow());
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
    /// (PasswordChange), because they work only where demo data is enabled, never in Production.
    /// </summary>
    private static async Task CreateAccountsAsync(UserManager<AppUser> users, List<Organization> units, DateTimeOffset now)
    {
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
            if (account.Role is Role.Secretary or Role.Leader && unit.Secretary is { } secretary)
            {
                unit.AssignSecretary(Secretary.Create(secretary.Name, secretary.Title, secretary.Phone, user.Id));
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

    private static List<Organization> BuildTree()
    {
        var units = new List<Organization>();
        Organization Add(Organization? parent, string name, OrganizationType type, OrganizationCategory category, string secretary, string title, string phone)
        {
            var unit = parent is null
                ? Organization.CreateRoot(name, type, category)
                : Organization.CreateChild(parent, name, type, category);
            unit.AssignSecretary(Secretary.Create(secretary, title, phone, userId: null));
            units.Add(unit);
            return unit;
        }

        const OrganizationType committee = OrganizationType.PartyCommittee;
        const OrganizationType working = OrganizationType.WorkingCommittee;
        var city = Add(null, "中共江州市委员会", committee, OrganizationCategory.Local, "周明远", "市委书记", "0710-5550001");

        var qinghe = Add(city, "中共清河区委员会", committee, OrganizationCategory.Local, "陈立群", "区委书记", "0710-5551001");
        var dongcheng = Add(qinghe, "中共清河区东城街道工作委员会", working, OrganizationCategory.Street, "王晓东", "街道党工委书记", "13900001001");
        Add(dongcheng, "东城街道幸福里社区党总支", OrganizationType.GeneralBranch, OrganizationCategory.Community, "赵桂兰", "社区党总支书记", "13900001101");
        Add(dongcheng, "东城街道花园路社区党支部", OrganizationType.Branch, OrganizationCategory.Community, "钱立伟", "社区党支部书记", "13900001102");
        Add(qinghe, "中共清河区西城街道工作委员会", working, OrganizationCategory.Street, "李春梅", "街道党工委书记", "13900001002");
        Add(qinghe, "中共清河区南湖街道工作委员会", working, OrganizationCategory.Street, "赵文斌", "街道党工委书记", "13900001003");
        Add(qinghe, "中共清河区北苑街道工作委员会", working, OrganizationCategory.Street, "刘佳宁", "街道党工委书记", "13900001004");
        Add(qinghe, "中共清河区桃源镇委员会", committee, OrganizationCategory.Town, "孙海涛", "镇党委书记", "13900001005");
        Add(qinghe, "中共清河区柳溪镇委员会", committee, OrganizationCategory.Town, "周丽华", "镇党委书记", "13900001006");
        Add(qinghe, "中共清河区石桥镇委员会", committee, OrganizationCategory.Town, "吴建军", "镇党委书记", "13900001007");
        Add(qinghe, "中共清河区直属机关工作委员会", OrganizationType.OrganWorkingCommittee, OrganizationCategory.DistrictOrgan, "郑红", "区直机关工委书记", "13900001008");
        Add(qinghe, "中共清河经济开发区工作委员会", working, OrganizationCategory.DevelopmentZone, "钱宇航", "开发区党工委书记", "13900001009");
        Add(qinghe, "中共清河区“两新”组织工作委员会", working, OrganizationCategory.NewOrganizations, "冯雪", "区“两新”工委书记", "13900001010");
        Add(qinghe, "中共清河区离退休干部工作委员会", working, OrganizationCategory.Retirees, "何永福", "区离退休干部工委书记", "13900001011");
        Add(qinghe, "中共清河区财政局党组", OrganizationType.LeadingGroup, OrganizationCategory.DistrictOrgan, "蒋一鸣", "区财政局党组书记", "13900001012");
        Add(qinghe, "中共清河区教育局委员会", committee, OrganizationCategory.Education, "韩素芳", "区教育局党委书记", "13900001013");
        Add(qinghe, "中共清河区卫生健康局委员会", committee, OrganizationCategory.Health, "杨晨光", "区卫健局党委书记", "13900001014");

        var liulin = Add(city, "中共柳林区委员会", committee, OrganizationCategory.Local, "许国栋", "区委书记", "0710-5552001");
        Add(liulin, "中共柳林区河西街道工作委员会", working, OrganizationCategory.Street, "邓思远", "街道党工委书记", "13900002001");
        Add(liulin, "中共柳林区青山镇委员会", committee, OrganizationCategory.Town, "曹丽", "镇党委书记", "13900002002");
        return units;
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
