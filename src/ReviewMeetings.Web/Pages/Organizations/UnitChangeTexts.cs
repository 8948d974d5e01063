using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Web.Pages.Organizations;

/// <summary>How the pages word the lines of a unit's history (变更记录).</summary>
public static class UnitChangeTexts
{
    /// <summary>"，党组织代码“X”，排序号5" for what is set, or nothing.</summary>
    public static string CodeAndSortOrder(Organization unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return (unit.Code is null ? "" : $"，党组织代码“{unit.Code}”") + (unit.SortOrder == 0 ? "" : $"，排序号{unit.SortOrder}");
    }

    public static string Code(string? code) => code is null ? "（空）" : $"“{code}”";

    /// <summary>"张三（街道党工委书记）", or the name alone when no title is recorded.</summary>
    public static string Person(Secretary secretary)
    {
        ArgumentNullException.ThrowIfNull(secretary);
        return secretary.Title is null ? secretary.Name : $"{secretary.Name}（{secretary.Title}）";
    }

    /// <summary>The line for a new secretary record; null when nothing that the record shows changed.</summary>
    public static string? SecretaryChange(Secretary? before, Secretary after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
        {
            return $"登记书记为{Person(after)}";
        }

        if (before.Name != after.Name)
        {
            return $"书记由{Person(before)}变更为{Person(after)}";
        }

        return before.Title != after.Title || before.Phone != after.Phone || before.UserId != after.UserId
            ? $"更新书记{Person(after)}的信息" + (before.Title != after.Title ? $"（职务由“{before.Title ?? "空"}”变更为“{after.Title ?? "空"}”）" : "")
            : null;
    }
}
