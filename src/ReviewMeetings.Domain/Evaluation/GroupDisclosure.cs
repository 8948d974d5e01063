namespace ReviewMeetings.Domain.Evaluation;

/// <summary>Which rater groups' breakdowns are hidden so that nobody's vote can be inferred.</summary>
internal static class GroupDisclosure
{
    /// <summary>
    /// Groups with fewer valid ballots than their minimum are hidden. The overall result minus the visible groups
    /// gives the hidden groups' combined marks, so while those combine fewer ballots than the minimum, the
    /// smallest visible group is hidden too.
    /// </summary>
    public static HashSet<string> HiddenGroups(EvaluationRules rules, IReadOnlyList<int> validPerGroup)
    {
        var sizes = rules.Groups
            .Select((g, order) => (Group: g, Order: order, Ballots: validPerGroup[order]))
            .ToList();
        var hidden = sizes.Where(s => s.Ballots < s.Group.MinDisclosure).ToList();
        var exposed = hidden.Where(s => s.Ballots > 0).ToList();
        var minimum = exposed.Count == 0 ? 0 : exposed.Max(s => s.Group.MinDisclosure);
        var visible = sizes.Except(hidden).OrderBy(s => s.Ballots).ThenBy(s => s.Order).ToList();
        foreach (var next in visible)
        {
            if (hidden.Sum(s => s.Ballots) >= minimum)
            {
                break;
            }

            hidden.Add(next);
        }

        return hidden.Select(s => s.Group.Key).ToHashSet(StringComparer.Ordinal);
    }
}
