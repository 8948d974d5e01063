using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Tests.Organizations;

public sealed class UnitImportPlannerTests
{
    private static readonly Guid City = Guid.NewGuid();
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Guid Street = Guid.NewGuid();
    private static readonly Guid Town = Guid.NewGuid();

    private static readonly List<ExistingUnit> Tree =
    [
        new(City, null, "中共江州市委员会", null, OrganizationType.PartyCommittee, OrganizationCategory.Local, 0, true, null),
        new(District, City, "中共清河区委员会", "QH", OrganizationType.PartyCommittee, OrganizationCategory.Local, 1, true, null),
        new(Street, District, "东城街道党工委", null, OrganizationType.WorkingCommittee, OrganizationCategory.Street, 2, true,
            new ExistingSecretary("张三", "书记", "13800138000", "zhangsan")),
        new(Town, District, "桃源镇党委", "TY", OrganizationType.PartyCommittee, OrganizationCategory.Town, 3, true, null),
    ];

    private static UnitImportContext AdminContext(Dictionary<string, Guid>? accounts = null) =>
        new(Tree, City, [], new HashSet<string>(), accounts ?? new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase) { ["zhangsan"] = Street }, MayRestructureRoot: true);

    private static UnitImportContext DistrictContext(bool mayRestructureRoot = false) =>
        new(Tree.Skip(1).ToList(), District, ["中共江州市委员会"], new HashSet<string>(), new Dictionary<string, Guid>(), mayRestructureRoot);

    private static UnitImportRow Row(int number, string name, string parent, string type = "党委", string category = "街道", params (string Column, string Value)[] more)
    {
        var cells = new Dictionary<string, string>
        {
            [UnitImportColumns.Name] = name,
            [UnitImportColumns.Parent] = parent,
            [UnitImportColumns.Type] = type,
            [UnitImportColumns.Category] = category,
        };
        foreach (var (column, value) in more)
        {
            cells[column] = value;
        }

        return new UnitImportRow(number, cells);
    }

    private static UnitImportRow Existing(int number, ExistingUnit unit, string parent, params (string Column, string Value)[] more) =>
        Row(number, unit.Name, parent, unit.Type.ChineseName(), unit.Category.ChineseName(), more);

    private static PlannedUnit Only(UnitImportPlan plan, int row) => plan.Rows.Single(r => r.RowNumber == row);

    private static UnitImportProblem Problem(UnitImportPlan plan, int row) => Assert.Single(Only(plan, row).Problems);

    [Fact]
    public void An_organizers_own_unit_keeps_its_name_type_field_code_and_order_but_its_secretary_may_change()
    {
        var district = Tree[1];

        var renamed = UnitImportPlanner.Plan([Existing(2, district with { Name = "中共清河区委员会（新）" }, "中共江州市委员会", (UnitImportColumns.Code, "QH"))], DistrictContext());
        var reclassified = UnitImportPlanner.Plan(
            [Existing(2, district with { Type = OrganizationType.WorkingCommittee }, "中共江州市委员会", (UnitImportColumns.Code, "QH"), (UnitImportColumns.SortOrder, "5"))], DistrictContext());
        var newSecretary = UnitImportPlanner.Plan([Existing(2, district, "中共江州市委员会", (UnitImportColumns.SecretaryName, "李四"))], DistrictContext());
        var byAdministrator = UnitImportPlanner.Plan(
            [Existing(2, district with { Name = "中共清河区委员会（新）" }, "中共江州市委员会", (UnitImportColumns.Code, "QH"))], DistrictContext(mayRestructureRoot: true));

        var problem = Problem(renamed, 2);
        Assert.Equal(UnitImportColumns.Name, problem.Column);
        Assert.Equal("“中共清河区委员会”是您管理范围内最上级的党组织，其名称由上级组织部门维护，不能通过导入修改（书记信息可以修改）。", problem.Reason);
        Assert.Equal([UnitImportColumns.Type, UnitImportColumns.SortOrder], Only(reclassified, 2).Problems.Select(p => p.Column));
        Assert.True(reclassified.HasErrors);
        Assert.Equal(UnitImportAction.Update, Only(newSecretary, 2).Action);
        Assert.False(newSecretary.HasErrors);
        Assert.Equal(UnitImportAction.Update, Only(byAdministrator, 2).Action);
    }

    [Fact]
    public void Codes_do_not_depend_on_case_and_are_planned_in_upper_case()
    {
        var plan = UnitImportPlanner.Plan([Row(2, "桃源镇党委", "中共清河区委员会", "党委", "镇", (UnitImportColumns.Code, "ty"), (UnitImportColumns.SortOrder, "3"))], AdminContext());
        var renamed = UnitImportPlanner.Plan([Row(2, "桃源镇委员会", "中共清河区委员会", "党委", "镇", (UnitImportColumns.Code, "ty"), (UnitImportColumns.SortOrder, "3"))], AdminContext());
        var created = UnitImportPlanner.Plan([Row(2, "新党委", "中共清河区委员会", more: (UnitImportColumns.Code, "xq-01"))], AdminContext());

        Assert.Equal((UnitImportAction.Unchanged, Town), (Only(plan, 2).Action, Only(plan, 2).ExistingId));
        Assert.Equal((UnitImportAction.Update, Town), (Only(renamed, 2).Action, Only(renamed, 2).ExistingId));
        Assert.Equal("XQ-01", Only(created, 2).Code);
    }

    [Fact]
    public void A_new_installations_root_without_a_code_is_the_files_root_row_even_when_that_row_gives_a_code()
    {
        var context = new UnitImportContext(
            [new(City, null, "中共江州市委员会", null, OrganizationType.PartyCommittee, OrganizationCategory.Local, 0, true, null)],
            City, [], new HashSet<string>(), new Dictionary<string, Guid>(), MayRestructureRoot: true);

        var plan = UnitImportPlanner.Plan(
            [Row(2, "中共江州市委员会", "", "党委", "地方党委", (UnitImportColumns.Code, "JZ")), Row(3, "中共清河区委员会", "中共江州市委员会", more: (UnitImportColumns.Code, "QH"))], context);

        Assert.False(plan.HasErrors, string.Join(" ", plan.Problems.Select(p => p.Reason)));
        Assert.Equal((UnitImportAction.Update, City, "JZ"), (Only(plan, 2).Action, Only(plan, 2).ExistingId, Only(plan, 2).Code));
        Assert.Equal(UnitImportAction.Create, Only(plan, 3).Action);
    }

    [Fact]
    public void A_parent_defined_later_in_the_file_is_fine_and_comes_first_in_the_apply_order()
    {
        var plan = UnitImportPlanner.Plan(
        [
            Row(2, "锦绣社区党支部", "锦绣社区党总支", "党支部", "村（社区）"),
            Row(3, "锦绣社区党总支", "中共清河区委员会", "党总支", "村（社区）"),
        ], AdminContext());

        Assert.False(plan.HasErrors);
        Assert.Equal([3, 2], plan.Rows.Select(r => r.RowNumber));
        Assert.Equal(UnitImportAction.Create, Only(plan, 2).Action);
        Assert.Equal(3, Only(plan, 2).ParentRow);
        Assert.Equal("中共江州市委员会/中共清河区委员会/锦绣社区党总支/锦绣社区党支部", Only(plan, 2).FullPath);
        Assert.Equal(District, Only(plan, 3).ParentId);
    }

    [Fact]
    public void A_parent_may_be_given_as_a_path()
    {
        var plan = UnitImportPlanner.Plan([Row(2, "新党委", "中共江州市委员会/中共清河区委员会")], AdminContext());

        Assert.Equal(UnitImportAction.Create, Only(plan, 2).Action);
        Assert.Equal(District, Only(plan, 2).ParentId);
    }

    [Fact]
    public void Unknown_parent_is_an_error_on_the_parent_column()
    {
        var plan = UnitImportPlanner.Plan([Row(2, "新党委", "不存在的党委")], AdminContext());

        var problem = Problem(plan, 2);
        Assert.Equal(UnitImportColumns.Parent, problem.Column);
        Assert.Equal("上级党组织“不存在的党委”不存在或不在您的管理范围内。", problem.Reason);
        Assert.Equal(UnitImportAction.Error, Only(plan, 2).Action);
    }

    [Fact]
    public void A_parent_outside_the_users_subtree_is_an_error()
    {
        var plan = UnitImportPlanner.Plan([Row(2, "新党委", "中共柳林区委员会"), Row(3, "另一个", "中共江州市委员会")], DistrictContext());

        Assert.Equal(UnitImportColumns.Parent, Problem(plan, 2).Column);
        Assert.Equal("上级党组织“中共江州市委员会”不在您的管理范围内。", Problem(plan, 3).Reason);
    }

    [Fact]
    public void Duplicate_name_under_one_parent_is_an_error_on_the_later_row()
    {
        var plan = UnitImportPlanner.Plan([Row(2, "新党委", "中共清河区委员会"), Row(3, "新党委", "中共清河区委员会")], AdminContext());

        Assert.Equal(UnitImportAction.Create, Only(plan, 2).Action);
        Assert.Equal(new UnitImportProblem(3, UnitImportColumns.Name, "同一上级党组织下已有同名的党组织（第2行）。"), Problem(plan, 3));
    }

    [Fact]
    public void Renaming_onto_a_stored_siblings_name_is_a_duplicate()
    {
        var plan = UnitImportPlanner.Plan([Row(2, "东城街道党工委", "中共清河区委员会", "党委", "镇", (UnitImportColumns.Code, "TY"))], AdminContext());

        Assert.Equal("同一上级党组织下已有同名的党组织（已有党组织）。", Problem(plan, 2).Reason);
    }

    [Fact]
    public void Rows_that_are_each_others_parent_form_a_cycle()
    {
        var plan = UnitImportPlanner.Plan([Row(2, "甲", "乙"), Row(3, "乙", "甲")], AdminContext());

        Assert.Equal("上级关系形成循环（第2、3行互为上级）。", Problem(plan, 2).Reason);
        Assert.Equal(UnitImportColumns.Parent, Problem(plan, 3).Column);
    }

    [Fact]
    public void Moving_a_unit_under_its_own_child_is_a_cycle()
    {
        var plan = UnitImportPlanner.Plan(
        [
            Existing(2, Tree[1], "东城街道党工委", (UnitImportColumns.Code, "QH")),
        ], AdminContext());

        Assert.Equal("上级党组织是本党组织或其下级党组织，形成循环。", Problem(plan, 2).Reason);
    }

    [Theory]
    [InlineData(UnitImportColumns.Type, "党小组", "未知的组织类型“党小组”，应为：党委、党工委、党组、机关工委、党总支、党支部。")]
    [InlineData(UnitImportColumns.Category, "农村", "未知的所属领域“农村”")]
    [InlineData(UnitImportColumns.Type, "", "必填项为空：请填写组织类型。")]
    [InlineData(UnitImportColumns.SortOrder, "第一", "排序号应为0到999999之间的整数。")]
    [InlineData(UnitImportColumns.SecretaryPhone, "1380013800", "手机号“1380013800”格式不正确")]
    [InlineData(UnitImportColumns.SecretaryPhone, "12800138000", "手机号“12800138000”格式不正确")]
    [InlineData(UnitImportColumns.Code, "QH 01", "党组织代码只能包含字母、数字和“-_.”")]
    public void Bad_cells_are_errors_with_their_column(string column, string value, string reason)
    {
        var row = Row(2, "新党委", "中共清河区委员会", more: [(UnitImportColumns.SecretaryName, "李四"), (column, value)]);
        var plan = UnitImportPlanner.Plan([row], AdminContext());

        var problem = Problem(plan, 2);
        Assert.Equal(column, problem.Column);
        Assert.StartsWith(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_too_long_empty_required_cells_and_secretary_data_without_a_name_are_errors()
    {
        var plan = UnitImportPlanner.Plan(
        [
            Row(2, new string('党', 101), "中共清河区委员会"),
            Row(3, "", "中共清河区委员会"),
            Row(4, "新党委", "", "党委", "镇"),
            Row(5, "另一党委", "中共清河区委员会", more: (UnitImportColumns.SecretaryPhone, "13800138000")),
        ], AdminContext());

        Assert.Equal("党组织名称过长：不能超过100个字（现有101个字）。", Problem(plan, 2).Reason);
        Assert.Equal(new UnitImportProblem(3, UnitImportColumns.Name, "必填项为空：请填写党组织名称。"), Problem(plan, 3));
        Assert.Equal(new UnitImportProblem(4, UnitImportColumns.Parent, "必填项为空：请填写上级党组织。"), Problem(plan, 4));
        Assert.Equal(new UnitImportProblem(5, UnitImportColumns.SecretaryName, "填写了书记职务、手机号或登录账号，但未填写书记姓名。"), Problem(plan, 5));
    }

    [Fact]
    public void Cell_problems_found_by_the_reader_make_the_row_an_error()
    {
        var row = Row(2, "新党委", "中共清河区委员会") with { CellProblems = [new UnitImportProblem(2, UnitImportColumns.Name, "单元格含公式")] };

        var plan = UnitImportPlanner.Plan([row], AdminContext());

        Assert.Equal("单元格含公式", Problem(plan, 2).Reason);
        Assert.Equal(UnitImportAction.Error, Only(plan, 2).Action);
    }

    [Theory]
    [InlineData("13912345678")]
    [InlineData("0571-88888888")]
    [InlineData("88888888")]
    public void Mobile_and_landline_numbers_are_valid(string phone) => Assert.True(UnitImportPlanner.IsValidPhone(phone));

    [Fact]
    public void The_stored_tree_as_it_is_plans_no_changes()
    {
        var plan = UnitImportPlanner.Plan(
        [
            Existing(2, Tree[0], "", (UnitImportColumns.SortOrder, "0")),
            Existing(3, Tree[1], "中共江州市委员会", (UnitImportColumns.Code, "QH"), (UnitImportColumns.SortOrder, "1")),
            Existing(4, Tree[2], "中共江州市委员会/中共清河区委员会", (UnitImportColumns.SecretaryName, "张三"), (UnitImportColumns.SecretaryTitle, "书记"),
                (UnitImportColumns.SecretaryPhone, "13800138000"), (UnitImportColumns.Account, "zhangsan")),
            Existing(5, Tree[3], "中共清河区委员会", (UnitImportColumns.Code, "TY")),
        ], AdminContext());

        Assert.All(plan.Rows, r => Assert.Equal(UnitImportAction.Unchanged, r.Action));
    }

    [Fact]
    public void A_code_matches_a_stored_unit_so_new_name_and_parent_are_an_update_and_a_move()
    {
        var plan = UnitImportPlanner.Plan([Row(2, "桃源镇委员会", "东城街道党工委", "党委", "镇", (UnitImportColumns.Code, "TY"))], AdminContext());

        var row = Only(plan, 2);
        Assert.Equal(UnitImportAction.Move, row.Action);
        Assert.Equal(Town, row.ExistingId);
        Assert.Equal(Street, row.ParentId);
        Assert.Contains("名称由“桃源镇党委”改为“桃源镇委员会”", row.Changes.Select(c => c.Description));
        Assert.Contains("上级党组织由“中共江州市委员会/中共清河区委员会”改为“中共江州市委员会/中共清河区委员会/东城街道党工委”", row.Changes.Select(c => c.Description));
    }

    [Fact]
    public void A_new_secretary_is_a_change_from_the_old_to_the_new_name()
    {
        var plan = UnitImportPlanner.Plan(
            [Existing(2, Tree[2], "中共清河区委员会", (UnitImportColumns.SecretaryName, "李四"), (UnitImportColumns.Account, "lisi"))],
            AdminContext());

        var row = Only(plan, 2);
        Assert.Equal(UnitImportAction.Update, row.Action);
        Assert.True(row.SecretaryChanged);
        Assert.Equal(["书记由张三变更为李四", "新建书记账号lisi"], row.Changes.Select(c => c.Description));
        Assert.Equal(UnitImportAccount.Create, row.AccountAction);
    }

    [Fact]
    public void An_account_of_another_unit_cannot_be_linked()
    {
        var plan = UnitImportPlanner.Plan(
            [Existing(2, Tree[3], "中共清河区委员会", (UnitImportColumns.SecretaryName, "李四"), (UnitImportColumns.Account, "ZhangSan"))],
            AdminContext());

        Assert.Equal(new UnitImportProblem(2, UnitImportColumns.Account, "登录账号“ZhangSan”已被其他单位的用户使用。"), Problem(plan, 2));
    }

    [Fact]
    public void The_fingerprint_changes_when_the_stored_tree_changes_what_the_plan_does()
    {
        UnitImportRow[] rows = [Existing(2, Tree[2], "中共清河区委员会", (UnitImportColumns.SecretaryName, "李四"))];
        var before = UnitImportPlanner.Plan(rows, AdminContext());
        var same = UnitImportPlanner.Plan(rows, AdminContext());
        var changedTree = Tree.Select(u => u.Id == Street ? u with { Secretary = new ExistingSecretary("李四", null, null, null) } : u).ToList();
        var after = UnitImportPlanner.Plan(rows, AdminContext() with { Units = changedTree });

        Assert.Equal(before.Fingerprint, same.Fingerprint);
        Assert.NotEqual(before.Fingerprint, after.Fingerprint);
        Assert.Equal(UnitImportAction.Unchanged, Only(after, 2).Action);
    }

    [Fact]
    public void A_code_twice_in_the_file_is_an_error_on_the_later_row()
    {
        var plan = UnitImportPlanner.Plan(
            [Row(2, "甲党委", "中共清河区委员会", more: (UnitImportColumns.Code, "X1")), Row(3, "乙党委", "中共清河区委员会", more: (UnitImportColumns.Code, "x1"))],
            AdminContext());

        Assert.Equal(new UnitImportProblem(3, UnitImportColumns.Code, "党组织代码“X1”与第2行重复。"), Problem(plan, 3));
    }
}
