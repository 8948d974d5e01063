namespace ReviewMeetings.Domain.Common;

internal static class Text
{
    public static string Required(string? value, int maxLength, string label, string field)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainException($"请填写{label}。", field);
        }

        return Limit(trimmed, maxLength, label, field);
    }

    public static string? Optional(string? value, int maxLength, string label, string field)
    {
        var trimmed = value?.Trim() ?? "";
        return trimmed.Length == 0 ? null : Limit(trimmed, maxLength, label, field);
    }

    private static string Limit(string value, int maxLength, string label, string field) =>
        value.Length > maxLength
            ? throw new DomainException($"{label}不能超过{maxLength}个字。", field)
            : value;
}
