using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Sessions.Core.Security;

/// <summary>Facilitator keys and participant tokens: random 128-bit values, stored only as SHA-256 hashes.</summary>
public static class Secrets
{
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string? secret, byte[] storedHash) =>
        !string.IsNullOrEmpty(secret) && CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);
}
