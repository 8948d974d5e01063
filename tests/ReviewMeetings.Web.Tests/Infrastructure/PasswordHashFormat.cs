using System.Buffers.Binary;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>Reads what a stored Identity password hash says about how it was made.</summary>
internal static class PasswordHashFormat
{
    /// <summary>PBKDF2 iterations Identity uses when nothing else is configured.</summary>
    public const int IdentityDefaultIterations = 100_000;

    // Identity's version 3 format: 0x01, then the PRF, the iteration count and the salt length as big-endian uint32.
    public static (KeyDerivationPrf Prf, int Iterations) Of(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return ((KeyDerivationPrf)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));
    }
}
