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

    /// <summary>
    /// True when PostgreSQL broke a deadlock by ending this save: two saves took the same rows in opposite order (every
    /// save that changes units also takes the tree version, migration OrganizationTreeVersion). The other save went through.
    /// </summary>
    /// <remarks>EF wraps it, as a transient failure it does not retry, in an <see cref="InvalidOperationException"/>.</remarks>
    public static bool IsDeadlock(this Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }

        return false;
    }
}
