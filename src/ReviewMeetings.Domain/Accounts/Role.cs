namespace ReviewMeetings.Domain.Accounts;

/// <summary>What a signed-in person may do (docs/domain.md §5). Voters have no account and so no role.</summary>
public enum Role
{
    Administrator,
    Organizer,
    Leader,
    Secretary,
    Observer,
}

public static class RoleNames
{
    public const string Administrator = nameof(Role.Administrator);
    public const string Organizer = nameof(Role.Organizer);
    public const string Leader = nameof(Role.Leader);
    public const string Secretary = nameof(Role.Secretary);
    public const string Observer = nameof(Role.Observer);

    /// <summary>Who runs meetings (docs/domain.md §5: organizers, and administrators who may do everything).</summary>
    public const string MeetingStaff = Organizer + "," + Administrator;

    public static string ChineseName(this Role role) => role switch
    {
        Role.Administrator => "系统管理员",
        Role.Organizer => "组织部工作人员",
        Role.Leader => "点评领导",
        Role.Secretary => "述职书记",
        Role.Observer => "上级组织部/观察员",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
