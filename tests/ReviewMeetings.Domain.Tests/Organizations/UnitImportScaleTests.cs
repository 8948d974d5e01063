using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Tests.Organizations;

public sealed class UnitImportScaleTests
{
    /// <summary>
    /// 5,000 rows listed children first: every parent is found further down the file and planned before its children.
    /// How long it takes is measured by the benchmark (docs/performance.md), not here.
    /// </summary>
    [Fact]
    public void Five_thousand_rows_listed_children_first_plan_parents_before_children()
    {
        var root = new ExistingUnit(Guid.NewGuid(), null, "市委", null, OrganizationType.PartyCommittee, OrganizationCategory.Local, 0, true, null);
        var rows = new List<UnitImportRow>();
        var n = 2;
        for (var d = 0; d < 50; d++)
        {
            rows.Add(new UnitImportRow(n++, new Dictionary<string, string> { [UnitImportColumns.Name] = $"区{d}", [UnitImportColumns.Parent] = "市委", [UnitImportColumns.Type] = "党委", [UnitImportColumns.Category] = "街道" }));
            for (var s = 0; s < 99; s++)
            {
                rows.Add(new UnitImportRow(n++, new Dictionary<string, string> { [UnitImportColumns.Name] = $"区{d}支部{s}", [UnitImportColumns.Parent] = $"区{d}", [UnitImportColumns.Type] = "党支部", [UnitImportColumns.Category] = "街道", [UnitImportColumns.SecretaryName] = "张三", [UnitImportColumns.Account] = $"u{d}x{s}" }));
            }
        }

        rows.Reverse();
        var plan = UnitImportPlanner.Plan(rows, new UnitImportContext([root], root.Id, [], new HashSet<string>(), new Dictionary<string, Guid>()));
        Assert.False(plan.HasErrors, string.Join("\n", plan.Problems.Take(3)));
        Assert.Equal(5000, plan.Count(UnitImportAction.Create));
        var position = plan.Rows.Select((r, i) => (r.RowNumber, i)).ToDictionary(x => x.RowNumber, x => x.i);
        Assert.All(plan.Rows.Where(r => r.ParentRow is not null), r => Assert.True(position[r.ParentRow!.Value] < position[r.RowNumber]));
    }
}
