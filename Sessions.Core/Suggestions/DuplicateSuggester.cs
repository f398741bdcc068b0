using Sessions.Core.Domain;

namespace Sessions.Core.Suggestions;

/// <summary>An answer to consider: its id and its current wording.</summary>
public sealed record SuggestionInput(Guid Id, string Text);

/// <summary>
/// A refusal the facilitator made: no suggested group holds two of <see cref="AnswerIds"/>; or, when
/// <see cref="Separated"/> is set, none holds it together with any of <see cref="AnswerIds"/>.
/// </summary>
public sealed record SuggestionRejection(IReadOnlyList<Guid> AnswerIds, Guid? Separated = null);

/// <summary>
/// What a question's suggestions were computed from: the groups, how many answers were looked at and how many there
/// were. Beyond <see cref="DuplicateSuggester.MaxAnswers"/> only the first that many (in the order they came in) are.
/// </summary>
/// <param name="Partial">
/// The work budget (<see cref="SuggestionBudget"/>) ran out before every pair and group was looked at: the groups are
/// those found within it, and the console says that only part was considered.
/// </param>
public sealed record SuggestionSet(IReadOnlyList<SuggestedGroup> Groups, int Considered, int Total, bool Partial = false)
{
    public bool Truncated => Considered < Total || Partial;
}

/// <summary>What one computation found, how many answers it took in, whether it finished within its budget, and the work it did.</summary>
public sealed record SuggestionOutcome(IReadOnlyList<SuggestedGroup> Groups, int Considered, bool Complete, long WorkSpent);

/// <summary>Where a shared term stands in one answer's text, for highlighting.</summary>
public readonly record struct TextSpan(int Start, int Length);

/// <summary>Answers that seem to say the same thing, how sure that is (0..1), and the words they share.</summary>
public sealed record SuggestedGroup(
    IReadOnlyList<Guid> AnswerIds,
    double Score,
    IReadOnlyList<string> SharedTerms,
    IReadOnlyDictionary<Guid, IReadOnlyList<TextSpan>> Highlights);

/// <summary>
/// Suggests which answers of a question say the same thing, in the app's process and without any network.
/// Each pair of answers gets a similarity from their weighted terms (rare words weigh more than words
/// many answers use; words like "more" or "better" weigh little; near spellings count partly), answers
/// asking for more and for less of the same never pair, and answers are grouped by average linkage so
/// one answer cannot chain two unrelated ones together.
/// </summary>
public static class DuplicateSuggester
{
    /// <summary>
    /// The most answers one computation looks at: the cost grows faster than the number of answers (about 30 ms of
    /// processor time for 300; an imported 2,500 took 16.5 s on the shared machine before this bound), and anyone can
    /// import a question that large. A room writes 60 to 150; answers past this are left out until others are merged
    /// or hidden.
    /// </summary>
    public const int MaxAnswers = 400;

    // The weights and the threshold were chosen by leave-one-question-out cross-validation over the tuning and held-out
    // sets (11 questions): the threshold that gives the most recall at a precision of at least 0.85 on the other ten
    // questions was 0.38 in every fold. The blind set (labelled-blind.txt) was never used to choose anything.

    /// <summary>Two answers are linked at all only from this similarity on.</summary>
    internal static double LinkThreshold { get; set; } = 0.38;

    /// <summary>A group holds together while the average similarity of its pairs stays at least this.</summary>
    internal static double GroupThreshold { get; set; } = 0.38;

    internal static double WeakWeight { get; set; } = 0.3;
    internal static double PartWeight { get; set; } = 1.0;
    internal static double FuzzyFloor { get; set; } = 0.5;
    internal static double ContainmentShare { get; set; } = 0.3;
    internal static double OppositePenalty { get; set; } = 0.3;

    /// <summary>The groups, within the default work budget (<see cref="SuggestionBudget.DefaultUnits"/>).</summary>
    public static IReadOnlyList<SuggestedGroup> Suggest(
        IReadOnlyList<SuggestionInput> answers,
        SessionLanguage language,
        IReadOnlyList<SuggestionRejection>? rejections = null) =>
        SuggestWithin(answers, language, rejections, new SuggestionBudget()).Groups;

    /// <summary>
    /// The groups found within <paramref name="budget"/>: the answers are read in the order they came in until the
    /// reading stage's share runs out, then near spellings, pairs and groups each get a share of what is left.
    /// </summary>
    public static SuggestionOutcome SuggestWithin(
        IReadOnlyList<SuggestionInput> answers,
        SessionLanguage language,
        IReadOnlyList<SuggestionRejection>? rejections,
        SuggestionBudget budget)
    {
        if (answers.Count > MaxAnswers)
        {
            answers = answers.Take(MaxAnswers).ToList();
        }
        if (answers.Count < 2)
        {
            return new SuggestionOutcome([], answers.Count, true, 0);
        }
        budget.Stage(0.3);
        var analyzed = new TermAnalyzer(budget).Analyze(answers, language);
        budget.Stage(0.25);
        var model = TermModel.Build(analyzed, FuzzyFloor, WeakWeight, PartWeight, budget);
        var n = analyzed.Count;
        var similarity = new float[n, n];
        budget.Stage(0.6);
        // Which terms the answers of the pair hold, marked in arrays over all terms: a pair then costs the length of
        // its two answers (and their near spellings), not the product.
        var inA = new bool[model.TermCount];
        var inB = new bool[model.TermCount];
        // Only pairs that share a term (or a near spelling of one) can be alike; most pairs of a question share none.
        var seen = new bool[n];
        var candidates = new List<int>();
        for (var i = 0; i < n && !budget.Cut; i++)
        {
            candidates.Clear();
            long work = 0;
            foreach (var term in model.Answers[i].Ids)
            {
                foreach (var related in model.Related(term))
                {
                    var postings = model.Postings(related);
                    work += postings.Count;
                    foreach (var j in postings)
                    {
                        if (j > i && !seen[j])
                        {
                            seen[j] = true;
                            candidates.Add(j);
                        }
                    }
                }
            }
            candidates.ForEach(j => seen[j] = false);
            if (!budget.Spend(work))
            {
                break;
            }
            Mark(inA, model.Answers[i], true);
            foreach (var j in candidates)
            {
                Mark(inB, model.Answers[j], true);
                var (s, cost) = Similarity(model, analyzed, i, j, inA, inB);
                Mark(inB, model.Answers[j], false);
                similarity[i, j] = (float)s;
                similarity[j, i] = (float)s;
                if (!budget.Spend(cost))
                {
                    break;
                }
            }
            Mark(inA, model.Answers[i], false);
        }
        budget.Stage(1.0);
        var forbidden = Forbidden(analyzed, rejections ?? []);
        var clusters = Cluster(similarity, forbidden, n, budget);
        var groups = clusters
            .Where(c => c.Count >= 2)
            .Select(c => Describe(c, analyzed, model, similarity, budget))
            .OrderByDescending(g => g.Score)
            .ThenByDescending(g => g.AnswerIds.Count)
            .ToList();
        return new SuggestionOutcome(groups, analyzed.Count, !budget.Cut, budget.Spent);
    }

    private static void Mark(bool[] marks, TermModel.Bag bag, bool value)
    {
        foreach (var id in bag.Ids)
        {
            marks[id] = value;
        }
    }

    /// <summary>The similarity of answers <paramref name="i"/> and <paramref name="j"/>, whose terms are marked in <paramref name="inA"/> and <paramref name="inB"/>, and its cost.</summary>
    private static (double Similarity, long Cost) Similarity(TermModel model, List<AnalyzedAnswer> answers, int i, int j, bool[] inA, bool[] inB)
    {
        var a = model.Answers[i];
        var b = model.Answers[j];
        if (a.Total == 0 || b.Total == 0)
        {
            return (0, 1);
        }
        var (matchedA, costA) = Matched(model, a, inB);
        if (matchedA == 0)
        {
            return (0, costA + b.Ids.Length);
        }
        var (matchedB, costB) = Matched(model, b, inA);
        var dice = (matchedA + matchedB) / (a.Total + b.Total);
        // A short answer wholly inside a longer one ("meer thuiswerken" in "meer thuiswerken, minder files")
        // is usually the same point, so containment adds to the overlap.
        var containment = Math.Max(matchedA / a.Total, matchedB / b.Total);
        var similarity = (1 - ContainmentShare) * dice + ContainmentShare * containment;
        if ((answers[i].Up && answers[j].Down && !answers[i].Down) || (answers[i].Down && answers[j].Up && !answers[j].Down))
        {
            similarity *= OppositePenalty;
        }
        return (Math.Clamp(similarity, 0, 1), costA + costB + 2 * b.Ids.Length);
    }

    /// <summary>
    /// How much of <paramref name="a"/>'s weight finds a match among the other answer's terms (marked in
    /// <paramref name="inOther"/>): the term itself counts 1, else its nearest spelling there counts its closeness.
    /// </summary>
    private static (double Matched, long Cost) Matched(TermModel model, TermModel.Bag a, bool[] inOther)
    {
        double matched = 0;
        long cost = 0;
        for (var x = 0; x < a.Ids.Length; x++)
        {
            var id = a.Ids[x];
            double best = 0;
            cost++;
            if (inOther[id])
            {
                best = 1;
            }
            else
            {
                var related = model.Related(id);
                cost += related.Count;
                foreach (var other in related)
                {
                    if (other != id && inOther[other])
                    {
                        best = Math.Max(best, model.Fuzzy(id, other));
                    }
                }
            }
            matched += a.Weights[x] * best;
        }
        return (matched, cost);
    }

    private static bool[,] Forbidden(List<AnalyzedAnswer> answers, IReadOnlyList<SuggestionRejection> rejections)
    {
        var n = answers.Count;
        var forbidden = new bool[n, n];
        var index = new Dictionary<Guid, int>(n);
        for (var i = 0; i < n; i++)
        {
            index[answers[i].Id] = i;
        }
        foreach (var rejection in rejections)
        {
            var members = rejection.AnswerIds.Where(index.ContainsKey).Select(id => index[id]).ToList();
            if (rejection.Separated is { } separated)
            {
                if (index.TryGetValue(separated, out var s))
                {
                    members.ForEach(m => forbidden[s, m] = forbidden[m, s] = m != s);
                }
                continue;
            }
            foreach (var x in members)
            {
                foreach (var y in members.Where(y => y != x))
                {
                    forbidden[x, y] = true;
                }
            }
        }
        return forbidden;
    }

    /// <summary>
    /// Average-linkage clustering over the linked pairs: the two groups with the highest average similarity
    /// join, as long as that average stays at or above <see cref="GroupThreshold"/> and no refusal separates them.
    /// </summary>
    private static List<List<int>> Cluster(float[,] similarity, bool[,] forbidden, int n, SuggestionBudget budget)
    {
        budget.Count((long)n * n);
        var members = new List<int>?[n];
        var sum = new double[n, n];
        var linked = new bool[n, n];
        var blocked = new bool[n, n];
        var neighbours = new HashSet<int>[n];
        for (var i = 0; i < n; i++)
        {
            members[i] = [i];
            neighbours[i] = [];
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                sum[i, j] = similarity[i, j];
                blocked[i, j] = forbidden[i, j];
                if (i != j && similarity[i, j] >= LinkThreshold)
                {
                    linked[i, j] = true;
                    neighbours[i].Add(j);
                }
            }
        }
        while (true)
        {
            var best = (A: -1, B: -1, Average: double.MinValue);
            long scanned = n;
            for (var a = 0; a < n; a++)
            {
                if (members[a] is not { } ma)
                {
                    continue;
                }
                scanned += neighbours[a].Count;
                foreach (var b in neighbours[a])
                {
                    if (b <= a || blocked[a, b] || members[b] is not { } mb)
                    {
                        continue;
                    }
                    var average = sum[a, b] / (ma.Count * mb.Count);
                    if (average > best.Average)
                    {
                        best = (a, b, average);
                    }
                }
            }
            // Each join costs a look at every linked pair; when the share runs out, the groups joined so far stand.
            if (best.A < 0 || best.Average < GroupThreshold || !budget.Spend(scanned + n))
            {
                break;
            }
            var (keep, gone) = (best.A, best.B);
            members[keep]!.AddRange(members[gone]!);
            members[gone] = null;
            for (var k = 0; k < n; k++)
            {
                if (members[k] is null || k == keep)
                {
                    continue;
                }
                sum[keep, k] += sum[gone, k];
                sum[k, keep] = sum[keep, k];
                blocked[keep, k] |= blocked[gone, k];
                blocked[k, keep] = blocked[keep, k];
                if (linked[gone, k] && !linked[keep, k])
                {
                    linked[keep, k] = linked[k, keep] = true;
                    neighbours[keep].Add(k);
                    neighbours[k].Add(keep);
                }
            }
        }
        return members.Where(m => m is not null).Select(m => m!).ToList();
    }

    private static SuggestedGroup Describe(List<int> cluster, List<AnalyzedAnswer> answers, TermModel model, float[,] similarity, SuggestionBudget budget)
    {
        budget.Count((long)cluster.Count * cluster.Count);
        double total = 0;
        var pairs = 0;
        for (var x = 0; x < cluster.Count; x++)
        {
            for (var y = x + 1; y < cluster.Count; y++)
            {
                total += similarity[cluster[x], cluster[y]];
                pairs++;
            }
        }
        // Earlier answers first: the first usually reads best as the merged wording.
        var ordered = cluster.OrderBy(i => i).ToList();

        // A term is shared when at least half the group (and two answers) use it, or a near spelling of it.
        var counts = new Dictionary<int, int>();
        foreach (var i in ordered)
        {
            var bag = model.Answers[i];
            foreach (var id in bag.Ids.Distinct())
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }
        // How many answers hold each term or a near spelling of it: one pass over each answer's terms and their near
        // spellings, instead of every term of the group against every answer.
        var holders = new Dictionary<int, int>();
        var reach = new HashSet<int>();
        foreach (var i in ordered)
        {
            reach.Clear();
            foreach (var id in model.Answers[i].Ids)
            {
                var related = model.Related(id);
                budget.Count(related.Count);
                reach.UnionWith(related);
            }
            foreach (var id in reach)
            {
                holders[id] = holders.GetValueOrDefault(id) + 1;
            }
        }
        var needed = Math.Max(2, (cluster.Count + 1) / 2);
        var shared = counts
            .Where(c => !model.IsWeak(c.Key))
            .Select(c => (Id: c.Key, Count: holders.GetValueOrDefault(c.Key)))
            .Where(c => c.Count >= needed)
            .OrderByDescending(c => c.Count)
            .ThenByDescending(c => model.Idf(c.Id))
            .Select(c => c.Id)
            .ToList();
        // A term is highlighted when it is a shared term or a near spelling of one.
        var sharedReach = new HashSet<int>(shared.SelectMany(model.Related));

        var highlights = new Dictionary<Guid, IReadOnlyList<TextSpan>>();
        foreach (var i in ordered)
        {
            budget.Count(answers[i].Terms.Count);
            var spans = answers[i].Terms
                .Where(t => model.TryGetId(t.Key, out var own) && sharedReach.Contains(own))
                .SelectMany(t => t.Spans)
                .Distinct()
                .OrderBy(s => s.Start)
                .Select(s => new TextSpan(s.Start, s.Length))
                .ToList();
            highlights[answers[i].Id] = spans;
        }
        var sharedTerms = model.Surfaces(shared, ordered.Select(i => answers[i])).Distinct().ToList();
        return new SuggestedGroup(
            ordered.Select(i => answers[i].Id).ToList(),
            Math.Round(Math.Clamp(pairs == 0 ? 0 : total / pairs, 0, 1), 3),
            sharedTerms,
            highlights);
    }
}
