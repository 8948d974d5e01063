using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ReviewMeetings.Web.Infrastructure;

public static class DbErrors
{
    /// <summary>True when the save lost a race against a unique index (two people creating the same thing at once).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>True when what the save refers to was removed meanwhile (e.g. a reporter taken off the meeting).</summary>
    public static bool IsForeignKeyViolation(this DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };
}
