using System.Security.Cryptography;
using System.Text;

namespace ReviewMeetings.Domain.Evaluation;

public enum BallotCodeState
{
    Issued,
    Voided,
    Used,

    /// <summary>未发放: a printed spare that was never handed to a voter; like a voided code it is not 发出.</summary>
    NotHandedOut,
}

/// <summary>
/// A one-time ballot code (测评码). Only a keyed hash is stored (<see cref="BallotCodeFormat.Hash"/>); the code itself
/// exists on the printed slip alone. The row says which rater group the code belongs to and whether it was used, and
/// nothing that would tie it to a ballot.
/// </summary>
public sealed class BallotCode
{
    private BallotCode()
    {
        GroupKey = null!;
        Hash = null!;
    }

    private BallotCode(Guid meetingId, string groupKey, string hash, Guid? batchId)
    {
        Id = Guid.NewGuid();
        MeetingId = meetingId;
        BatchId = batchId;
        GroupKey = groupKey;
        Hash = hash;
        State = BallotCodeState.Issued;
    }

    public Guid Id { get; private set; }

    /// <summary>
    /// The states a code counts as handed out (发出) in: unused or used. Voided codes and spares recorded as
    /// 未发放 are not; the one definition of 发出 for the results, the codes page and the live counts.
    /// </summary>
    public static readonly IReadOnlyList<BallotCodeState> HandedOutStates = [BallotCodeState.Issued, BallotCodeState.Used];

    public Guid MeetingId { get; private set; }

    /// <summary>The batch (<see cref="BallotCodeBatch"/>) the code was issued in; null for codes issued before batches.</summary>
    public Guid? BatchId { get; private set; }

    public string GroupKey { get; private set; }

    public string Hash { get; private set; }

    public BallotCodeState State { get; private set; }

    /// <summary>
    /// Makes <paramref name="count"/> new codes for one rater group, stored under their hashes keyed with
    /// <paramref name="hashKey"/>; the plain codes are returned once, for printing.
    /// </summary>
    public static IReadOnlyList<(BallotCode Code, string Plain)> Issue(Guid meetingId, string groupKey, int count, byte[] hashKey, Guid? batchId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupKey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(hashKey);
        return Enumerable.Range(0, count)
            .Select(_ => BallotCodeFormat.Generate())
            .Select(plain => (new BallotCode(meetingId, groupKey, BallotCodeFormat.Hash(plain, hashKey), batchId), plain))
            .ToList();
    }

    /// <summary>A lost or spoiled slip: its code will never be accepted.</summary>
    public void Void()
    {
        if (State == BallotCodeState.Used)
        {
            throw new Common.DomainException("该测评码已使用，不能作废。");
        }

        State = BallotCodeState.Voided;
    }

    public void Use()
    {
        if (State != BallotCodeState.Issued)
        {
            throw new Common.DomainException("测评码无效。");
        }

        State = BallotCodeState.Used;
    }
}

/// <summary>
/// The typable form of a ballot code: 17 characters from a 31-letter alphabet without look-alikes (84 random bits)
/// and a check character, printed as XXXX-XXXX-XXXX-XXXX-XX. Look-alike letters are read leniently (O as 0, I and L as 1).
/// With a prime-sized alphabet the check catches every single wrong character and every swap of neighbours.
/// </summary>
public static class BallotCodeFormat
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTWXYZ";
    public const int SecretLength = 17;

    /// <summary>The shortest key <see cref="Hash"/> takes: 256 bits.</summary>
    public const int MinimumKeyBytes = 32;

    public static string Generate()
    {
        var code = new StringBuilder(SecretLength + 1);
        for (var i = 0; i < SecretLength; i++)
        {
            code.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }

        return code.Append(CheckCharacter(code.ToString())).ToString();
    }

    /// <summary>The canonical code for what a voter typed or scanned, or null when it cannot be a valid code.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var code = new StringBuilder(SecretLength + 1);
        foreach (var c in input.ToUpperInvariant())
        {
            var mapped = c switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                '-' or ' ' => '\0',
                _ => c,
            };
            if (mapped == '\0')
            {
                continue;
            }

            if (!Alphabet.Contains(mapped, StringComparison.Ordinal))
            {
                return null;
            }

            code.Append(mapped);
        }

        if (code.Length != SecretLength + 1)
        {
            return null;
        }

        var text = code.ToString();
        return CheckCharacter(text[..SecretLength]) == text[SecretLength] ? text : null;
    }

    public static string Display(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Join('-', Enumerable.Range(0, (code.Length + 3) / 4).Select(i => code.Substring(i * 4, Math.Min(4, code.Length - (i * 4)))));
    }

    /// <summary>
    /// The stored form of a code: HMAC-SHA256 under a key kept outside the database, so a copy of the database alone
    /// cannot even tell whether a code someone saw on a slip was issued or used.
    /// </summary>
    public static string Hash(string canonicalCode, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(canonicalCode);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"A ballot code key needs at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(canonicalCode)));
    }

    // Position-weighted sum: catches any single wrong character and swaps of neighbours.
    private static char CheckCharacter(string secret)
    {
        var sum = 0;
        for (var i = 0; i < secret.Length; i++)
        {
            sum += (i + 1) * Alphabet.IndexOf(secret[i], StringComparison.Ordinal);
        }

        return Alphabet[sum % Alphabet.Length];
    }
}
