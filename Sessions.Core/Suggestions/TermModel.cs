namespace Sessions.Core.Suggestions;

/// <summary>
/// The terms of one question's answers as numbers: each key an id with its weight (rarer is heavier),
/// and for each key the near spellings among the others (character trigrams), so "werkdurk" still meets "werkdruk".
/// </summary>
internal sealed class TermModel
{
    internal sealed record Bag(int[] Ids, double[] Weights, double Total);

    private readonly List<string> _keys = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<bool> _weak = [];
    private double[] _idf = [];
    private Dictionary<long, double> _fuzzy = [];

    private List<int>[] _postings = [];
    private List<int>[] _related = [];

    public List<Bag> Answers { get; } = [];

    /// <summary>Added to N/df before the logarithm; chosen with the weights (see <see cref="DuplicateSuggester"/>).</summary>
    internal static double IdfSmoothing { get; set; } = 0.5;

    /// <summary>The answers (by index) that use a term.</summary>
    public List<int> Postings(int id) => _postings[id];

    /// <summary>The term itself and its near spellings.</summary>
    public List<int> Related(int id) => _related[id];

    public static TermModel Build(List<AnalyzedAnswer> answers, double fuzzyFloor, double weakWeight, double partWeight, SuggestionBudget? budget = null)
    {
        var model = new TermModel();
        var df = new List<int>();
        foreach (var answer in answers)
        {
            foreach (var term in answer.Terms)
            {
                if (!model._ids.TryGetValue(term.Key, out var id))
                {
                    id = model._keys.Count;
                    model._ids[term.Key] = id;
                    model._keys.Add(term.Key);
                    model._weak.Add(term.Weak);
                    df.Add(0);
                }
                df[id]++;
            }
        }
        var n = answers.Count;
        // Smoothed inverse document frequency: a word in every answer still counts a little.
        model._idf = df.Select(d => Math.Log(IdfSmoothing + (double)n / d)).ToArray();
        model._fuzzy = NearSpellings(model._keys, fuzzyFloor, budget ?? new SuggestionBudget(long.MaxValue));
        foreach (var answer in answers)
        {
            var ids = answer.Terms.Select(t => model._ids[t.Key]).ToArray();
            // A compound's parts together say about what one word says, so each part weighs less than a word.
            var weights = answer.Terms.Select((t, i) => model._idf[ids[i]] * (model._weak[ids[i]] ? weakWeight : 1) * (t.Part ? partWeight : 1)).ToArray();
            model.Answers.Add(new Bag(ids, weights, weights.Sum()));
        }
        model._postings = model._keys.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < model.Answers.Count; i++)
        {
            foreach (var id in model.Answers[i].Ids)
            {
                model._postings[id].Add(i);
            }
        }
        model._related = model._keys.Select((_, id) => new List<int> { id }).ToArray();
        foreach (var pair in model._fuzzy.Keys)
        {
            var (a, b) = ((int)(pair >> 32), (int)(pair & 0xFFFFFFFF));
            model._related[a].Add(b);
            model._related[b].Add(a);
        }
        return model;
    }

    public bool IsWeak(int id) => _weak[id];

    public double Idf(int id) => _idf[id];

    public double Fuzzy(int a, int b) => _fuzzy.TryGetValue(Pair(a, b), out var s) ? s : 0;

    public bool Matches(string key, int id) => _ids.TryGetValue(key, out var own) && (own == id || Fuzzy(own, id) > 0);

    public bool TryGetId(string key, out int id) => _ids.TryGetValue(key, out id);

    /// <summary>How many terms there are: the ids run from 0 to this.</summary>
    public int TermCount => _keys.Count;

    /// <summary>
    /// The word to show for each key: how the group's answers wrote it most often (the shorter spelling on a tie,
    /// then the one met first), in one pass over the group's terms.
    /// </summary>
    public IEnumerable<string> Surfaces(IReadOnlyList<int> ids, IEnumerable<AnalyzedAnswer> answers)
    {
        var wanted = ids.ToDictionary(id => _keys[id], _ => new List<(string Surface, int Count)>(), StringComparer.Ordinal);
        foreach (var term in answers.SelectMany(a => a.Terms))
        {
            if (wanted.TryGetValue(term.Key, out var seen))
            {
                var at = seen.FindIndex(s => s.Surface == term.Surface);
                if (at < 0)
                {
                    seen.Add((term.Surface, 1));
                }
                else
                {
                    seen[at] = (term.Surface, seen[at].Count + 1);
                }
            }
        }
        return ids.Select(id => wanted[_keys[id]].OrderByDescending(s => s.Count).ThenBy(s => s.Surface.Length).Select(s => s.Surface).FirstOrDefault() ?? _keys[id]);
    }

    private static long Pair(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    /// <summary>Pairs of keys whose padded character trigrams overlap enough (Dice), found through a trigram index.</summary>
    /// <remarks>
    /// Paid for by the keys' lengths and by every index entry visited: when the share runs out, the near spellings found
    /// so far are kept (later keys then only meet their exact spelling).
    /// </remarks>
    private static Dictionary<long, double> NearSpellings(List<string> keys, double floor, SuggestionBudget budget)
    {
        var grams = keys.Select(Trigrams).ToList();
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length < 4)
            {
                continue;
            }
            foreach (var gram in grams[i])
            {
                if (!index.TryGetValue(gram, out var list))
                {
                    index[gram] = list = [];
                }
                list.Add(i);
            }
        }
        var result = new Dictionary<long, double>();
        var shared = new Dictionary<int, int>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length < 4)
            {
                continue;
            }
            shared.Clear();
            foreach (var gram in grams[i])
            {
                if (!budget.Spend(index[gram].Count))
                {
                    return result;
                }
                foreach (var j in index[gram])
                {
                    if (j > i)
                    {
                        shared[j] = shared.GetValueOrDefault(j) + 1;
                    }
                }
            }
            foreach (var (j, common) in shared)
            {
                var dice = 2.0 * common / (grams[i].Count + grams[j].Count);
                if (dice >= floor)
                {
                    result[Pair(i, j)] = dice;
                }
            }
        }
        return result;
    }

    private static HashSet<string> Trigrams(string key)
    {
        var padded = $"^{key}$";
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            set.Add(padded.Substring(i, 3));
        }
        return set;
    }
}
