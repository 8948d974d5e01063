using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Web.Documents;

/// <summary>The meeting notice (会议通知): the meeting, the issuing body and the date it is issued.</summary>
public sealed record NoticeDocument(Meeting Meeting, string Issuer, DateTimeOffset IssuedAt);
