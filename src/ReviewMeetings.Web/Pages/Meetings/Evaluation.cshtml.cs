using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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
        Input.ValidateBands(ModelState, secondMinimumPosted: Request.Form.ContainsKey($"{nameof(Input)}.{nameof(RulesInput.BandFairlyGood)}"));
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

        // The band minimums are labelled and checked with the chosen scale's grade names (ValidateBands); these names
        // only reach the framework's messages for a value that is not a number.
        [Display(Name = "最高等次最低分")]
        public decimal? BandGood { get; set; } = TopPoints;

        [Display(Name = "第二等次最低分")]
        public decimal? BandFairlyGood { get; set; } = SecondPoints;

        [Display(Name = "及格等次最低分")]
        public decimal? BandAverage { get; set; } = PassPoints;

        [Display(Name = "最高等次比例上限（%）")]
        [Range(1, 100)]
        public decimal? TopSharePercent { get; set; }

        private const decimal TopPoints = 90m;
        private const decimal SecondPoints = 80m;
        private const decimal PassPoints = 60m;

        /// <summary>The chosen scale; an unknown key (refused when saving) is shown as the default scale.</summary>
        public IReadOnlyList<GradeDefinition> Grades => ScaleGrades(Scale) ?? GradeScales.GoodToPoor;

        /// <summary>The grade whose band starts at <see cref="BandGood"/>.</summary>
        public string TopName => TopGrade(Grades);

        /// <summary>The grade whose band starts at <see cref="BandFairlyGood"/>; null for a scale without an 80-point grade (满意度).</summary>
        public string? SecondName => SecondGrade(Grades);

        /// <summary>The grade whose band starts at <see cref="BandAverage"/>.</summary>
        public string PassName => PassGrade(Grades);

        public static IReadOnlyList<GradeDefinition>? ScaleGrades(string? key) => Scales.SingleOrDefault(s => s.Key == key).Grades;

        public static string TopGrade(IReadOnlyList<GradeDefinition> grades) => grades.First(g => g.Points == 100m).Name;

        public static string? SecondGrade(IReadOnlyList<GradeDefinition> grades) => grades.FirstOrDefault(g => g.Points == 80m)?.Name;

        public static string PassGrade(IReadOnlyList<GradeDefinition> grades) => grades.First(g => g.Points == 60m).Name;

        /// <summary>
        /// Checks the band minimums the chosen scale uses, in its grade names. A scale without an 80-point grade hides
        /// the second minimum, so nothing about it is reported. A form shown for such a scale does not send the second
        /// minimum at all (the field is disabled); when the scale was changed to one with a second grade without script,
        /// the user has not seen that minimum, so it is asked for instead of saving the default unseen.
        /// </summary>
        public void ValidateBands(ModelStateDictionary modelState, bool secondMinimumPosted)
        {
            ArgumentNullException.ThrowIfNull(modelState);
            Check(modelState, nameof(BandGood), TopName, BandGood);
            if (SecondName is { } second)
            {
                if (secondMinimumPosted)
                {
                    Check(modelState, nameof(BandFairlyGood), second, BandFairlyGood);
                }
                else
                {
                    BandFairlyGood ??= SecondPoints;
                    modelState.AddModelError($"{nameof(Input)}.{nameof(BandFairlyGood)}", $"评价等次已更改，请确认“{second}”等次最低分后再保存。");
                }
            }
            else
            {
                modelState.Remove($"{nameof(Input)}.{nameof(BandFairlyGood)}");
                BandFairlyGood ??= SecondPoints;
            }

            Check(modelState, nameof(BandAverage), PassName, BandAverage);
        }

        private static void Check(ModelStateDictionary modelState, string property, string grade, decimal? value)
        {
            var key = $"{nameof(Input)}.{property}";
            if (modelState.GetFieldValidationState(key) == ModelValidationState.Invalid)
            {
                return;
            }

            if (value is null)
            {
                modelState.AddModelError(key, $"请填写“{grade}”等次最低分。");
            }
            else if (value is < 0 or > 100)
            {
                modelState.AddModelError(key, $"“{grade}”等次最低分必须在0到100之间。");
            }
        }

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
                BandGood = BandMinimum(rules, 100m, 0) ?? TopPoints,
                BandFairlyGood = BandMinimum(rules, 80m, 1) ?? SecondPoints,
                BandAverage = BandMinimum(rules, 60m, 2) ?? PassPoints,
                TopSharePercent = rules.TopBandMaxShare * 100,
            };
        }

        // The band of the scale's grade worth these points (none for 80 on a 满意度 scale); rules saved before bands took
        // the scale's names, by position.
        private static decimal? BandMinimum(EvaluationRules rules, decimal points, int position) =>
            rules.Bands.Any(b => rules.Grades.Any(g => g.Name == b.Name))
                ? rules.Grades.FirstOrDefault(g => g.Points == points) is { } grade ? rules.Bands.FirstOrDefault(b => b.Name == grade.Name)?.MinScore : null
                : rules.Bands.ElementAtOrDefault(position)?.MinScore;

        public EvaluationRules ToRules()
        {
            var grades = ScaleGrades(Scale)
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
                GradeScales.Bands(grades, BandGood!.Value, BandFairlyGood ?? SecondPoints, BandAverage!.Value),
                TopSharePercent / 100);
        }
    }

    public sealed record GroupRow(string Key, string Name, decimal Weight, int MinDisclosure);
}
