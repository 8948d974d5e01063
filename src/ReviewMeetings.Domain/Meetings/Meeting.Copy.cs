using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Meetings;

/// <summary>A reporter of the earlier meeting that the copy leaves out, and why.</summary>
public sealed record SkippedReporter(string UnitName, string Reason);

/// <summary>
/// The draft made from an earlier meeting (<see cref="Meeting.CopyForNextYear"/>), and what could not be carried over.
/// </summary>
/// <param name="WithoutSecretary">Units copied as reporters that have no secretary recorded now, to be filled in before the meeting.</param>
/// <param name="LeadersLeftOut">Commenting leaders of the earlier meeting whose accounts may no longer comment (disabled, role removed, out of scope).</param>
public sealed record MeetingCopy(Meeting Meeting, IReadOnlyList<SkippedReporter> Skipped, IReadOnlyList<string> WithoutSecretary, int LeadersLeftOut);

/// <summary>复制上年度会议: next year's draft set up as this one was, without anything of this meeting's run.</summary>
public sealed partial class Meeting
{
    /// <summary>
    /// A Draft for the next review year with this meeting's arrangements as configured: the reporters whose units may
    /// still report (each with the unit's current name and secretary, in the same mode and order), the attendance groups,
    /// the agenda, the commenting leaders and guidance, the evaluation rules, the ballot and coverage settings, and the
    /// venue, host and time limit. The date and the written-report deadline are left for the organizer; ballots, codes,
    /// comments, reports, attendance on the day, lotteries and exclusions belong to this meeting's run and stay behind.
    /// </summary>
    /// <param name="id">The new meeting's id, issued with the form, so a second submit of the same form finds the copy it made.</param>
    /// <param name="units">The current state of the units that report at this meeting (missing ones were removed).</param>
    /// <param name="leaders">The accounts that may comment now; other leaders of this meeting are left out.</param>
    /// <param name="currentYear">This year in Beijing, bounding the new review year as creating a meeting does.</param>
    public MeetingCopy CopyForNextYear(
        Guid id, string? title, IReadOnlyCollection<Organization> units, IReadOnlyCollection<Guid> leaders, Guid createdBy, DateTimeOffset createdAt, int? currentYear = null)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(leaders);
        var year = ReviewYear + 1;
        var copy = new Meeting(OrganizationId, CheckTitle(title), CheckYear(year), createdBy, createdAt) { Id = id };
        copy.UpdateDetails(new MeetingDetails(copy.Title, year, null, StartTime, MainVenue, SubVenues, Host, TimeLimitMinutes, null), currentYear);
        copy.SetAgenda(_agenda.OrderBy(a => a.Order).Select(a => new AgendaDraft(a.Kind, a.Title, a.PlannedMinutes)));
        var groups = _attendance.OrderBy(g => g.Order).ToList();
        copy.SetAttendance(groups.Select(g => new AttendanceDraft(null, g.Name, g.Expected)));
        if (EvaluationRules is { } rules)
        {
            copy.SetEvaluationRules(RulesFor(rules, groups, copy._attendance.OrderBy(g => g.Order).ToList()));
        }

        copy.ShowRectificationOnBallot(ShowsRectificationOnBallot);
        copy.SetCoverageScope(_coverageCategories, _coverageTypes);
        var keptLeaders = _leaderIds.Where(leaders.Contains).ToList();
        copy.SetLeaders(keptLeaders, _guidance);

        var skipped = new List<SkippedReporter>();
        var withoutSecretary = new List<string>();
        foreach (var reporter in InBallotOrder())
        {
            if (units.SingleOrDefault(u => u.Id == reporter.OrganizationId) is not { } unit)
            {
                skipped.Add(new SkippedReporter(reporter.UnitName, $"“{reporter.UnitName}”已不存在。"));
                continue;
            }

            // The same rules as adding a reporter by hand: active, below the host, once.
            try
            {
                copy.AddReporter(unit, reporter.Mode);
            }
            catch (DomainException ex)
            {
                skipped.Add(new SkippedReporter(reporter.UnitName, ex.Message));
                continue;
            }

            if (unit.Secretary is null)
            {
                withoutSecretary.Add(unit.Name);
            }
        }

        return new MeetingCopy(copy, skipped, withoutSecretary, _leaderIds.Count - keptLeaders.Count);
    }

    /// <summary>
    /// A host may hold a second meeting for a review year (e.g. a second batch), but under a title of its own, so the two
    /// are never mistaken for each other. Null when <paramref name="title"/> differs from every title of that year.
    /// </summary>
    public static DomainError? SameYearTitleError(string? title, IEnumerable<string> sameYearTitles)
    {
        ArgumentNullException.ThrowIfNull(sameYearTitles);
        var trimmed = title?.Trim() ?? "";
        return sameYearTitles.Any(t => string.Equals(t.Trim(), trimmed, StringComparison.Ordinal))
            ? new DomainError($"本年度已有名为“{trimmed}”的会议，再安排一次会议时请使用不同的会议名称（如注明“第二批”）。", nameof(Title))
            : null;
    }

    /// <summary>The rules with each rater group moved from the earlier meeting's attendance group to the copy's group in the same place.</summary>
    private static EvaluationRules RulesFor(EvaluationRules rules, List<AttendanceGroup> from, List<AttendanceGroup> to)
    {
        var keys = from.Select((g, i) => (Old: g.Id.ToString(), New: to[i].Id.ToString())).ToDictionary(k => k.Old, k => k.New, StringComparer.Ordinal);
        var groups = rules.Groups.Where(g => keys.ContainsKey(g.Key)).Select(g => g with { Key = keys[g.Key] }).ToList();
        return EvaluationRules.Create(
            rules.Grades, rules.AllowAbstain, groups, rules.Quorum, rules.Quotas, rules.CompositeParts, rules.Bands, rules.TopBandMaxShare);
    }
}
