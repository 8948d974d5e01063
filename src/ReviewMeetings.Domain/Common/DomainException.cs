namespace ReviewMeetings.Domain.Common;

/// <summary>
/// A broken business rule. The message is shown to the user as it is, so it is written in Chinese.
/// </summary>
public sealed class DomainException : Exception
{
    private readonly IReadOnlyList<DomainError>? _errors;

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

    /// <summary>Several broken rules found at once, so a form can show them all in one round.</summary>
    public DomainException(IReadOnlyList<DomainError> errors)
        : base(string.Join(" ", (errors ?? throw new ArgumentNullException(nameof(errors))).Select(e => e.Message)))
    {
        _errors = errors;
        Field = errors.Count == 1 ? errors[0].Field : null;
    }

    /// <summary>The input the rule is about, when there is one, so the page can show the message next to it.</summary>
    public string? Field { get; }

    /// <summary>Every broken rule, each with its field; one entry for an exception about a single rule.</summary>
    public IReadOnlyList<DomainError> Errors => _errors ?? [new DomainError(Message, Field)];
}

/// <summary>One broken rule and the input it is about (null: the form as a whole).</summary>
public sealed record DomainError(string Message, string? Field);
