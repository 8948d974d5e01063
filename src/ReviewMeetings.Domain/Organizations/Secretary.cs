using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Organizations;

/// <summary>The person who currently serves as a unit's Party secretary (书记), optionally linked to a user account.</summary>
public sealed record Secretary
{
    public const int NameMaxLength = 50;
    public const int TitleMaxLength = 100;
    public const int PhoneMaxLength = 30;

    private Secretary(string name, string? title, string? phone, Guid? userId)
    {
        Name = name;
        Title = title;
        Phone = phone;
        UserId = userId;
    }

    public string Name { get; private init; }

    public string? Title { get; private init; }

    public string? Phone { get; private init; }

    public Guid? UserId { get; private init; }

    public static Secretary Create(string? name, string? title, string? phone, Guid? userId)
    {
        var checkedPhone = Text.Optional(phone, PhoneMaxLength, "联系电话", nameof(Phone));
        if (checkedPhone is not null && !checkedPhone.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+' or '(' or ')'))
        {
            throw new DomainException("联系电话只能包含数字、空格和“-+()”。", nameof(Phone));
        }

        return new Secretary(
            Text.Required(name, NameMaxLength, "书记姓名", nameof(Name)),
            Text.Optional(title, TitleMaxLength, "书记职务", nameof(Title)),
            checkedPhone,
            userId);
    }
}
