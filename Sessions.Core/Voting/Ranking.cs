using Sessions.Core.Domain;

namespace Sessions.Core.Voting;

public sealed record RankInput(Guid AnswerId, string Text, int Dots, long Sequence);

public sealed record RankedAnswer(int Rank, Guid AnswerId, string Text, int Dots);

/// <summary>
/// The top N of a question. When answers with equal dots straddle the cut-off, <see cref="Tied"/> holds
/// them and <see cref="OpenPlaces"/> says how many of them can still get in; until the facilitator
/// settles it (runoff or explicit choice) those places stay empty rather than being filled silently.
/// </summary>
public sealed record RankingResult(
    IReadOnlyList<RankedAnswer> Top,
    IReadOnlyList<RankInput> Tied,
    int OpenPlaces,
    TieSettlement SettledBy)
{
    public bool HasOpenTie => Tied.Count > 0;
}

public static class Ranking
{
    public const int Places = 3;

    /// <param name="answers">Answers that may rank: visible and not merged into another.</param>
    /// <param name="settledBy">How an earlier tie was settled, if it was.</param>
    /// <param name="winners">The tied answers chosen for the open places, in rank order.</param>
    public static RankingResult Compute(
        IEnumerable<RankInput> answers,
        TieSettlement settledBy = TieSettlement.None,
        IReadOnlyList<Guid>? winners = null,
        int places = Places)
    {
        // An answer without a single dot was not chosen by anyone and never ranks.
        var ordered = answers.Where(a => a.Dots > 0)
            .OrderByDescending(a => a.Dots)
            .ThenBy(a => a.Sequence)
            .ToList();

        if (ordered.Count <= places || ordered[places].Dots < ordered[places - 1].Dots)
        {
            return new RankingResult(Number(ordered.Take(places)), [], 0, TieSettlement.None);
        }

        var cutOffDots = ordered[places - 1].Dots;
        var above = ordered.Where(a => a.Dots > cutOffDots).ToList();
        var tied = ordered.Where(a => a.Dots == cutOffDots).ToList();
        var open = places - above.Count;

        if (settledBy != TieSettlement.None && winners is not null && IsValidSettlement(tied, open, winners))
        {
            var chosen = winners.Select(id => tied.Single(t => t.AnswerId == id));
            return new RankingResult(Number(above.Concat(chosen)), [], 0, settledBy);
        }

        return new RankingResult(Number(above), tied, open, TieSettlement.None);
    }

    /// <summary>A settlement counts only while it still names exactly the open places from the current tie.</summary>
    public static bool IsValidSettlement(IReadOnlyList<RankInput> tied, int openPlaces, IReadOnlyList<Guid> winners) =>
        winners.Count == openPlaces
        && winners.Distinct().Count() == winners.Count
        && winners.All(w => tied.Any(t => t.AnswerId == w));

    private static List<RankedAnswer> Number(IEnumerable<RankInput> answers) =>
        answers.Select((a, i) => new RankedAnswer(i + 1, a.AnswerId, a.Text, a.Dots)).ToList();
}
