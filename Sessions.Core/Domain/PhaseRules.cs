namespace Sessions.Core.Domain;

public static class PhaseRules
{
    /// <summary>A question moves one phase forward or one phase back at a time.</summary>
    public static void EnsureCanMove(Phase from, Phase to)
    {
        if (!Enum.IsDefined(to))
        {
            throw SessionRuleException.Invalid("Unknown phase; use collect, converge, vote or result.");
        }
        if (Math.Abs((int)to - (int)from) > 1)
        {
            throw SessionRuleException.Conflict(
                "A question moves one phase at a time: it is in {0}, so it can go to {1}, not {2}.", new PhaseName(from), Neighbours(from), new PhaseName(to));
        }
    }

    public static string Name(Phase phase) => phase.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out Phase phase) =>
        Enum.TryParse(value, ignoreCase: true, out phase) && Enum.IsDefined(phase) && !int.TryParse(value, out _);

    private static string Neighbours(Phase from)
    {
        var options = new List<string>();
        if (from > Phase.Collect)
        {
            options.Add(Name(from - 1));
        }
        if (from < Phase.Result)
        {
            options.Add(Name(from + 1));
        }
        return string.Join(" or ", options);
    }
}
