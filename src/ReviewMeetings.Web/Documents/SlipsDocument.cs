using ReviewMeetings.Web.Pages.Evaluation;

namespace ReviewMeetings.Web.Documents;

/// <summary>Ballot slips (测评票) to cut apart: made only in the response that issued the codes, which are never stored.</summary>
public sealed record SlipsDocument(string MeetingTitle, IReadOnlyList<CodeBatchModel.Slip> Slips)
{
    public const int PerPage = 8;
}
