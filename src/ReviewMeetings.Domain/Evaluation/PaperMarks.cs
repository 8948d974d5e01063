using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Evaluation;

/// <summary>
/// A paper ballot as a clerk keys it in: one digit per reporter in ballot order (the speaking order, then the written
/// reporters), where 1 is the first grade of the scale, 2 the second and so on, and 0 a blank item (弃权).
/// Spaces are ignored, so a long row may be typed in groups.
/// </summary>
public sealed class PaperMarks
{
    public const string Field = "Digits";
    public const char Blank = '0';

    /// <summary>One digit per grade: scales longer than this cannot be keyed in with single digits.</summary>
    public const int MaxGrades = 9;

    private PaperMarks(string digits, IReadOnlyDictionary<Guid, string?> grades, BallotVoidReason? voidReason)
    {
        Digits = digits;
        Grades = grades;
        VoidReason = voidReason;
    }

    /// <summary>The digits without spaces, one per reporter.</summary>
    public string Digits { get; }

    /// <summary>The grade key per reporter; null for a blank item.</summary>
    public IReadOnlyDictionary<Guid, string?> Grades { get; }

    /// <summary>Why the ballot is void (废票), or null when it counts. A void ballot is still entered: it was returned.</summary>
    public BallotVoidReason? VoidReason { get; }

    public static PaperMarks Parse(string? text, IReadOnlyList<Guid> reporters, EvaluationRules rules)
    {
        ArgumentNullException.ThrowIfNull(reporters);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Grades.Count > MaxGrades)
        {
            throw new DomainException($"评价等次超过{MaxGrades}个，无法用数字录入纸质票。", Field);
        }

        var digits = string.Concat((text ?? "").Where(c => !char.IsWhiteSpace(c)).Select(HalfWidth));
        if (digits.Length == 0)
        {
            throw new DomainException($"请输入这张票的{reporters.Count}位数字。", Field);
        }

        var highest = (char)('0' + rules.Grades.Count);
        var wrong = digits.Select((c, i) => (Char: c, Index: i)).Where(x => x.Char < '0' || x.Char > highest).Select(x => (int?)x.Index).FirstOrDefault();
        if (wrong is { } index)
        {
            throw new DomainException($"第{index + 1}位“{digits[index]}”无效：只能输入0到{rules.Grades.Count}（{Legend(rules)}）。", Field);
        }

        if (digits.Length != reporters.Count)
        {
            throw new DomainException($"应输入{reporters.Count}位数字（每位述职对象一位），现为{digits.Length}位。", Field);
        }

        var grades = reporters.Select((id, i) => (Id: id, Grade: GradeKey(digits[i], rules))).ToDictionary(x => x.Id, x => x.Grade);
        var voidReason = Tally.Judge(new TallyBallot("", grades), reporters, rules);
        return new PaperMarks(digits, grades, voidReason);
    }

    /// <summary>What each digit means, e.g. "1=好，2=较好，3=一般，4=差，0=弃权".</summary>
    public static string Legend(EvaluationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return string.Join("，", rules.Grades.Select((g, i) => $"{i + 1}={g.Name}").Append($"{Blank}=弃权"));
    }

    // A Chinese input method left in full-width mode types ０–９; they mean the same digits.
    private static char HalfWidth(char c) => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c;

    private static string? GradeKey(char digit, EvaluationRules rules) =>
        digit == Blank ? null : rules.Grades[digit - '1'].Key;
}
