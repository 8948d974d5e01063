using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Domain.Tests.Evaluation;

public sealed class PaperMarksTests
{
    private static readonly IReadOnlyList<Guid> Reporters = new BallotBox(4).Reporters;

    [Fact]
    public void Each_digit_is_the_grade_at_that_place_in_the_scale_and_zero_is_blank()
    {
        var marks = PaperMarks.Parse("1240", Reporters, EvaluationRules.Default);

        Assert.Equal("1240", marks.Digits);
        Assert.Equal(["好", "较好", "差", null], Reporters.Select(r => marks.Grades[r]));
        Assert.Null(marks.VoidReason);
    }

    [Fact]
    public void Spaces_and_full_width_digits_are_accepted()
    {
        var marks = PaperMarks.Parse(" １２ 3 4", Reporters, EvaluationRules.Default);

        Assert.Equal("1234", marks.Digits);
    }

    [Fact]
    public void The_digits_follow_the_meetings_own_scale()
    {
        var rules = EvaluationRules.Create(GradeScales.Satisfaction);

        Assert.Equal(["满意", "基本满意", "不满意", null], Reporters.Select(r => PaperMarks.Parse("1230", Reporters, rules).Grades[r]));
        var error = Assert.Throws<DomainException>(() => PaperMarks.Parse("1234", Reporters, rules));
        Assert.Equal("第4位“4”无效：只能输入0到3（1=满意，2=基本满意，3=不满意，0=弃权）。", error.Message);
        Assert.Equal(PaperMarks.Field, error.Field);
    }

    [Theory]
    [InlineData("", "请输入这张票的4位数字。")]
    [InlineData("12a4", "第3位“a”无效：只能输入0到4（1=好，2=较好，3=一般，4=差，0=弃权）。")]
    [InlineData("1259", "第3位“5”无效：只能输入0到4（1=好，2=较好，3=一般，4=差，0=弃权）。")]
    [InlineData("123", "应输入4位数字（每位述职对象一位），现为3位。")]
    [InlineData("12341", "应输入4位数字（每位述职对象一位），现为5位。")]
    public void Wrong_input_is_explained_in_Chinese(string input, string message)
    {
        var error = Assert.Throws<DomainException>(() => PaperMarks.Parse(input, Reporters, EvaluationRules.Default));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_void_ballot_is_still_entered_with_its_reason()
    {
        var quota = EvaluationRules.Create(quotas: [new GradeQuota("好", 2)]);
        var strict = EvaluationRules.Create(allowAbstain: false);

        Assert.Equal(BallotVoidReason.AllBlank, PaperMarks.Parse("0000", Reporters, EvaluationRules.Default).VoidReason);
        Assert.Equal(BallotVoidReason.QuotaExceeded, PaperMarks.Parse("1112", Reporters, quota).VoidReason);
        Assert.Null(PaperMarks.Parse("1122", Reporters, quota).VoidReason);
        Assert.Equal(BallotVoidReason.BlankNotAllowed, PaperMarks.Parse("1120", Reporters, strict).VoidReason);
    }

    [Fact]
    public void The_legend_names_every_digit()
    {
        Assert.Equal("1=好，2=较好，3=一般，4=差，0=弃权", PaperMarks.Legend(EvaluationRules.Default));
    }
}
