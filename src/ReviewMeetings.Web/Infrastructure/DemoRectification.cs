using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// Comments on last year's demo meeting, released as problem lists, with 东城街道's items in every state of the loop so
/// the demo secretary and organizer have something to work with. All text is invented.
/// </summary>
internal static class DemoRectification
{
    private static readonly DateTimeOffset Commented = new(2026, 1, 15, 2, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Released = new(2026, 1, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly string[] Categories = ["组织体系", "党员队伍", "责任落实", "作风建设", "组织体系", "组织体系", "党员队伍", "组织体系"];

    public static void Add(AppDbContext db, Meeting meeting, AppUser leader, AppUser organizer, AppUser secretary)
    {
        Reporter Slot(string unit) => meeting.Reporters.Single(r => r.UnitName == unit);
        var dongcheng = Slot("中共清河区东城街道工作委员会");
        var comments = new List<Comment>
        {
            ByLeader(meeting, dongcheng, leader, "抓基层党建责任意识强，社区党建品牌有特色。",
                ["部分社区党组织阵地建设滞后，活动场所面积不达标", "党员教育管理方式较为单一，流动党员管理存在薄弱环节", "基层党建责任压力传导不够，个别社区书记抓党建精力不足"]),
            ByRepresentative(meeting, dongcheng, organizer, "李秀英", "党员代表", ["党群服务中心开放时间与居民需求不匹配", "“两新”组织党建覆盖质量不高"]),
            ByLeader(meeting, Slot("中共清河区西城街道工作委员会"), leader, "老旧小区党建工作有起色。", ["网格党建作用发挥不充分", "后备干部队伍建设滞后"]),
            ByLeader(meeting, Slot("中共清河区桃源镇委员会"), leader, "村级集体经济发展有成效。", ["村党组织书记队伍年龄结构偏大"]),
        };
        db.Comments.AddRange(comments);
        meeting.ReleaseFeedback(Released);
        var units = meeting.Reporters.ToDictionary(r => r.Id, r => r.OrganizationId);
        var items = ProblemList.FromComments(comments, id => units[id], c => c.LeaderId is null ? $"{c.RepresentativeName}（{c.RepresentativeIdentity}）" : leader.DisplayName, organizer.Id, Released);
        var categories = RectificationCategories.Defaults;
        foreach (var (item, category) in items.Zip(Categories))
        {
            item.Recategorize(category, categories, organizer.Id, Released.AddHours(1));
        }

        var selfFound = RectificationItem.SelfIdentified(meeting.Id, dongcheng.Id, dongcheng.OrganizationId, "软弱涣散党组织整顿后续跟踪不够",
            "组织体系", categories, secretary.DisplayName, secretary.Id, Released.AddDays(3));
        var inspection = RectificationItem.ByStaff(meeting.Id, dongcheng.Id, dongcheng.OrganizationId, "区委巡察反馈：部分社区“三会一课”记录不规范",
            "责任落实", categories, "区委第二巡察组", organizer.Id, Released.AddDays(5));
        items.AddRange([selfFound, inspection]);

        var s = secretary.Id;
        var o = organizer.Id;
        var planned = Released.AddDays(16);
        var approved = Released.AddDays(21);

        // 已销号
        Plan(items[0], "对5个不达标社区逐一制定改造方案，整合辖区共建单位场地资源", "张明（街道党建办主任）", new DateOnly(2026, 6, 30), "年内社区党群服务阵地全部达标", s, planned);
        items[0].ApprovePlan(o, approved);
        items[0].ReportProgress("已完成幸福里、花园路两个社区的阵地改造。", [], s, Released.AddDays(80));
        items[0].ReportCompletion("5个社区阵地改造全部完成并投入使用，面积均达到市定标准。", [], s, Released.AddDays(150));
        items[0].Close(o, Released.AddDays(160));

        // 已完成待审核
        Plan(items[1], "建立流动党员台账，开设线上学习平台，每季度开展一次集中教育", "刘芳（街道组织委员）", new DateOnly(2026, 9, 30), "流动党员全部纳入管理，参学率达到90%以上", s, planned);
        items[1].ApprovePlan(o, approved);
        items[1].ReportCompletion("流动党员台账已建立，线上平台参学率达到93%。", [], s, Released.AddDays(240));

        // 整改中，逾期，完成申请曾被退回
        Plan(items[2], "层层签订党建责任书，对社区书记抓党建情况开展季度考评", "王晓东（街道党工委书记）", new DateOnly(2026, 6, 30), "社区书记抓党建述职全覆盖，考评结果与评优挂钩", s, planned);
        items[2].ApprovePlan(o, approved);
        items[2].ReportCompletion("已签订责任书。", [], s, Released.AddDays(120));
        items[2].RejectCompletion("季度考评尚未开展，缺少考评记录作为佐证材料", o, Released.AddDays(125));

        // 方案已提交，待审核
        Plan(items[3], "党群服务中心实行错时延时开放，周末安排党员志愿者值守", "陈静（社区党委书记）", new DateOnly(2027, 3, 31), "居民满意度明显提升", s, planned);

        // 方案被退回
        Plan(items[4], "加强“两新”组织党建工作", "赵强（街道两新党委书记）", new DateOnly(2026, 12, 31), "提高覆盖质量", s, planned);
        items[4].ReturnPlan("措施过于笼统，请写明覆盖对象、时间节点和具体做法", o, approved);

        // 自查问题：方案草稿
        selfFound.SavePlan(new RectificationPlan("每月回访一次整顿后的社区党组织", null, null, null), s, Released.AddDays(4));

        // 巡察反馈问题：整改中，临近时限
        Plan(inspection, "统一会议记录模板，每月抽查一次", "刘芳（街道组织委员）", new DateOnly(2026, 12, 10), "“三会一课”记录规范完整", s, planned);
        inspection.ApprovePlan(o, approved);
        inspection.ReportProgress("已印发统一记录模板，完成第一轮抽查。", [], s, Released.AddDays(200));

        db.RectificationItems.AddRange(items);
    }

    private static void Plan(RectificationItem item, string measures, string person, DateOnly deadline, string target, Guid by, DateTimeOffset at)
    {
        item.SavePlan(new RectificationPlan(measures, person, deadline, target), by, at);
        item.SubmitPlan(by, at);
    }

    private static Comment ByLeader(Meeting meeting, Reporter reporter, AppUser leader, string achievements, string[] problems)
    {
        var comment = Comment.ByLeader(meeting.Id, reporter.Id, leader.Id, Commented);
        comment.Save(achievements, problems, "希望进一步压实责任，补齐短板。", leader.Id, Commented.AddMinutes(5));
        comment.Finalize(leader.Id, Commented.AddMinutes(6));
        return comment;
    }

    private static Comment ByRepresentative(Meeting meeting, Reporter reporter, AppUser organizer, string name, string identity, string[] problems)
    {
        var comment = Comment.ByRepresentative(meeting.Id, reporter.Id, name, identity, organizer.Id, Commented);
        comment.Save("", problems, "", organizer.Id, Commented.AddMinutes(10));
        comment.Finalize(organizer.Id, Commented.AddMinutes(11));
        return comment;
    }
}
