using System.Buffers;
using System.Text;

namespace Sessions.Core.Domain;

/// <summary>
/// Keeps the direction controls in what a person typed from reaching past their own text. An unclosed U+202E
/// (right-to-left override) in an answer would otherwise reverse whatever a screen or a report puts after it on the
/// same line: the dot count, the next cell of a CSV row, the rest of a Markdown list item.
/// </summary>
/// <remarks>
/// Unmatched openers and closers are removed rather than closed: removing never makes text longer, so the limits in
/// <see cref="TextRules"/> still hold in what is stored, and text that only made sense with the override (a spoofed
/// file name, a reversed word) simply reads in its logical order. Balanced pairs stay, so deliberate embeddings in
/// right-to-left writing keep working. Writers that put participant text beside other text on one line also isolate
/// it (<see cref="Isolate"/>, or &lt;bdi&gt; in HTML), so right-to-left letters cannot move the words around them.
/// </remarks>
public static class BidiText
{
    public const char FirstStrongIsolate = '\u2068';
    public const char PopDirectionalIsolate = '\u2069';

    private const char PopDirectionalFormatting = '\u202C';

    private static readonly SearchValues<char> Controls = SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>True when the text holds a character whose direction is right to left, or any direction control.</summary>
    public static bool NeedsIsolation(string text)
    {
        foreach (var c in text)
        {
            if (IsRightToLeftOrControl(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The text with every embedding, override and isolate that is not closed (or a close that was not opened) removed.</summary>
    public static string Balance(string text)
    {
        if (text.AsSpan().IndexOfAny(Controls) < 0)
        {
            return text;
        }
        var keep = new bool[text.Length];
        // Positions of openers still open; an isolate is closed by a PDI, which also ends every embedding inside it.
        var open = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            keep[i] = true;
            switch (c)
            {
                case '\u202A' or '\u202B' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068':
                    open.Add(i);
                    break;
                case PopDirectionalFormatting:
                    if (open.Count > 0 && !IsIsolate(text[open[^1]]))
                    {
                        open.RemoveAt(open.Count - 1);
                    }
                    else
                    {
                        keep[i] = false;
                    }
                    break;
                case PopDirectionalIsolate:
                    var isolate = open.FindLastIndex(p => IsIsolate(text[p]));
                    if (isolate < 0)
                    {
                        keep[i] = false;
                        break;
                    }
                    // Embeddings opened inside the isolate and never closed would end at this PDI; closed or not,
                    // they reach no further, but they are still unmatched: remove them as well.
                    for (var j = isolate + 1; j < open.Count; j++)
                    {
                        keep[open[j]] = false;
                    }
                    open.RemoveRange(isolate, open.Count - isolate);
                    break;
            }
        }
        foreach (var p in open)
        {
            keep[p] = false;
        }
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (keep[i])
            {
                kept.Append(text[i]);
            }
        }
        return kept.ToString();
    }

    /// <summary>
    /// Plain text (Markdown) that cannot affect what is around it: balanced, and put between U+2068 FIRST STRONG
    /// ISOLATE and U+2069 POP DIRECTIONAL ISOLATE when it holds right-to-left letters or direction controls. Text
    /// without them is returned as it is, so ordinary reports stay byte for byte what they were.
    /// </summary>
    public static string Isolate(string text)
    {
        var balanced = Balance(text);
        return NeedsIsolation(balanced) ? FirstStrongIsolate + balanced + PopDirectionalIsolate : balanced;
    }

    /// <summary>
    /// The text without any direction control or mark, for a document that lays text out left to right in the order it
    /// was typed and does not apply the bidirectional algorithm (the PDF): there the controls change nothing and
    /// could only be drawn as missing glyphs.
    /// </summary>
    public static string WithoutControls(string text)
    {
        if (text.AsSpan().IndexOfAny(ControlsAndMarks) < 0)
        {
            return text;
        }
        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!ControlsAndMarks.Contains(c))
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }

    private static readonly SearchValues<char> ControlsAndMarks =
        SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C");

    private static bool IsIsolate(char c) => c is '\u2066' or '\u2067' or '\u2068';

    private static bool IsRightToLeftOrControl(char c) =>
        c is '\u200E' or '\u200F' or '\u061C'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069'
        // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and the Arabic extensions and presentation forms;
        // right-to-left scripts outside the BMP arrive here as surrogates and are caught by the D800 range below only
        // when their high surrogate is one of the right-to-left planes' blocks (U+10800–U+10FFF, U+1E800–U+1EFFF).
        || c is >= '\u0590' and <= '\u08FF'
        || c is >= '\uFB1D' and <= '\uFDFF'
        || c is >= '\uFE70' and <= '\uFEFF'
        || c is '\uD802' or '\uD803' or '\uD83A' or '\uD83B';
}
