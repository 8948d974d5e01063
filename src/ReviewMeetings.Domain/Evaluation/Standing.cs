namespace ReviewMeetings.Domain.Evaluation;

/// <summary>Ranks and grade bands (综合评价等次), both by composite score.</summary>
internal static class Standing
{
    /// <summary>
    /// Ties share a rank (1, 2, 2, 4). With a cap on the top band, a reporter keeps it only when everyone scoring
    /// at least as much still fits under the cap, so reporters tied across the cap all drop to the next band.
    /// </summary>
    public static List<ReporterTally> Assign(IReadOnlyList<ReporterTally> tallies, EvaluationRules rules)
    {
        var composites = tallies.Where(t => t.Composite is not null).Select(t => t.Composite!.Value).ToList();
        int? topBandCap = rules.TopBandMaxShare is { } share ? (int)Math.Floor(share * tallies.Count) : null;
        return tallies
            .Select(t => t.Composite is { } composite
                ? t with
                {
                    Rank = 1 + composites.Count(other => other > composite),
                    Band = Band(composite, composites, rules, topBandCap),
                }
                : t)
            .ToList();
    }

    private static string Band(decimal composite, List<decimal> composites, EvaluationRules rules, int? topBandCap)
    {
        var band = rules.Bands.Select((b, i) => (Band: b, Index: i)).First(b => composite >= b.Band.MinScore);
        var overCap = band.Index == 0 && topBandCap is { } cap && composites.Count(other => other >= composite) > cap;
        return overCap ? rules.Bands[1].Name : band.Band.Name;
    }
}
