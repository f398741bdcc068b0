using System.Globalization;
using System.Text;

namespace Sessions.Core.Domain;

/// <summary>Lengths and character rules for everything people type.</summary>
public static class TextRules
{
    public const int AnswerMax = 500;
    public const int NameMax = 80;
    public const int OrganisationMax = 120;
    public const int TitleMax = 200;
    public const int QuestionMax = 500;
    public const int LongTextMax = 5000;
    public const int MaxQuestions = 20;

    /// <summary>
    /// Trims, normalises to NFC and refuses blank, over-long or control-character text.
    /// Line breaks are allowed only where <paramref name="multiline"/> says so.
    /// </summary>
    public static string Require(string? text, string what, int max, bool multiline = false)
    {
        var clean = Clean(text, what, max, multiline);
        if (clean.Length == 0)
        {
            throw SessionRuleException.Invalid("{0} cannot be empty.", what);
        }
        return clean;
    }

    /// <summary>
    /// An answer is one paragraph: line breaks typed on a phone (Enter in the text box) become spaces
    /// instead of refusing the answer; other control characters are still refused.
    /// </summary>
    public static string Answer(string? text, string what = "An answer")
    {
        var folded = text?.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
        return Require(folded, what, AnswerMax);
    }

    /// <summary>Like <see cref="Require"/>, but empty is allowed and returns "".</summary>
    public static string Optional(string? text, string what, int max, bool multiline = false) =>
        Clean(text, what, max, multiline);

    private static string Clean(string? text, string what, int max, bool multiline)
    {
        if (text is null)
        {
            return "";
        }
        var normalized = text.Normalize(NormalizationForm.FormC).Trim();
        if (multiline)
        {
            normalized = normalized.Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            var allowedBreak = multiline && c == '\n';
            if (!allowedBreak && (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
            {
                throw SessionRuleException.Invalid("{0} contains a control character or line break that is not allowed here.", what);
            }
            // Text that no document can hold (noncharacters, half of a surrogate pair) would break a report later.
            var brokenPair = char.IsHighSurrogate(c) ? i + 1 >= normalized.Length || !char.IsLowSurrogate(normalized[i + 1]) : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(normalized[i - 1]));
            if (c is '\uFFFE' or '\uFFFF' || brokenPair)
            {
                throw SessionRuleException.Invalid("{0} contains a character that is not text (U+{1}).", what, ((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }
        var length = new StringInfo(normalized).LengthInTextElements;
        if (length > max)
        {
            throw SessionRuleException.Invalid("{0} is {1} characters long; the limit is {2}.", what, length, max);
        }
        return normalized;
    }
}
