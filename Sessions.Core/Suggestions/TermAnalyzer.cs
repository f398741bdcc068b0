using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;
using Sessions.Core.Domain;

namespace Sessions.Core.Suggestions;

/// <summary>One meaningful term of an answer: its key (a stem, or the stem of a compound's part), weight and where it stands.</summary>
internal sealed record Term(string Key, string Surface, bool Weak, bool Part, List<(int Start, int Length)> Spans);

/// <summary>An answer reduced to what it says: its terms, and whether it asks for more or for less of something.</summary>
internal sealed record AnalyzedAnswer(Guid Id, List<Term> Terms, bool Up, bool Down);

/// <summary>
/// Turns the answers of one question into terms: words are folded, stop words dropped (the answer's own
/// language is guessed from its stop words, the session's language breaking a tie), Dutch compounds split
/// against the words of all the answers plus a short list, and every word stemmed with Snowball.
/// Not thread-safe (the stemmers keep state); make one per computation.
/// </summary>
internal sealed class TermAnalyzer(SuggestionBudget? budget = null)
{
    /// <summary>
    /// Longer words are not split into compound parts (the longest Dutch compounds in use are about 40 letters):
    /// trying every split of a word costs the square of its length in stems, and one unbroken 500-letter "word" made
    /// that cost millions.
    /// </summary>
    internal const int MaxCompoundLength = 48;

    private readonly SuggestionBudget _budget = budget ?? new SuggestionBudget(long.MaxValue);

    private readonly SnowballProgram _dutch = new DutchStemmer();
    private readonly SnowballProgram _english = new EnglishStemmer();
    private readonly Dictionary<(string, bool), string> _stems = [];
    private readonly HashSet<string> _vocabulary = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>?> _splits = new(StringComparer.Ordinal);

    public List<AnalyzedAnswer> Analyze(IReadOnlyList<SuggestionInput> answers, SessionLanguage language)
    {
        var parsed = answers.Select(a => (Answer: a, Words: AnswerText.Words(a.Text))).ToList();
        var languages = parsed.Select(p => IsDutch(p.Words, language)).ToList();

        // The answers themselves teach which words compounds are made of ("opvang" in one answer splits
        // "kinderopvang" in another).
        // The answers that fit in this stage's share of the budget, in the order they came in; the rest are left out.
        var count = parsed.Count;
        for (var i = 0; i < parsed.Count; i++)
        {
            if (!_budget.Spend(parsed[i].Answer.Text.Length + parsed[i].Words.Count))
            {
                count = i;
                break;
            }
            foreach (var word in parsed[i].Words)
            {
                if (IsContent(word.Folded, languages[i]) && word.Folded.Length >= 3)
                {
                    _vocabulary.Add(word.Folded);
                    _vocabulary.Add(Stem(word.Folded, languages[i]));
                }
            }
        }
        foreach (var part in Lexicon.CompoundParts)
        {
            _vocabulary.Add(part);
            _vocabulary.Add(Stem(part, dutch: true));
        }

        var result = new List<AnalyzedAnswer>(count);
        for (var i = 0; i < count; i++)
        {
            // Splitting compounds is paid for as it goes (Known); an answer past the share is left out whole.
            if (!_budget.Spend(parsed[i].Words.Count))
            {
                break;
            }
            result.Add(AnalyzeOne(parsed[i].Answer.Id, parsed[i].Words, languages[i]));
        }
        return result;
    }

    private AnalyzedAnswer AnalyzeOne(Guid id, List<Word> words, bool dutch)
    {
        var terms = new Dictionary<string, Term>(StringComparer.Ordinal);
        var up = false;
        var down = false;
        foreach (var word in words)
        {
            var folded = word.Folded;
            up |= Lexicon.Up.Contains(folded);
            down |= Lexicon.Down.Contains(folded);
            if (!IsContent(folded, dutch) || (folded.Length < 2 && !char.IsDigit(folded[0])))
            {
                continue;
            }
            var weak = Lexicon.Weak.Contains(folded);
            var parts = weak ? null : Split(folded);
            if (parts is null)
            {
                Add(terms, Stem(folded, dutch), folded, weak, word);
                continue;
            }
            foreach (var part in parts)
            {
                Add(terms, Stem(part, dutch), part, weak: false, word, isPart: true);
            }
        }
        return new AnalyzedAnswer(id, [.. terms.Values], up, down);
    }

    private static void Add(Dictionary<string, Term> terms, string key, string surface, bool weak, Word word, bool isPart = false)
    {
        key = Synonyms.Canonical(key);
        if (!terms.TryGetValue(key, out var term))
        {
            term = new Term(key, surface, weak, isPart, []);
            terms[key] = term;
        }
        term.Spans.Add((word.Start, word.Length));
    }

    private static bool IsDutch(List<Word> words, SessionLanguage language)
    {
        var dutch = 0;
        var english = 0;
        foreach (var word in words)
        {
            var nl = Lexicon.DutchStop.Contains(word.Folded);
            var en = Lexicon.EnglishStop.Contains(word.Folded);
            if (nl && !en)
            {
                dutch++;
            }
            else if (en && !nl)
            {
                english++;
            }
        }
        return dutch == english ? language == SessionLanguage.Nl : dutch > english;
    }

    private static bool IsContent(string folded, bool dutch) =>
        !(dutch ? Lexicon.DutchStop : Lexicon.EnglishStop).Contains(folded) && !Lexicon.ExtraStop.Contains(folded)
        // "de", "het", "the" in an answer of the other language are still not content.
        && !(folded.Length <= 3 && (Lexicon.DutchStop.Contains(folded) || Lexicon.EnglishStop.Contains(folded)));

    private string Stem(string folded, bool dutch)
    {
        if (_stems.TryGetValue((folded, dutch), out var stem))
        {
            return stem;
        }
        var stemmer = dutch ? _dutch : _english;
        stemmer.SetCurrent(folded);
        stemmer.Stem();
        stem = stemmer.Current;
        _stems[(folded, dutch)] = stem;
        return stem;
    }

    private bool Known(string part) =>
        part.Length >= 3 && _budget.Spend(part.Length) && !Lexicon.DutchStop.Contains(part) && !Lexicon.EnglishStop.Contains(part) && !Lexicon.ExtraStop.Contains(part)
        && (_vocabulary.Contains(part) || _vocabulary.Contains(Stem(part, dutch: true)));

    /// <summary>Splits a compound into two or three known parts ("kinderopvang" → kinder, opvang), or null.</summary>
    private List<string>? Split(string word)
    {
        if (word.Length < 6 || word.Length > MaxCompoundLength)
        {
            return null;
        }
        if (_splits.TryGetValue(word, out var cached))
        {
            return cached;
        }
        var split = Split(word, depth: 1);
        _splits[word] = split;
        return split;
    }

    private List<string>? Split(string word, int depth)
    {
        List<string>? best = null;
        var bestScore = 0;
        for (var i = 3; i <= word.Length - 3; i++)
        {
            var right = word[i..];
            List<string> rightParts;
            if (Known(right))
            {
                rightParts = [right];
            }
            else if (depth > 0 && right.Length >= 6 && Split(right, depth - 1) is { } deeper)
            {
                rightParts = deeper;
            }
            else
            {
                continue;
            }
            var left = LeftPart(word[..i]);
            List<string> leftParts;
            if (left is not null)
            {
                leftParts = [left];
            }
            else if (depth > 0 && i >= 6 && Split(word[..i], depth - 1) is { } deeperLeft)
            {
                leftParts = deeperLeft;
            }
            else
            {
                continue;
            }
            // Prefer the most even cut: "werk|druk" over "werkd|ruk" should both parts be known.
            var score = Math.Min(leftParts.Min(p => p.Length), rightParts.Min(p => p.Length)) * 10 - leftParts.Count - rightParts.Count;
            if (score > bestScore)
            {
                bestScore = score;
                best = [.. leftParts, .. rightParts];
            }
        }
        return best;
    }

    /// <summary>The left part of a compound, without a linking "s", "e" or "en" ("arbeid-s-markt", "zonn-e-panelen").</summary>
    private string? LeftPart(string left)
    {
        if (Known(left))
        {
            return left;
        }
        foreach (var link in (ReadOnlySpan<string>)["s", "en", "e", "n"])
        {
            if (left.Length - link.Length >= 3 && left.EndsWith(link, StringComparison.Ordinal))
            {
                var bare = left[..^link.Length];
                if (Known(bare))
                {
                    return bare;
                }
                // "zonne" → "zon": a doubled consonant before the linking "e".
                if (link == "e" && bare.Length >= 4 && bare[^1] == bare[^2] && Known(bare[..^1]))
                {
                    return bare[..^1];
                }
            }
        }
        return null;
    }
}
