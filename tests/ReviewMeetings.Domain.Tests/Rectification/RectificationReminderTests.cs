using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Rectification;

namespace ReviewMeetings.Domain.Tests.Rectification;

public sealed class RectificationReminderTests
{
    private static readonly Guid UnitId = Guid.Parse("0e900000-0000-0000-0000-000000000001");
    private static readonly Guid Organizer = Guid.Parse("0a9a0000-0000-0000-0000-000000000001");
    private static readonly Guid ItemA = Guid.Parse("17e00000-0000-0000-0000-000000000001");
    private static readonly Guid ItemB = Guid.Parse("17e00000-0000-0000-0000-000000000002");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reminder_keeps_the_trimmed_text_each_item_once_the_sender_and_the_time()
    {
        var reminder = RectificationReminder.Send(UnitId, [ItemA, ItemB, ItemA], "  请抓紧整改。 ", Organizer, "林晓燕", Now);

        Assert.Equal(UnitId, reminder.OrganizationId);
        Assert.Equal([ItemA, ItemB], reminder.ItemIds);
        Assert.Equal("请抓紧整改。", reminder.Text);
        Assert.Equal((Organizer, "林晓燕", Now), (reminder.SenderId!.Value, reminder.SenderName, reminder.SentAt));
    }

    [Theory]
    [InlineData(null, "请填写催办内容。")]
    [InlineData("   ", "请填写催办内容。")]
    [InlineData("x", "催办内容不能超过300个字。")]
    public void Reminder_needs_a_text_of_at_most_300_characters(string? text, string message)
    {
        var tooLong = text == "x" ? new string('催', RectificationReminder.TextMaxLength + 1) : text;

        var ex = Assert.Throws<DomainException>(() => RectificationReminder.Send(UnitId, [ItemA], tooLong, Organizer, "林晓燕", Now));

        Assert.Equal(message, ex.Message);
        Assert.Equal(nameof(RectificationReminder.Text), ex.Field);
    }

    [Fact]
    public void Reminder_needs_at_least_one_item()
    {
        var ex = Assert.Throws<DomainException>(() => RectificationReminder.Send(UnitId, [], "请抓紧整改。", Organizer, "林晓燕", Now));

        Assert.Equal("请勾选要催办的问题。", ex.Message);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(59, true)]
    [InlineData(60, false)]
    [InlineData(61, false)]
    public void Unit_is_reminded_again_only_an_hour_after_the_last_reminder(int minutesLater, bool tooSoon) =>
        Assert.Equal(tooSoon, RectificationReminder.TooSoonAfter(Now, Now.AddMinutes(minutesLater)));
}
