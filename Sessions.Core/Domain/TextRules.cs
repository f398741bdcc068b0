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
    /// What one character a person sees may be made of, counted with every accent apart (decomposed, NFD): a letter
    /// with a few accents (Vietnamese stacks two), an emoji family of seven code points. Sixty combining marks on one
    /// letter is not writing, it is a way to make every report that draws the text slow.
    /// </summary>
    public const int MaxCombiningMarksPerCharacter = 8;

    /// <summary>
    /// Stored code points per character allowed on average: a limit of 80 characters stores at most 640 code
    /// points, room for a name of emoji families (7 each) but not for thousands of hidden marks.
    /// </summary>
    public const int CodePointsPerCharacter = 8;

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
        // The limit holds in what is stored too, not only in what a person sees.
        var codePoints = CountCodePoints(normalized);
        if (codePoints > max * CodePointsPerCharacter)
        {
            throw SessionRuleException.Invalid("{0} is made of {1} code points; the limit is {2}.", what, codePoints, max * CodePointsPerCharacter);
        }
        // Counted on the decomposed text: "a" with nine accents is stored as "á" with eight, still nine on one letter.
        if (MostCombiningMarks(normalized.Normalize(NormalizationForm.FormD)) > MaxCombiningMarksPerCharacter)
        {
            throw SessionRuleException.Invalid("{0} stacks more than {1} accents or marks on one character.", what, MaxCombiningMarksPerCharacter);
        }
        if (normalized.Length > 0 && IsInvisible(normalized))
        {
            throw SessionRuleException.Invalid("{0} has no visible characters.", what);
        }
        // A direction override left open would turn around whatever a screen or report puts after the text.
        return BidiText.Balance(normalized).Trim();
    }

    /// <summary>
    /// True when nothing of the text would show: only spaces, format and direction characters (U+200B,
    /// U+202E, U+2060...), combining marks with nothing to sit on, and the blank fillers U+115F, U+1160,
    /// U+3164, U+FFA0 and U+2800 (a braille pattern with no dots).
    /// </summary>
    public static bool IsInvisible(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!ShowsNothing(rune))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A character that shows nothing by itself: spaces, format, direction, joiner, selector and tag characters,
    /// combining marks, controls, and the blank fillers U+115F, U+1160, U+3164, U+FFA0, U+2800 and U+180E.
    /// </summary>
    public static bool ShowsNothing(Rune rune) =>
        rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x180E
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }
        return count;
    }

    /// <summary>
    /// The text with at most <see cref="MaxCombiningMarksPerCharacter"/> marks on each character: what a document
    /// draws, so text stored before the limit (or by any other road) cannot make a report slow.
    /// </summary>
    public static string WithoutExcessMarks(string text)
    {
        if (MostCombiningMarks(text) <= MaxCombiningMarksPerCharacter)
        {
            return text;
        }
        var kept = new StringBuilder(text.Length);
        var run = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            run = Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark ? run + 1 : 0;
            if (run <= MaxCombiningMarksPerCharacter)
            {
                kept.Append(rune.ToString());
            }
        }
        return kept.ToString();
    }

    /// <summary>The most combining marks that follow one another anywhere in the text.</summary>
    private static int MostCombiningMarks(string text)
    {
        int most = 0, run = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            run = Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark ? run + 1 : 0;
            most = Math.Max(most, run);
        }
        return most;
    }
}
