using ReviewMeetings.Web.Pages.Organizations.Import;

namespace ReviewMeetings.Web.Documents;

/// <summary>The handout of new accounts (初始密码通知单): one slip per account, to be cut apart and put into envelopes.</summary>
public sealed record InitialAccountsDocument(IReadOnlyList<InitialAccount> Accounts, DateTimeOffset CreatedAt, string SignInAddress);
