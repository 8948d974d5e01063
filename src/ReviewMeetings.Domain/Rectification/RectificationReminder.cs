using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Rectification;

/// <summary>
/// A reminder (整改催办) staff sent one unit about some of its problem-list items: the text, which items, who sent it
/// and when. The unit's secretary reads it on the dashboard. Kept deliberately plain (a unit, a text, a sender, a
/// time) so a general inbox can take these rows over later.
/// </summary>
public sealed class RectificationReminder
{
    public const int TextMaxLength = 300;
    public const int SenderNameMaxLength = 100;

    /// <summary>The text the ledger's reminder form starts with; staff may change it.</summary>
    public const string DefaultText = "请对照整改清单抓紧推进整改，按整改时限完成，并及时在系统中报送整改进展和佐证材料。";

    /// <summary>A unit reminded less than this long ago is not reminded again (a repeated click, two staff at once).</summary>
    public static readonly TimeSpan RepeatAfter = TimeSpan.FromHours(1);

    // For EF Core materialization.
    private RectificationReminder()
    {
        Text = null!;
        SenderName = null!;
        ItemIds = [];
    }

    private RectificationReminder(Guid organizationId, Guid[] itemIds, string text, Guid senderId, string senderName, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        OrganizationId = organizationId;
        ItemIds = itemIds;
        Text = text;
        SenderId = senderId;
        SenderName = senderName;
        SentAt = at;
    }

    public Guid Id { get; private set; }

    /// <summary>The unit reminded; its secretary sees the reminder.</summary>
    public Guid OrganizationId { get; private set; }

    /// <summary>The unit's items the reminder is about.</summary>
    public Guid[] ItemIds { get; private set; }

    public string Text { get; private set; }

    /// <summary>The staff member who sent it; null once that account is deleted.</summary>
    public Guid? SenderId { get; private set; }

    /// <summary>The sender's name as it was at the time.</summary>
    public string SenderName { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    /// <summary>The reminder's text, trimmed; a DomainException on the field Text when empty or too long.</summary>
    public static string CheckedText(string? text) => Common.Text.Required(text, TextMaxLength, "催办内容", nameof(Text));

    public static RectificationReminder Send(Guid organizationId, IEnumerable<Guid> itemIds, string? text, Guid senderId, string senderName, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(senderName);
        var items = itemIds.Distinct().ToArray();
        if (items.Length == 0)
        {
            throw new DomainException("请勾选要催办的问题。");
        }

        var name = senderName.Trim();
        return new RectificationReminder(organizationId, items, CheckedText(text), senderId,
            name.Length > SenderNameMaxLength ? name[..SenderNameMaxLength] : name, at);
    }

    /// <summary>Whether a unit last reminded at <paramref name="lastSentAt"/> may not be reminded again at <paramref name="now"/>.</summary>
    public static bool TooSoonAfter(DateTimeOffset lastSentAt, DateTimeOffset now) => now - lastSentAt < RepeatAfter;
}
