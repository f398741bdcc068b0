using System.Security.Cryptography;

namespace Sessions.Core.Domain;

/// <summary>
/// Join codes are read off a projector and typed on a phone: six characters from an alphabet
/// without look-alikes (no 0/O, 1/I/L), 31^6 ≈ 887 million codes.
/// </summary>
public static class JoinCode
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 6;

    public static string New()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(code);
    }

    /// <summary>Upper-cases and drops spaces and dashes, so "abc-234" and "ABC 234" both find ABC234.</summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }
        var chars = input.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray();
        return new string(chars);
    }

    public static bool IsValid(string? code) =>
        code is { Length: Length } && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
