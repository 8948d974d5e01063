using System.ComponentModel.DataAnnotations;
using ReviewMeetings.Domain.Comments;

namespace ReviewMeetings.Web.Pages.Live;

/// <summary>The three parts of a comment as typed, plus the version the typist started from.</summary>
public sealed class CommentInput
{
    [Display(Name = "肯定成绩")]
    [StringLength(Comment.TextMaxLength)]
    public string? Achievements { get; set; }

    [Display(Name = "指出问题")]
    public List<string?> Problems { get; set; } = [];

    [Display(Name = "提出希望")]
    [StringLength(Comment.TextMaxLength)]
    public string? Expectations { get; set; }

    /// <summary>The comment's xmin when the form was loaded; 0 for a comment not yet saved.</summary>
    public uint Version { get; set; }

    public static CommentInput From(Comment? comment) => comment is null
        ? new CommentInput()
        : new CommentInput
        {
            Achievements = comment.Achievements,
            Problems = [.. comment.Problems],
            Expectations = comment.Expectations,
            Version = comment.Version,
        };

    public bool SameTextAs(Comment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var problems = Problems.Select(p => p?.Trim() ?? "").Where(p => p.Length > 0);
        return (Achievements?.Trim() ?? "") == comment.Achievements
            && (Expectations?.Trim() ?? "") == comment.Expectations
            && problems.SequenceEqual(comment.Problems);
    }
}
