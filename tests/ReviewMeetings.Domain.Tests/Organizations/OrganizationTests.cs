using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Tests.Organizations;

public sealed class OrganizationTests
{
    private static Organization Root() => Organization.CreateRoot("中共江州市委员会", OrganizationType.PartyCommittee, OrganizationCategory.Local);

    private static Organization Child(Organization parent, string name) =>
        Organization.CreateChild(parent, name, OrganizationType.WorkingCommittee, OrganizationCategory.Street);

    [Fact]
    public void Child_path_extends_the_parent_path_and_depth()
    {
        var root = Root();
        var district = Child(root, "中共清河区委员会");
        var street = Child(district, "东城街道党工委");

        Assert.StartsWith(district.Path, street.Path, StringComparison.Ordinal);
        Assert.Equal(2, street.Depth);
        Assert.Equal(district.Id, street.ParentId);
        Assert.True(root.Contains(street));
        Assert.True(district.Contains(district));
        Assert.False(street.Contains(district));
    }

    [Fact]
    public void Sibling_subtrees_do_not_contain_each_other()
    {
        var root = Root();
        var qinghe = Child(root, "中共清河区委员会");
        var liulin = Child(root, "中共柳林区委员会");

        Assert.False(qinghe.Contains(liulin));
        Assert.False(liulin.Contains(Child(qinghe, "东城街道党工委")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_name_is_refused_in_Chinese(string? name)
    {
        var error = Assert.Throws<DomainException>(() => Child(Root(), name!));

        Assert.Equal("请填写单位名称。", error.Message);
        Assert.Equal(nameof(Organization.Name), error.Field);
    }

    [Fact]
    public void Name_is_trimmed_and_limited_in_length()
    {
        var unit = Child(Root(), "  西城街道党工委  ");
        Assert.Equal("西城街道党工委", unit.Name);

        var error = Assert.Throws<DomainException>(() => unit.Rename(new string('党', Organization.NameMaxLength + 1)));
        Assert.Contains("不能超过100个字", error.Message, StringComparison.Ordinal);
        Assert.Equal("西城街道党工委", unit.Name);
    }

    [Fact]
    public void Moving_a_unit_rewrites_the_paths_of_its_whole_subtree()
    {
        var root = Root();
        var qinghe = Child(root, "中共清河区委员会");
        var liulin = Child(root, "中共柳林区委员会");
        var street = Child(qinghe, "东城街道党工委");
        var community = Child(street, "幸福里社区党总支");
        var branch = Child(community, "第一党支部");

        street.MoveUnder(liulin, [community, branch]);

        Assert.Equal(liulin.Id, street.ParentId);
        Assert.True(liulin.Contains(street));
        Assert.True(liulin.Contains(branch));
        Assert.False(qinghe.Contains(branch));
        Assert.Equal(liulin.Path + street.Id.ToString("N") + "/" + community.Id.ToString("N") + "/", community.Path);
        Assert.Equal(2, street.Depth);
        Assert.Equal(4, branch.Depth);
    }

    [Fact]
    public void Moving_a_unit_one_level_up_reduces_the_depth_of_its_subtree()
    {
        var root = Root();
        var district = Child(root, "中共清河区委员会");
        var street = Child(district, "东城街道党工委");
        var community = Child(street, "幸福里社区党总支");

        street.MoveUnder(root, [community]);

        Assert.Equal(1, street.Depth);
        Assert.Equal(2, community.Depth);
        Assert.Equal(street.Path + community.Id.ToString("N") + "/", community.Path);
    }

    [Fact]
    public void A_unit_cannot_move_under_itself_or_its_descendant()
    {
        var root = Root();
        var district = Child(root, "中共清河区委员会");
        var street = Child(district, "东城街道党工委");
        var oldPath = district.Path;

        var underDescendant = Assert.Throws<DomainException>(() => district.MoveUnder(street, [street]));
        var underItself = Assert.Throws<DomainException>(() => district.MoveUnder(district, [street]));

        Assert.Equal("不能把单位移动到它自己或它的下级单位之下。", underDescendant.Message);
        Assert.Equal(underDescendant.Message, underItself.Message);
        Assert.Equal(oldPath, district.Path);
        Assert.Equal(root.Id, district.ParentId);
    }

    [Fact]
    public void The_root_cannot_move_or_be_deactivated()
    {
        var root = Root();
        var other = Root();

        Assert.Throws<DomainException>(() => root.MoveUnder(other, []));
        Assert.Throws<DomainException>(() => root.Deactivate([]));
        Assert.True(root.IsActive);
    }

    [Fact]
    public void Moving_under_an_inactive_unit_is_refused()
    {
        var root = Root();
        var closed = Child(root, "已撤销街道党工委");
        closed.Deactivate([]);
        var street = Child(root, "东城街道党工委");

        var error = Assert.Throws<DomainException>(() => street.MoveUnder(closed, []));

        Assert.Equal("目标上级党组织已停用。", error.Message);
    }

    [Fact]
    public void Deactivation_requires_children_to_be_inactive_first()
    {
        var root = Root();
        var street = Child(root, "东城街道党工委");
        var community = Child(street, "幸福里社区党总支");

        var error = Assert.Throws<DomainException>(() => street.Deactivate([community]));
        Assert.Contains("启用中的下级单位", error.Message, StringComparison.Ordinal);
        Assert.True(street.IsActive);

        community.Deactivate([]);
        street.Deactivate([community]);
        Assert.False(street.IsActive);
    }

    [Fact]
    public void No_new_unit_under_an_inactive_parent_and_no_reactivation_below_one()
    {
        var root = Root();
        var street = Child(root, "东城街道党工委");
        var community = Child(street, "幸福里社区党总支");
        community.Deactivate([]);
        street.Deactivate([community]);

        Assert.Throws<DomainException>(() => Child(street, "新社区党支部"));
        Assert.Throws<DomainException>(() => community.Reactivate(street));

        street.Reactivate(root);
        community.Reactivate(street);
        Assert.True(community.IsActive);
    }

    [Fact]
    public void Tree_depth_is_bounded()
    {
        var unit = Root();
        for (var depth = 1; depth < Organization.MaxDepth; depth++)
        {
            unit = Child(unit, $"第{depth}级");
        }

        Assert.Throws<DomainException>(() => Child(unit, "过深的单位"));
    }

    [Fact]
    public void Secretary_needs_a_name_and_a_plausible_phone()
    {
        var secretary = Secretary.Create(" 王晓东 ", "街道党工委书记", "139-0000-1001", userId: null);
        Assert.Equal("王晓东", secretary.Name);

        Assert.Equal("请填写书记姓名。", Assert.Throws<DomainException>(() => Secretary.Create("", null, null, null)).Message);
        Assert.Equal("Phone", Assert.Throws<DomainException>(() => Secretary.Create("王晓东", null, "电话号码", null)).Field);
    }

    [Fact]
    public void Assigning_and_clearing_the_secretary()
    {
        var unit = Child(Root(), "东城街道党工委");
        var userId = Guid.NewGuid();

        unit.AssignSecretary(Secretary.Create("王晓东", "书记", null, userId));
        Assert.Equal(userId, unit.Secretary!.UserId);

        unit.ClearSecretary();
        Assert.Null(unit.Secretary);
    }
}
