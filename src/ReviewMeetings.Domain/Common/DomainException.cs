namespace ReviewMeetings.Domain.Common;

/// <summary>
/// A broken business rule. The message is shown to the user as it is, so it is written in Chinese.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string message, string? field = null)
        : base(message)
    {
        Field = field;
    }

    public DomainException()
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The input the rule is about, when there is one, so the page can show the message next to it.</summary>
    public string? Field { get; }
}
