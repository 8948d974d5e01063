using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Pages.Rectification;

namespace ReviewMeetings.Web.Documents;

/// <summary>
/// 整改台账 as printed (landscape): the rows the ledger page shows under the same filters, with the filters named,
/// a summary by status and, when the ledger spans meetings, each row's review year.
/// </summary>
public sealed record LedgerDocument(
    string Title,
    string Subtitle,
    IReadOnlyList<string> Filters,
    IReadOnlyList<LedgerRow> Rows,
    RectificationSummary Summary,
    bool SpansMeetings,
    DateTimeOffset GeneratedAt);
