namespace Sessions.Core.Voting;

/// <summary>One participant's dots on the two answers of a merge, and what they become.</summary>
public sealed record MergeCarry(Guid ParticipantId, int OnSource, int OnTarget, int Result, int Refunded);

public static class MergeRules
{
    /// <summary>
    /// When one answer absorbs another, each participant's dots on the two are added up and capped at
    /// the per-answer maximum; what is over the cap goes back to that participant's budget.
    /// </summary>
    public static IReadOnlyList<MergeCarry> CarryOver(
        IReadOnlyDictionary<Guid, int> sourceDots,
        IReadOnlyDictionary<Guid, int> targetDots,
        int maxPerAnswer)
    {
        var participants = sourceDots.Keys.Union(targetDots.Keys);
        var result = new List<MergeCarry>();
        foreach (var participant in participants)
        {
            var onSource = sourceDots.GetValueOrDefault(participant);
            var onTarget = targetDots.GetValueOrDefault(participant);
            var sum = onSource + onTarget;
            var kept = Math.Min(sum, maxPerAnswer);
            result.Add(new MergeCarry(participant, onSource, onTarget, kept, sum - kept));
        }
        return result;
    }
}
