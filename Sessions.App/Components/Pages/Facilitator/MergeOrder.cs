using System.Globalization;
using Sessions.Core.Services;

namespace Sessions.App.Components.Pages.Facilitator;

/// <summary>How the merge panel orders and filters answers.</summary>
public enum MergeSort
{
    /// <summary>
    /// The default: duplicates tend to start with the same words ("Meer tijd…", "Meer ruimte…"), so
    /// they end up side by side, and the order does not move under the facilitator's hand when an
    /// answer is merged away or added.
    /// </summary>
    Alphabetical,

    /// <summary>The latest answers first: what the room just added, for a facilitator who merges as answers come in.</summary>
    Newest,

    /// <summary>The most dots first (after voting): where a late merge matters most.</summary>
    Dots,
}

public static class MergeOrder
{
    public static IEnumerable<AnswerSnapshot> Sort(IEnumerable<AnswerSnapshot> answers, MergeSort sort, CultureInfo culture)
    {
        var byText = StringComparer.Create(culture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);
        return sort switch
        {
            MergeSort.Newest => answers.OrderByDescending(a => a.Sequence),
            MergeSort.Dots => answers.OrderByDescending(a => a.Dots).ThenBy(a => a.Sequence),
            _ => answers.OrderBy(a => a.Text, byText).ThenBy(a => a.Sequence),
        };
    }

    /// <summary>Whether the answer, or one it absorbed, contains the filter text (case and accents ignored).</summary>
    public static bool Matches(AnswerSnapshot answer, IEnumerable<AnswerSnapshot> absorbed, string? filter, CultureInfo culture)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return true;
        }
        var needle = filter.Trim();
        const CompareOptions options = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        return culture.CompareInfo.IndexOf(answer.Text, needle, options) >= 0
            || absorbed.Any(a => culture.CompareInfo.IndexOf(a.OriginalText, needle, options) >= 0);
    }

    /// <summary>
    /// Candidates to absorb <paramref name="source"/>, the most alike first: the share of words the two
    /// have in common (words of three letters or more, so "de" and "of" do not count), then A to Z.
    /// </summary>
    public static IEnumerable<AnswerSnapshot> LikeFirst(AnswerSnapshot source, IEnumerable<AnswerSnapshot> candidates, CultureInfo culture)
    {
        var words = Words(source.Text, culture);
        var byText = StringComparer.Create(culture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);
        return candidates
            .Select(c => (Answer: c, Score: Similarity(words, Words(c.Text, culture))))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Answer.Text, byText)
            .Select(x => x.Answer);
    }

    private static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    private static HashSet<string> Words(string text, CultureInfo culture) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()).ToLower(culture))
            .Where(w => w.Length >= 3)
            .ToHashSet(StringComparer.Ordinal);
}
