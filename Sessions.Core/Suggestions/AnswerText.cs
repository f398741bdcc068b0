using System.Globalization;
using System.Text;

namespace Sessions.Core.Suggestions;

/// <summary>A word as written, where it stands in the answer, and its folded form (lower case, no accents).</summary>
public readonly record struct Word(int Start, int Length, string Folded);

/// <summary>Splits an answer into words and folds them, so "Ideeën" and "ideeen" are the same word.</summary>
public static class AnswerText
{
    public static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }
            words.Add(new Word(start, i - start, Fold(text.AsSpan(start, i - start))));
        }
        return words;
    }

    public static string Fold(ReadOnlySpan<char> word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (c < 128)
            {
                builder.Append(char.ToLowerInvariant(c));
                continue;
            }
            // Accents carry no meaning a facilitator would merge on: "één" is "een", "ideeën" is "ideeen".
            foreach (var part in c.ToString().Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                {
                    builder.Append(char.ToLowerInvariant(part));
                }
            }
        }
        return builder.ToString();
    }
}
