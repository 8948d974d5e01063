namespace ReviewMeetings.Domain.Meetings;

/// <summary>Which units that should report this year have neither a reporter slot nor a recorded reason for leaving them out.</summary>
public static class Coverage
{
    public static IReadOnlyList<Guid> Uncovered(IEnumerable<Guid> unitsInScope, Meeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var covered = meeting.Reporters.Select(r => r.OrganizationId)
            .Concat(meeting.Exclusions.Select(e => e.OrganizationId))
            .ToHashSet();
        return unitsInScope.Where(id => !covered.Contains(id)).Distinct().ToList();
    }
}
