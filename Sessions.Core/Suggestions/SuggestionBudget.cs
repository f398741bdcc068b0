namespace Sessions.Core.Suggestions;

/// <summary>
/// How much work one computation of suggestions may do, counted in units of about one step of an inner loop
/// (a term compared, a character stemmed, a candidate pair or group looked at), whatever the answers hold.
/// </summary>
/// <remarks>
/// A bound on the number of answers alone did not bound the work: 400 answers of 200 characters made the console wait
/// for more than ten minutes. Counting work instead of time keeps the result the same for the same answers (it is
/// cached, and a test can check it without a clock). Each stage gets a share of what is left when it starts; a stage
/// whose share runs out stops where it is, and the result says it is partial (<see cref="Cut"/>). A cancelled
/// request stops the computation too.
/// </remarks>
public sealed class SuggestionBudget(long units = SuggestionBudget.DefaultUnits, CancellationToken cancellationToken = default)
{
    /// <summary>
    /// About a second of one core on the shared 2-core machine (docs/benchmarks.md, "Suggestions"): 300 answers
    /// of a room use a few per cent of it.
    /// </summary>
    public const long DefaultUnits = 40_000_000;

    private long _stageEnd = units;
    private int _calls;

    public long Units { get; } = units;

    /// <summary>The work done so far.</summary>
    public long Spent { get; private set; }

    /// <summary>True once a stage stopped early because its share ran out: the result covers part of the work.</summary>
    public bool Cut { get; private set; }

    /// <summary>Starts a stage that may use <paramref name="share"/> of what is left.</summary>
    internal void Stage(double share) => _stageEnd = Spent + (long)(Math.Max(0, Units - Spent) * share);

    /// <summary>Counts <paramref name="work"/> units; false (and <see cref="Cut"/>) once the stage's share is used up.</summary>
    internal bool Spend(long work)
    {
        Spent += work;
        if ((++_calls & 1023) == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
        if (Spent > _stageEnd)
        {
            Cut = true;
            return false;
        }
        return true;
    }

    /// <summary>Counts work that is not stopped (it is bounded by what the earlier stages produced).</summary>
    internal void Count(long work) => Spent += work;
}
