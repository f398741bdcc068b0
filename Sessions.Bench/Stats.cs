using System.Diagnostics;
using System.Globalization;

namespace Sessions.Bench;

public static class Stats
{
    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}

/// <summary>Latencies of one measurement: p50, p99 and the time until the last receiver had it.</summary>
public sealed record LatencySummary(int Receivers, int Rounds, double P50, double P99, double LastP50, int Missed)
{
    public static LatencySummary From(int receivers, List<double> all, List<double> lastPerRound, int missed)
    {
        all.Sort();
        lastPerRound.Sort();
        return new LatencySummary(receivers, lastPerRound.Count, Stats.Percentile(all, .5), Stats.Percentile(all, .99), Stats.Percentile(lastPerRound, .5), missed);
    }
}
