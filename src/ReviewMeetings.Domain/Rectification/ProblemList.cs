using ReviewMeetings.Domain.Comments;

namespace ReviewMeetings.Domain.Rectification;

/// <summary>Turns released comments into problem lists (问题清单): one item per problem of every finalised comment.</summary>
public static class ProblemList
{
    /// <param name="comments">The meeting's comments; drafts are left out, as they were not released.</param>
    /// <param name="organizationOf">The reporting unit of each reporter slot.</param>
    /// <param name="authorOf">How the comment's author is named on the item (leader's name, or representative and identity).</param>
    public static List<RectificationItem> FromComments(
        IEnumerable<Comment> comments, Func<Guid, Guid> organizationOf, Func<Comment, string> authorOf, Guid by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(comments);
        ArgumentNullException.ThrowIfNull(organizationOf);
        ArgumentNullException.ThrowIfNull(authorOf);
        return [.. comments
            .Where(c => c.Status == CommentStatus.Final)
            .SelectMany(c => Enumerable.Range(0, c.Problems.Count)
                .Select(i => RectificationItem.FromComment(c, i, organizationOf(c.ReporterId), authorOf(c), by, now)))];
    }
}
