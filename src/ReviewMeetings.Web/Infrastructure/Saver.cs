using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// The one save path of a POST: the change and <c>SaveChangesAsync</c> run in one transaction; a broken domain rule
/// (<see cref="DomainException"/>), a concurrent edit (xmin, <see cref="DbUpdateConcurrencyException"/>, a row it refers to
/// removed meanwhile, or a deadlock with another save) or a lost race
/// on a unique index roll it back and come back as a <see cref="SaveFailure"/> instead of an exception.
/// </summary>
/// <remarks>
/// The change may read and write through the context (including <c>ExecuteUpdate</c>): all of it commits or none of it.
/// When the caller has already begun a transaction, the change runs inside it and the caller commits. The change
/// tracker is left as it is; pages that show the stored state after a failure clear or reload it themselves.
/// </remarks>
public sealed class Saver(AppDbContext db)
{
    /// <summary>Runs <paramref name="change"/> and saves. Null when saved; otherwise why nothing was.</summary>
    public async Task<SaveFailure?> TrySaveAsync(Func<Task> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await change();
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return null;
        }
        catch (DomainException ex)
        {
            return SaveFailure.Broken(ex);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveFailure.Conflict;
        }
        catch (DbUpdateException ex) when (ex.IsForeignKeyViolation())
        {
            // Someone removed what this change refers to since the form was loaded: a concurrent edit as well.
            return SaveFailure.Conflict;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return SaveFailure.Duplicate;
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or PostgresException && ex.IsDeadlock())
        {
            // Another save took the same rows at the same moment and went through: to the user, a concurrent edit.
            return SaveFailure.Conflict;
        }
    }

    /// <inheritdoc cref="TrySaveAsync(Func{Task}, CancellationToken)"/>
    public Task<SaveFailure?> TrySaveAsync(Action change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return TrySaveAsync(() =>
        {
            change();
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="change"/> and saves; a failure becomes the form's errors as <paramref name="messages"/> say.</summary>
    public async Task<bool> TrySaveAsync(ModelStateDictionary modelState, SaveMessages messages, Func<Task> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(messages);
        var failure = await TrySaveAsync(change, cancellationToken);
        failure?.AddTo(modelState, messages);
        return failure is null;
    }

    /// <inheritdoc cref="TrySaveAsync(ModelStateDictionary, SaveMessages, Func{Task}, CancellationToken)"/>
    public async Task<bool> TrySaveAsync(ModelStateDictionary modelState, SaveMessages messages, Action change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(messages);
        var failure = await TrySaveAsync(change, cancellationToken);
        failure?.AddTo(modelState, messages);
        return failure is null;
    }
}

/// <summary>Why a save did not happen: a broken rule, someone else's save first (conflict), or a duplicate.</summary>
public sealed class SaveFailure
{
    public static readonly SaveFailure Conflict = new(null, duplicate: false);

    public static readonly SaveFailure Duplicate = new(null, duplicate: true);

    private SaveFailure(DomainException? rule, bool duplicate)
    {
        Rule = rule;
        IsDuplicate = duplicate;
    }

    /// <summary>The broken domain rule; null when the database refused the save.</summary>
    public DomainException? Rule { get; }

    /// <summary>A unique index refused the save: someone created the same thing at the same moment.</summary>
    public bool IsDuplicate { get; }

    /// <summary>Someone else saved the row first (its xmin changed since it was read).</summary>
    public bool IsConflict => Rule is null && !IsDuplicate;

    public static SaveFailure Broken(DomainException rule) => new(rule ?? throw new ArgumentNullException(nameof(rule)), duplicate: false);

    /// <summary>One line for the user: the rule's own message, or <paramref name="conflict"/> when the database refused.</summary>
    public string MessageOr(string conflict) => Rule?.Message ?? conflict;

    /// <summary>Puts the failure on the form where <paramref name="messages"/> says it belongs.</summary>
    public void AddTo(ModelStateDictionary modelState, SaveMessages messages)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(messages);
        if (Rule is not null)
        {
            messages.Rule(modelState, Rule);
        }
        else if (IsDuplicate)
        {
            modelState.AddModelError(messages.DuplicateKey, messages.Duplicate ?? messages.Conflict);
        }
        else
        {
            modelState.AddModelError(messages.ConflictKey, messages.Conflict);
        }
    }
}

/// <summary>
/// What a page says when its save fails: <see cref="Conflict"/> (in Chinese, asking to reload) when someone saved
/// first, <see cref="Duplicate"/> (the conflict message when not given) when a unique index refused the save, and
/// where a broken rule goes (<see cref="Rule"/>; by default next to its field under <c>Input</c>).
/// </summary>
public sealed record SaveMessages(string Conflict)
{
    public string ConflictKey { get; init; } = "";

    public string? Duplicate { get; init; }

    public string DuplicateKey { get; init; } = "";

    public Action<ModelStateDictionary, DomainException> Rule { get; init; } = RuleErrors.Fields();
}

/// <summary>Where a broken domain rule is shown on a form.</summary>
public static class RuleErrors
{
    /// <summary>Each broken rule next to its field (<paramref name="prefix"/>.Field), or at the top of the form.</summary>
    public static Action<ModelStateDictionary, DomainException> Fields(string prefix = "Input") =>
        (modelState, ex) => modelState.AddDomainError(ex, prefix);

    /// <summary>The whole message under <paramref name="key"/> ("" is the top of the form).</summary>
    public static Action<ModelStateDictionary, DomainException> At(string key) =>
        (modelState, ex) => modelState.AddModelError(key, ex.Message);

    /// <summary>The whole message at the top of the form.</summary>
    public static Action<ModelStateDictionary, DomainException> Form { get; } = At("");

    /// <summary>The message next to <paramref name="key"/> when the rule is about a field, else at the top of the form.</summary>
    public static Action<ModelStateDictionary, DomainException> FieldAt(string key) =>
        (modelState, ex) => modelState.AddModelError(ex.Field is null ? "" : key, ex.Message);
}
