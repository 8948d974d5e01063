namespace ReviewMeetings.Web.Data;

/// <summary>
/// A phone ballot that has been cast but not yet mixed into <c>ballots</c> (ADR 0011): its meeting and the sealed
/// ballot, nothing else. It is written in the statement that uses the code, so it shares that statement's transaction
/// id; that is why its contents are sealed with a key that is not in the database, and why it lives only until a batch
/// of ballots is mixed or voting closes.
/// </summary>
public sealed class InboxBallot
{
    public Guid Id { get; set; }

    public Guid MeetingId { get; set; }

    public byte[] Sealed { get; set; } = [];
}

/// <summary>
/// Where a meeting's ballots stand in the mixing (ADR 0011). <see cref="Mixed"/>: batches were moved into
/// <c>ballots</c> while voting was open, so the ballots still carry the batches' transaction ids until they are sealed.
/// <see cref="Compact"/>: sealed, but the row versions the seal left behind still have to be removed from the files.
/// </summary>
public sealed class BallotSeal
{
    public Guid MeetingId { get; set; }

    public bool Mixed { get; set; }

    public bool Compact { get; set; }
}
