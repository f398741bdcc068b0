namespace Sessions.Core.Voting;

public static class RunoffRules
{
    /// <summary>
    /// The winners of a runoff for <paramref name="openPlaces"/> places, or null when the runoff
    /// tied again across the cut-off (then the facilitator has to choose).
    /// </summary>
    public static IReadOnlyList<Guid>? Winners(IReadOnlyList<RankInput> candidates, IReadOnlyDictionary<Guid, int> runoffDots, int openPlaces)
    {
        var ordered = candidates
            .Select(c => (c.AnswerId, Dots: runoffDots.GetValueOrDefault(c.AnswerId), c.Sequence))
            .OrderByDescending(c => c.Dots)
            .ThenBy(c => c.Sequence)
            .ToList();
        if (ordered.Count > openPlaces && ordered[openPlaces].Dots == ordered[openPlaces - 1].Dots)
        {
            return null;
        }
        return ordered.Take(openPlaces).Select(c => c.AnswerId).ToList();
    }
}
