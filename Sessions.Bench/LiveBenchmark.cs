using System.Diagnostics;
using System.Globalization;

namespace Sessions.Bench;

/// <summary>Fan-out against bare SignalR for growing numbers of watchers, then a burst of ballots.</summary>
public static class LiveBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
#if DEBUG
        Console.WriteLine("Warning: a Debug build; run with -c Release for figures worth writing down.");
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        int[] sizes = quick ? [50, 200] : [100, 1000, 2000];
        var rounds = quick ? 8 : 20;
        var burst = quick ? 200 : 1000;
        var repeatAt = Array.IndexOf(args, "--repeat");
        var repeats = repeatAt >= 0 && repeatAt + 1 < args.Length && int.TryParse(args[repeatAt + 1], CultureInfo.InvariantCulture, out var r) ? Math.Max(1, r) : quick ? 1 : 3;
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {(quick ? "quick" : "full")} run, {rounds} rounds per size, {repeats} repeat(s) of each size (medians; the ratio's range in brackets).");

        await using var app = await AppProcess.StartAsync(configuration);
        await using var bare = await BareSignalR.StartAsync();
        Console.WriteLine();
        Console.WriteLine("Fan-out: a ballot (app) or a broadcast (bare SignalR) → the message at every watcher, ms");
        Console.WriteLine("| watchers | app p50 | app p99 | app last (p50 of rounds) | bare p50 | bare p99 | bare last | p99 app/bare | missed |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var ratios = new Dictionary<int, double>();
        foreach (var n in sizes)
        {
            var runs = new List<(LatencySummary App, LatencySummary Bare)>();
            for (var i = 0; i < repeats; i++)
            {
                runs.Add(await FanOutBenchmark.RunAsync(app, bare, n, rounds));
            }
            static double Median(IEnumerable<double> values)
            {
                var sorted = values.OrderBy(v => v).ToList();
                return sorted[sorted.Count / 2];
            }
            var ratiosOfRuns = runs.Select(x => x.App.P99 / x.Bare.P99).OrderBy(x => x).ToList();
            ratios[n] = Median(ratiosOfRuns);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {Stats.F(Median(runs.Select(x => x.App.P50)))} | {Stats.F(Median(runs.Select(x => x.App.P99)))} | {Stats.F(Median(runs.Select(x => x.App.LastP50)))} | {Stats.F(Median(runs.Select(x => x.Bare.P50)))} | {Stats.F(Median(runs.Select(x => x.Bare.P99)))} | {Stats.F(Median(runs.Select(x => x.Bare.LastP50)))} | {ratios[n]:F2} [{ratiosOfRuns[0]:F2}–{ratiosOfRuns[^1]:F2}] | {runs.Sum(x => x.App.Missed)}/{runs.Sum(x => x.Bare.Missed)} |"));
        }

        Console.WriteLine();
        var result = await BurstBenchmark.RunAsync(app, burst);
        Console.WriteLine($"Burst: {result.Participants} participants × 3 dots at once");
        Console.WriteLine("| accepted | refused | errors | seconds | accept p50 ms | accept p99 ms | counts exact |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {result.Accepted} | {result.Refused} | {result.Errors} | {result.Seconds:F2} | {Stats.F(result.P50)} | {Stats.F(result.P99)} | {(result.CountsExact ? "yes" : "NO")} ({result.Detail}) |"));

        var memory = Process.GetProcessById(app.ProcessId);
        Console.WriteLine();
        Console.WriteLine($"App process after the run: working set {memory.WorkingSet64 / 1024 / 1024} MB.");
        Console.WriteLine();
        Console.WriteLine("Goals:");
        var fanOutN = sizes.Contains(1000) ? 1000 : sizes.Max();
        Console.WriteLine($"- fan-out p99 at {fanOutN} watchers within 1.25× of bare SignalR: {(ratios[fanOutN] <= 1.25 ? "met" : "NOT met")} ({ratios[fanOutN]:F2}×)");
        Console.WriteLine($"- {burst * 3}-dot burst within 5 s, no error, accept p99 under 100 ms: {(result.Seconds <= 5 && result.Errors == 0 && result.Refused == 0 && result.P99 < 100 && result.CountsExact ? "met" : "NOT met")} ({result.Seconds:F2} s, p99 {Stats.F(result.P99)} ms)");
        Console.WriteLine("- managed heap per participant circuit and board DOM latency with 100 real screens: not measured by this benchmark yet.");
    }
}
