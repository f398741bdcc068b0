using Sessions.Core.Domain;

namespace Sessions.Core.Voting;

/// <summary>Validates a whole ballot before any of it is written: it is accepted whole or refused whole.</summary>
public static class BallotRules
{
    public static IReadOnlyDictionary<Guid, int> Validate(
        IReadOnlyDictionary<Guid, int> dots,
        IEnumerable<BallotCandidate> candidates,
        int budget,
        int maxPerAnswer) =>
        Validate(dots, candidates.ToDictionary(c => c.AnswerId), budget, maxPerAnswer);

    /// <summary>The same, with the candidates already indexed: an import checks thousands of ballots against one question.</summary>
    public static IReadOnlyDictionary<Guid, int> Validate(
        IReadOnlyDictionary<Guid, int> dots,
        IReadOnlyDictionary<Guid, BallotCandidate> byId,
        int budget,
        int maxPerAnswer)
    {
        var total = 0;
        foreach (var (answerId, count) in dots)
        {
            if (!byId.TryGetValue(answerId, out var candidate))
            {
                throw SessionRuleException.Invalid("Answer {0} is not one you can vote on in this question.", answerId);
            }
            if (count == 0)
            {
                // A zero says nothing: a phone that sends back a stale ballot with a zero on an answer
                // hidden or merged since is not refused for it.
                continue;
            }
            if (candidate.Hidden)
            {
                throw SessionRuleException.Invalid("One of the answers on this ballot has been hidden by the facilitator.");
            }
            if (candidate.Merged)
            {
                throw SessionRuleException.Invalid("One of the answers on this ballot was merged into another; vote on that one instead.");
            }
            if (count < 0)
            {
                throw SessionRuleException.Invalid("A number of dots cannot be negative.");
            }
            if (count > maxPerAnswer)
            {
                throw SessionRuleException.Invalid("One answer can get at most {0} of your dots; this ballot puts {1} on one answer.", maxPerAnswer, count);
            }
            total += count;
        }
        if (total > budget)
        {
            throw SessionRuleException.Invalid("This ballot uses {0} dots; you have {1}.", total, budget);
        }
        return dots.Where(d => d.Value > 0).ToDictionary(d => d.Key, d => d.Value);
    }
}
