namespace ReviewMeetings.Web.Pages.Live;

/// <summary>What the projector partial needs: the state, and the link's token when opened without signing in.</summary>
public sealed record ProjectorView(LiveState State, string? Token);
