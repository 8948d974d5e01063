using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>
/// The ballot design (测评规则) of one meeting: grade scale, rater groups with weights, quorum, quota, composite weights
/// and grade bands. Stored with the meeting and frozen once voting starts.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class EvaluationModel(MeetingAccess access, MeetingSaver saver) : PageModel
{
    public const string DailyAssessmentKey = "daily";

    public static IReadOnlyList<(string Key, string Name, IReadOnlyList<GradeDefinition> Grades)> Scales { get; } =
    [
        ("GoodToPoor", "好 / 较好 / 一般 / 差", GradeScales.GoodToPoor),
        ("Competence", "优秀 / 称职 / 基本称职 / 不称职", GradeScales.Competence),
        ("Satisfaction", "满意 / 基本满意 / 不满意", GradeScales.Satisfaction),
        ("SatisfactionWithUnknown", "满意 / 基本满意 / 不满意 / 不了解", GradeScales.SatisfactionWithUnknown),
    ];

    [BindProperty]
    public RulesInput Input { get; set; } = new();

    [BindProperty]
    public uint Version { get; set; }

    public Meeting Meeting { get; private set; } = null!;

    public bool Frozen => Meeting.EvaluationStarted;

    /// <summary>The groups whose ballots would be pooled at the expected attendance (ADR 0012), for the warning.</summary>
    public IReadOnlyList<RaterGroupRule> ExpectedPool => GroupDisclosure.ExpectedPool(
        Input.Groups.Select(g => new RaterGroupRule(g.Key, g.Name, g.Weight, g.MinDisclosure)).ToList(),
        Input.Groups.Select(g => Meeting.Attendance.SingleOrDefault(a => a.Id.ToString() == g.Key)?.Expected ?? 0).ToList());

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        Version = meeting.Version;
        Input = RulesInput.From(meeting);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await access.FindManageableAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Meeting = meeting;
        Input.Groups = RulesInput.From(meeting).Groups.Select(g => Input.Groups.SingleOrDefault(p => p.Key == g.Key) is { } posted
            ? g with { Weight = posted.Weight, MinDisclosure = posted.MinDisclosure }
            : g).ToList();
        if (ModelState.IsValid)
        {
            if (await saver.TryChangeAsync(meeting, Version, ModelState, m =>
            {
                m.SetEvaluationRules(Input.ToRules());
                return Task.FromResult("测评规则已保存。");
            }) is { } message)
            {
                TempData["Message"] = message;
                return RedirectToPage("Details", new { id });
            }

            Meeting = await access.ReloadForFormAsync(id, ModelState, cancellationToken);
            Version = Meeting.Version;
        }

        return Page();
    }

    public sealed class RulesInput
    {
        [Display(Name = "评价等次")]
        public string Scale { get; set; } = "GoodToPoor";

        [Display(Name = "允许弃权（某项不填）")]
        public bool AllowAbstain { get; set; } = true;

        [Required]
        [Display(Name = "有效测评人数须超过应到人数的（%）")]
        [Range(0, 99)]
        public decimal? QuorumPercent { get; set; } = 50;

        [Display(Name = "每张票评为最高等次的人数上限")]
        [Range(1, 1000)]
        public int? TopGradeMax { get; set; }

        public List<GroupRow> Groups { get; set; } = [];

        [Required]
        [Display(Name = "日常考核占综合得分的比重（%）")]
        [Range(0, 100)]
        public decimal? DailyWeight { get; set; } = 0;

        [Required]
        [Display(Name = "“好”等次最低分")]
        [Range(0, 100)]
        public decimal? BandGood { get; set; } = 90;

        [Required]
        [Display(Name = "“较好”等次最低分")]
        [Range(0, 100)]
        public decimal? BandFairlyGood { get; set; } = 80;

        [Required]
        [Display(Name = "“一般”等次最低分")]
        [Range(0, 100)]
        public decimal? BandAverage { get; set; } = 60;

        [Display(Name = "“好”等次比例上限（%）")]
        [Range(1, 100)]
        public decimal? TopSharePercent { get; set; }

        public static RulesInput From(Meeting meeting)
        {
            ArgumentNullException.ThrowIfNull(meeting);
            var rules = meeting.EffectiveEvaluationRules;
            var groups = meeting.Attendance.OrderBy(g => g.Order).Select(g =>
            {
                var rule = rules.Groups.SingleOrDefault(r => r.Key == g.Id.ToString());
                return new GroupRow(g.Id.ToString(), g.Name, rule?.Weight ?? 0, rule?.MinDisclosure ?? RaterGroupRule.DefaultMinDisclosure);
            }).ToList();
            return new RulesInput
            {
                Scale = Scales.FirstOrDefault(s => s.Grades.SequenceEqual(rules.Grades)).Key ?? "GoodToPoor",
                AllowAbstain = rules.AllowAbstain,
                QuorumPercent = rules.Quorum * 100,
                TopGradeMax = rules.Quotas.FirstOrDefault(q => q.GradeKey == rules.Grades[0].Key)?.MaxCount,
                Groups = groups,
                DailyWeight = rules.CompositeParts.SingleOrDefault(p => p.Key == DailyAssessmentKey)?.Weight ?? 0,
                BandGood = BandMinimum(rules, 100m, 0) ?? 90,
                BandFairlyGood = BandMinimum(rules, 80m, 1) ?? 80,
                BandAverage = BandMinimum(rules, 60m, 2) ?? 60,
                TopSharePercent = rules.TopBandMaxShare * 100,
            };
        }

        // The band of the scale's grade worth these points; rules saved before bands took the scale's names, by position.
        private static decimal? BandMinimum(EvaluationRules rules, decimal points, int position) =>
            rules.Grades.FirstOrDefault(g => g.Points == points) is { } grade && rules.Bands.FirstOrDefault(b => b.Name == grade.Name) is { } band
                ? band.MinScore
                : rules.Bands.ElementAtOrDefault(position)?.MinScore;

        public EvaluationRules ToRules()
        {
            var grades = Scales.SingleOrDefault(s => s.Key == Scale).Grades
                ?? throw new Domain.Common.DomainException("请选择评价等次。", nameof(Scale));
            var daily = DailyWeight!.Value;
            IReadOnlyList<CompositePart> parts = daily == 0
                ? [new CompositePart(CompositePart.EvaluationKey, "民主测评", 100)]
                : [new CompositePart(CompositePart.EvaluationKey, "民主测评", 100 - daily), new CompositePart(DailyAssessmentKey, "日常考核", daily)];
            return EvaluationRules.Create(
                grades,
                AllowAbstain,
                Groups.Select(g => new RaterGroupRule(g.Key, g.Name, g.Weight, g.MinDisclosure)).ToList(),
                QuorumPercent!.Value / 100,
                TopGradeMax is { } max ? [new GradeQuota(grades[0].Key, max)] : [],
                parts,
                GradeScales.Bands(grades, BandGood!.Value, BandFairlyGood!.Value, BandAverage!.Value),
                TopSharePercent / 100);
        }
    }

    public sealed record GroupRow(string Key, string Name, decimal Weight, int MinDisclosure);
}
