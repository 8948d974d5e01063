using System.Security.Cryptography;
using System.Text;

namespace ReviewMeetings.Web.Pages.Vote;

/// <summary>
/// The voting secret (<c>Voting:SecretKey</c>) and the two keys derived from it (ADR 0011). It is configuration, never a
/// row in the database, so a copy of the database alone can neither confirm a code seen on a slip (codes are stored as
/// HMACs under <see cref="CodeHashKey"/>) nor read a ballot waiting in the inbox (sealed with AES-GCM under the inbox key).
/// </summary>
public sealed class VotingKeys
{
    public const string Setting = "Voting:SecretKey";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _inboxKey;

    public VotingKeys(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var secret = Parse(configuration[Setting]);
        CodeHashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.ASCII.GetBytes("reviewmeetings ballot code hash"));
        _inboxKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.ASCII.GetBytes("reviewmeetings ballot inbox"));
    }

    /// <summary>The key of the ballot codes' stored hashes (<see cref="Domain.Evaluation.BallotCodeFormat.Hash"/>).</summary>
    public byte[] CodeHashKey { get; }

    /// <summary>A fresh secret for <c>Voting:SecretKey</c>: 32 random bytes in base64.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string CodeHash(string canonicalCode) => Domain.Evaluation.BallotCodeFormat.Hash(canonicalCode, CodeHashKey);

    /// <summary>Seals a ballot for the inbox; the meeting is bound in as associated data, so a sealed ballot opens only for its own meeting.</summary>
    public byte[] Seal(Guid meetingId, ReadOnlySpan<byte> plain)
    {
        var sealedBallot = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBallot.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_inboxKey, TagBytes);
        aes.Encrypt(nonce, plain, sealedBallot.AsSpan(NonceBytes + TagBytes), sealedBallot.AsSpan(NonceBytes, TagBytes), meetingId.ToByteArray());
        return sealedBallot;
    }

    public byte[] Open(Guid meetingId, byte[] sealedBallot)
    {
        ArgumentNullException.ThrowIfNull(sealedBallot);
        var plain = new byte[sealedBallot.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(_inboxKey, TagBytes);
        aes.Decrypt(sealedBallot.AsSpan(0, NonceBytes), sealedBallot.AsSpan(NonceBytes + TagBytes), sealedBallot.AsSpan(NonceBytes, TagBytes), plain, meetingId.ToByteArray());
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
