using System.Security.Cryptography;
using System.Text;

namespace ReviewMeetings.Web.Pages.Vote;

/// <summary>
/// The voting secret (<c>Voting:SecretKey</c>) and the keys derived from it (ADR 0011, 0014). It is configuration, never a
/// row in the database, so a copy of the database alone can neither confirm a code seen on a slip (codes are stored as
/// HMACs under <see cref="CodeHashKey"/>), nor read a ballot waiting in the inbox (sealed with AES-GCM under the inbox key),
/// nor the codes of a batch kept for a reprint (sealed under the reprint key).
/// </summary>
public sealed class VotingKeys
{
    public const string Setting = "Voting:SecretKey";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _inboxKey;
    private readonly byte[] _reprintKey;

    public VotingKeys(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var secret = Parse(configuration[Setting]);
        CodeHashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.ASCII.GetBytes("reviewmeetings ballot code hash"));
        _inboxKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.ASCII.GetBytes("reviewmeetings ballot inbox"));
        _reprintKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.ASCII.GetBytes("reviewmeetings ballot code reprint"));
    }

    /// <summary>The key of the ballot codes' stored hashes (<see cref="Domain.Evaluation.BallotCodeFormat.Hash"/>).</summary>
    public byte[] CodeHashKey { get; }

    /// <summary>A fresh secret for <c>Voting:SecretKey</c>: 32 random bytes in base64.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string CodeHash(string canonicalCode) => Domain.Evaluation.BallotCodeFormat.Hash(canonicalCode, CodeHashKey);

    /// <summary>Seals a ballot for the inbox; the meeting is bound in as associated data, so a sealed ballot opens only for its own meeting.</summary>
    public byte[] Seal(Guid meetingId, ReadOnlySpan<byte> plain) => Encrypt(_inboxKey, plain, meetingId.ToByteArray());

    public byte[] Open(Guid meetingId, byte[] sealedBallot)
    {
        ArgumentNullException.ThrowIfNull(sealedBallot);
        return Decrypt(_inboxKey, sealedBallot, meetingId.ToByteArray());
    }

    /// <summary>
    /// Seals a batch's plain codes for a reprint: the batch and the user who issued it are bound in as associated data,
    /// so the sealed codes open only for that batch and that user.
    /// </summary>
    public byte[] SealCodes(Guid batchId, Guid userId, IEnumerable<string> codes) =>
        Encrypt(_reprintKey, Encoding.ASCII.GetBytes(string.Join('\n', codes)), BatchAndUser(batchId, userId));

    /// <summary>The codes <see cref="SealCodes"/> sealed, or null when they were sealed for another batch or user.</summary>
    public IReadOnlyList<string>? OpenCodes(Guid batchId, Guid userId, byte[] sealedCodes)
    {
        ArgumentNullException.ThrowIfNull(sealedCodes);
        try
        {
            return Encoding.ASCII.GetString(Decrypt(_reprintKey, sealedCodes, BatchAndUser(batchId, userId))).Split('\n');
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] BatchAndUser(Guid batchId, Guid userId) => [.. batchId.ToByteArray(), .. userId.ToByteArray()];

    private static byte[] Encrypt(byte[] key, ReadOnlySpan<byte> plain, byte[] associatedData)
    {
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), associatedData);
        return sealedBytes;
    }

    private static byte[] Decrypt(byte[] key, byte[] sealedBytes, byte[] associatedData)
    {
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain, associatedData);
        return plain;
    }

    private static byte[] Parse(string? value)
    {
        byte[]? secret = null;
        try
        {
            secret = string.IsNullOrWhiteSpace(value) ? null : Convert.FromBase64String(value.Trim());
        }
        catch (FormatException)
        {
            // Reported below with the same words as a missing key.
        }

        return secret is { Length: >= 32 } ? secret : throw new MissingVotingKeyException();
    }
}

/// <summary>The app refuses to start without a voting secret: codes could be neither issued nor checked.</summary>
public sealed class MissingVotingKeyException : Exception
{
    public MissingVotingKeyException()
        : base($"No voting secret: set {VotingKeys.Setting} (environment variable Voting__SecretKey) to at least 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`. Keep it out of the database and its backups.")
    {
    }

    public MissingVotingKeyException(string message)
        : base(message)
    {
    }

    public MissingVotingKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
