using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Domain.Tests.Evaluation;

public sealed class EvaluationRulesTests
{
    [Fact]
    public void Default_rules_grade_good_to_poor_at_100_80_60_0_with_evaluation_as_the_whole_composite()
    {
        var rules = EvaluationRules.Default;

        Assert.Equal(
            [("好", (decimal?)100m), ("较好", 80m), ("一般", 60m), ("差", 0m)],
            rules.Grades.Select(g => (g.Key, g.Points)));
        Assert.True(rules.AllowAbstain);
        Assert.Equal(0.5m, rules.Quorum);
        Assert.Empty(rules.Groups);
        Assert.Empty(rules.Quotas);
        Assert.Equal([new CompositePart("evaluation", "民主测评", 100m)], rules.CompositeParts);
        Assert.Equal([("好", 90m), ("较好", 80m), ("一般", 60m), ("差", 0m)], rules.Bands.Select(b => (b.Name, b.MinScore)));
        Assert.Null(rules.TopBandMaxShare);
    }

    [Fact]
    public void Grade_bands_are_named_after_the_chosen_scale()
    {
        Assert.Equal([("好", 90m), ("较好", 80m), ("一般", 60m), ("差", 0m)], GradeScales.Bands(GradeScales.GoodToPoor, 90m, 80m, 60m).Select(b => (b.Name, b.MinScore)));
        Assert.Equal([("优秀", 95m), ("称职", 85m), ("基本称职", 65m), ("不称职", 0m)], GradeScales.Bands(GradeScales.Competence, 95m, 85m, 65m).Select(b => (b.Name, b.MinScore)));
        Assert.Equal([("满意", 90m), ("基本满意", 60m), ("不满意", 0m)], GradeScales.Bands(GradeScales.SatisfactionWithUnknown, 90m, 80m, 60m).Select(b => (b.Name, b.MinScore)));
        Assert.Equal(EvaluationRules.DefaultBands, GradeScales.Bands(GradeScales.GoodToPoor, 90m, 80m, 60m));
    }

    [Fact]
    public void Other_scales_in_use_are_available_and_not_knowing_carries_no_points()
    {
        Assert.Equal(["优秀", "称职", "基本称职", "不称职"], GradeScales.Competence.Select(g => g.Name));
        Assert.Equal([100m, 60m, 0m], GradeScales.Satisfaction.Select(g => g.Points));
        Assert.Equal(
            [("满意", (decimal?)100m), ("基本满意", 60m), ("不满意", 0m), ("不了解", null)],
            GradeScales.SatisfactionWithUnknown.Select(g => (g.Name, g.Points)));
        Assert.Equal(4, EvaluationRules.Create(grades: GradeScales.SatisfactionWithUnknown).Grades.Count);
    }

    [Fact]
    public void Keys_and_names_are_trimmed()
    {
        var rules = EvaluationRules.Create(
            grades: [new(" 好 ", " 好", 100m), new("差 ", "差", 0m)],
            groups: [new(" leaders ", " 区级领导 ", 1m)]);

        Assert.Equal(["好", "差"], rules.Grades.Select(g => g.Key));
        Assert.Equal(("leaders", "区级领导"), (rules.Groups[0].Key, rules.Groups[0].Name));
    }

    [Fact]
    public void Composite_weights_must_sum_to_100()
    {
        var error = Refused(() => EvaluationRules.Create(
            compositeParts: [new("evaluation", "民主测评", 40m), new("daily", "日常考核", 50m)]));

        Assert.Equal("综合得分各组成项的权重之和应为100，现为90。", error.Message);
        Assert.Equal("CompositeParts", error.Field);
    }

    [Fact]
    public void Composite_must_include_the_evaluation()
    {
        var error = Refused(() => EvaluationRules.Create(compositeParts: [new("daily", "日常考核", 100m)]));

        Assert.Equal("综合得分必须包含民主测评一项。", error.Message);
    }

    [Fact]
    public void Composite_parts_need_positive_weights_and_distinct_keys()
    {
        Assert.Equal(
            "综合得分各组成项的权重应大于0。",
            Refused(() => EvaluationRules.Create(
                compositeParts: [new("evaluation", "民主测评", 100m), new("daily", "日常考核", 0m)])).Message);
        Assert.Equal(
            "综合得分组成项“daily”重复。",
            Refused(() => EvaluationRules.Create(
                compositeParts: [new("evaluation", "民主测评", 40m), new("daily", "日常考核", 30m), new("daily", "日常考核", 30m)])).Message);
    }

    [Fact]
    public void Duplicate_grade_keys_are_refused()
    {
        var error = Refused(() => EvaluationRules.Create(grades: [new("好", "好", 100m), new("好", "较好", 80m)]));

        Assert.Equal("评价等次“好”重复。", error.Message);
        Assert.Equal("Grades", error.Field);
    }

    [Fact]
    public void An_empty_or_one_grade_scale_is_refused()
    {
        Assert.Equal("至少需要两个计分的评价等次。", Refused(() => EvaluationRules.Create(grades: [])).Message);
        Assert.Equal(
            "至少需要两个计分的评价等次。",
            Refused(() => EvaluationRules.Create(grades: [new("满意", "满意", 100m), new("不了解", "不了解", null)])).Message);
    }

    [Fact]
    public void Grades_must_run_from_the_most_points_down_within_0_to_100()
    {
        Assert.Equal(
            "评价等次应按分值从高到低排列，且分值不能相同。",
            Refused(() => EvaluationRules.Create(grades: [new("差", "差", 0m), new("好", "好", 100m)])).Message);
        Assert.Equal(
            "评价等次应按分值从高到低排列，且分值不能相同。",
            Refused(() => EvaluationRules.Create(grades: [new("好", "好", 80m), new("较好", "较好", 80m)])).Message);
        Assert.Equal(
            "评价等次的分值应在0到100之间。",
            Refused(() => EvaluationRules.Create(grades: [new("好", "好", 120m), new("差", "差", 0m)])).Message);
        Assert.Equal(
            "评价等次的分值应在0到100之间。",
            Refused(() => EvaluationRules.Create(grades: [new("好", "好", 100m), new("差", "差", -10m)])).Message);
    }

    [Fact]
    public void A_grade_without_points_must_come_last()
    {
        var error = Refused(() => EvaluationRules.Create(
            grades: [new("满意", "满意", 100m), new("不了解", "不了解", null), new("不满意", "不满意", 0m)]));

        Assert.Equal("不计分的等次（如“不了解”）应排在计分等次之后。", error.Message);
    }

    [Fact]
    public void Blank_grade_keys_are_refused()
    {
        var error = Refused(() => EvaluationRules.Create(grades: [new(" ", "好", 100m), new("差", "差", 0m)]));

        Assert.Equal("请填写评价等次的代码。", error.Message);
    }

    [Fact]
    public void Negative_group_weights_are_refused()
    {
        var error = Refused(() => EvaluationRules.Create(
            groups: [new("leaders", "区级领导", -0.3m), new("masses", "基层党员群众代表", 0.2m)]));

        Assert.Equal("测评人类别“区级领导”的权重不能为负数。", error.Message);
        Assert.Equal("Groups", error.Field);
    }

    [Fact]
    public void Rater_groups_need_distinct_keys_and_a_disclosure_size_of_at_least_one()
    {
        Assert.Equal(
            "测评人类别“leaders”重复。",
            Refused(() => EvaluationRules.Create(groups: [new("leaders", "区级领导", 1m), new("leaders", "部门负责人", 1m)])).Message);
        Assert.Equal(
            "测评人类别“区级领导”的最少公开人数应至少为1。",
            Refused(() => EvaluationRules.Create(groups: [new("leaders", "区级领导", 1m, MinDisclosure: 0)])).Message);
    }

    [Fact]
    public void Quotas_must_name_a_grade_of_the_scale_once_with_a_count_not_below_zero()
    {
        Assert.Equal(
            "限额中的等次“优秀”不在评价等次中。",
            Refused(() => EvaluationRules.Create(quotas: [new("优秀", 2)])).Message);
        Assert.Equal(
            "等次“好”的限额重复。",
            Refused(() => EvaluationRules.Create(quotas: [new("好", 2), new("好", 3)])).Message);
        Assert.Equal(
            "等次“好”的限额不能为负数。",
            Refused(() => EvaluationRules.Create(quotas: [new("好", -1)])).Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void Quorum_must_be_a_share_from_zero_up_to_but_not_including_one(double quorum)
    {
        var error = Refused(() => EvaluationRules.Create(quorum: (decimal)quorum));

        Assert.Equal("测评人数比例下限应不小于0且小于1。", error.Message);
    }

    [Fact]
    public void Bands_must_run_from_the_top_down_and_end_at_zero()
    {
        Assert.Equal(
            "等次档位应按最低分从高到低排列，最低分不超过100且各不相同。",
            Refused(() => EvaluationRules.Create(bands: [new("较好", 80m), new("好", 90m), new("差", 0m)])).Message);
        Assert.Equal(
            "最低一档的最低分应为0，使每个得分都有等次。",
            Refused(() => EvaluationRules.Create(bands: [new("好", 90m), new("一般", 60m)])).Message);
        Assert.Equal("至少需要一个等次档位。", Refused(() => EvaluationRules.Create(bands: [])).Message);
        Assert.Equal(
            "等次档位“好”重复。",
            Refused(() => EvaluationRules.Create(bands: [new("好", 90m), new("好", 0m)])).Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void Top_band_share_must_be_above_zero_and_at_most_one(double share)
    {
        var error = Refused(() => EvaluationRules.Create(topBandMaxShare: (decimal)share));

        Assert.Equal("最高等次的比例上限应大于0且不超过1。", error.Message);
    }

    [Fact]
    public void Capping_the_top_band_needs_a_band_to_drop_to()
    {
        var error = Refused(() => EvaluationRules.Create(bands: [new("合格", 0m)], topBandMaxShare: 0.3m));

        Assert.Equal("限制最高等次比例时，至少需要两个等次档位。", error.Message);
    }

    private static DomainException Refused(Func<EvaluationRules> create) => Assert.Throws<DomainException>(() => create());
}
