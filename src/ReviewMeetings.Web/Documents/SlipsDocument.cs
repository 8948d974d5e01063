using ReviewMeetings.Web.Pages.Evaluation;

namespace ReviewMeetings.Web.Documents;

/// <summary>Ballot slips (测评票) to cut apart: made only for the person who issued the batch, within the reprint window (ADR 0014); the plain codes are never stored unencrypted.</summary>
public sealed record SlipsDocument(string MeetingTitle, IReadOnlyList<CodeBatchModel.Slip> Slips)
{
    public const int PerPage = 8;
}
