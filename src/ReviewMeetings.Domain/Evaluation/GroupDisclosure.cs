namespace ReviewMeetings.Domain.Evaluation;

/// <summary>
/// Which rater groups' breakdowns are hidden so that nobody's vote can be inferred, and the pool their ballots are
/// scored in (ADR 0012).
/// </summary>
public static class GroupDisclosure
{
    /// <summary>The rule in one sentence, for the rules page, the results page and the export.</summary>
    public const string PoolRule =
        "人数少于最少公开人数的类别不单独公开结果，这些不公开类别的测评票合并为一组计入测评得分：该组权重为各类别权重之和，组内每张票权重相同，因此无法推算其中任何一个类别的评价。";

    /// <summary>
    /// The hidden groups that would be pooled if every expected voter handed in a valid ballot, in the rules' order;
    /// empty unless the pool carries weight, since only then does pooling change the evaluation score. A group expected
    /// to have no voters (0, not yet set) hides nothing.
    /// </summary>
    public static IReadOnlyList<RaterGroupRule> ExpectedPool(IReadOnlyList<RaterGroupRule> groups, IReadOnlyList<int> expected)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(expected);
        var pool = Pool(groups, expected);
        return pool.Weight > 0m ? groups.Where((g, i) => expected[i] > 0 && pool.GroupKeys.Contains(g.Key)).ToList() : [];
    }

    /// <summary>
    /// Every hidden group's ballots are scored as one pool whose weight is the sum of the weights of the hidden groups
    /// that have valid ballots, the same for each reporter. Inside the pool every ballot weighs the same, so the published
    /// figures are the same whichever pooled ballot came from which pooled group.
    /// </summary>
    internal static HiddenGroupPool Pool(IReadOnlyList<RaterGroupRule> groups, IReadOnlyList<int> validPerGroup)
    {
        var hidden = HiddenGroups(groups, validPerGroup);
        var pooled = groups.Select((g, i) => (Group: g, Ballots: validPerGroup[i])).Where(g => hidden.Contains(g.Group.Key)).ToList();
        return new HiddenGroupPool(
            pooled.Select(g => g.Group.Key).ToList(),
            pooled.Where(g => g.Ballots > 0).Sum(g => g.Group.Weight));
    }

    /// <summary>
    /// Groups with fewer valid ballots than their minimum are hidden. The overall result minus the visible groups
    /// gives the hidden groups' combined marks, so while those combine fewer ballots than the minimum, the
    /// smallest visible group is hidden too.
    /// </summary>
    private static HashSet<string> HiddenGroups(IReadOnlyList<RaterGroupRule> groups, IReadOnlyList<int> validPerGroup)
    {
        var sizes = groups
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
