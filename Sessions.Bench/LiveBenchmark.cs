using System.Diagnostics;
using System.Globalization;

namespace Sessions.Bench;

/// <summary>
/// Fan-out against bare SignalR for growing numbers of watchers, bursts of ballots for growing rooms,
/// real Chromium screens, then the goals of the live benchmark, each reported as met or not.
/// </summary>
public static class LiveBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        AppProcess.WarnIfDebug();
        int[] sizes = quick ? [50, 200] : [100, 1000, 2000];
        var rounds = quick ? 8 : 20;
        var repeats = Option(args, "--repeat") ?? (quick ? 1 : 3);
        var screens = args.Contains("--no-screens") ? 0 : Option(args, "--screens") ?? (quick ? 10 : 100);
        var goalSize = quick ? sizes[^1] : 1000;
        // --screens-only: just the real-browser part, for working on the screens.
        var screensOnly = args.Contains("--screens-only");
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {(quick ? "quick" : "full")} run, {rounds} rounds per size, {repeats} repeat(s) of each size (medians; the ratio's range in brackets).");

        await using var app = await AppProcess.StartPublishedAsync(AppProcess.Configuration);
        var fanOut = new Dictionary<int, (double AppP50, double AppP99, double AppLast, double BareP50, double BareP99, double BareLast, double Ratio)>();
        await using (var bare = screensOnly ? null : await BareSignalR.StartAsync())
        {
            Console.WriteLine();
            Console.WriteLine("Fan-out: a ballot (app) or a broadcast (bare SignalR) → the message at every watcher, ms");
            Console.WriteLine("| watchers | app p50 | app p99 | app last (p50 of rounds) | bare p50 | bare p99 | bare last | p99 app/bare | missed | the ballot's own HTTP round trip p50 / max |");
            Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var n in screensOnly ? [] : sizes)
            {
                var runs = new List<(LatencySummary App, LatencySummary Bare, List<double> Ballots)>();
                for (var i = 0; i < repeats; i++)
                {
                    runs.Add(await FanOutBenchmark.RunAsync(app, bare!, n, rounds));
                }
                var ratios = runs.Select(x => x.App.P99 / x.Bare.P99).OrderBy(x => x).ToList();
                fanOut[n] = (Stats.Median(runs.Select(x => x.App.P50)), Stats.Median(runs.Select(x => x.App.P99)), Stats.Median(runs.Select(x => x.App.LastP50)),
                    Stats.Median(runs.Select(x => x.Bare.P50)), Stats.Median(runs.Select(x => x.Bare.P99)), Stats.Median(runs.Select(x => x.Bare.LastP50)), Stats.Median(ratios));
                var f = fanOut[n];
                Console.WriteLine(Invariant($"| {n} | {Stats.F(f.AppP50)} | {Stats.F(f.AppP99)} | {Stats.F(f.AppLast)} | {Stats.F(f.BareP50)} | {Stats.F(f.BareP99)} | {Stats.F(f.BareLast)} | {f.Ratio:F2} [{ratios[0]:F2}–{ratios[^1]:F2}] | {runs.Sum(x => x.App.Missed)}/{runs.Sum(x => x.Bare.Missed)} | {Stats.F(Stats.Median(runs.SelectMany(x => x.Ballots)))} / {Stats.F(runs.SelectMany(x => x.Ballots).Max())} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("Bursts: every participant puts a 3-dot ballot, at a moment drawn from the first 4.5 s of a 5-second window, or all at once");
        Console.WriteLine("| participants | arrival | accepted | refused | errors | all answered in s | accept p50 ms | accept p99 ms | counts exact | app working set MB |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
        var bursts = new List<BurstResult>();
        foreach (var (n, spread) in screensOnly ? [] : sizes.Select(n => (n, 4.5)).Append((goalSize, 0.0)))
        {
            var result = await BurstBenchmark.RunAsync(app, n, spread);
            bursts.Add(result);
            Console.WriteLine(Invariant($"| {n} | {(spread > 0 ? $"within {spread:F1} s" : "at once")} | {result.Accepted} | {result.Refused} | {result.Errors} | {result.Seconds:F2} | {Stats.F(result.P50)} | {Stats.F(result.P99)} | {(result.CountsExact ? "yes" : "NO")} ({result.Detail}) | {WorkingSetMb(app)} |"));
        }

        ScreensResult? screen = null;
        if (screens > 0)
        {
            screen = await ScreensBenchmark.RunAsync(app, boards: screens, phones: screens, rounds: rounds);
            Console.WriteLine();
            Console.WriteLine($"Screens: {screen.Boards} boards (1920×1080) and {screen.Phones} phones (390×844) in real Chromium, {screen.Circuits} circuits open at the end; {screen.Rounds} ballots 500 ms apart");
            Console.WriteLine("| measure | p50 | p99 | last screen (p50 of rounds) | missed |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            Console.WriteLine(Invariant($"| ballot → board DOM shows the new version, ms | {Stats.F(screen.Board.P50)} | {Stats.F(screen.Board.P99)} | {Stats.F(screen.Board.LastP50)} | {screen.Board.Missed} |"));
            Console.WriteLine(Invariant($"| phase move → phone DOM shows the new phase, ms | {Stats.F(screen.PhonePhase.P50)} | {Stats.F(screen.PhonePhase.P99)} | {Stats.F(screen.PhonePhase.LastP50)} | {screen.PhonePhase.Missed} |"));
            Console.WriteLine(Invariant($"Boards showing the exact final count: {screen.BoardsExact} of {screen.Boards}."));
            Console.WriteLine(Invariant($"Managed heap per circuit (after a full collection): phone {screen.HeapPerPhoneKb:F0} KB, board {screen.HeapPerBoardKb:F0} KB; working set per screen {screen.WorkingSetPerScreenKb:F0} KB."));
            Console.WriteLine(Invariant($"CPU during the ballots: app {screen.AppCpuPercent:F0}% of one core; the whole machine (app, Chromium, benchmark) {screen.MachineCpuPercent:F0}% busy. App at the end: managed heap {screen.ManagedHeapMb:F0} MB, working set {screen.WorkingSetMb:F0} MB."));
        }

        if (!screensOnly)
        {
            Console.WriteLine();
            Console.WriteLine(Invariant($"Growth from {sizes[0]} to {sizes[^1]}: fan-out app p50 ×{fanOut[sizes[^1]].AppP50 / fanOut[sizes[0]].AppP50:F1}, app p99 ×{fanOut[sizes[^1]].AppP99 / fanOut[sizes[0]].AppP99:F1}, bare p99 ×{fanOut[sizes[^1]].BareP99 / fanOut[sizes[0]].BareP99:F1}; burst accept p99 ×{bursts[^2].P99 / bursts[0].P99:F1} (×{(double)sizes[^1] / sizes[0]:F0} participants)."));
            Console.WriteLine();
            Console.WriteLine("Goals:");
            var ratio = fanOut[goalSize].Ratio;
            Console.WriteLine(Invariant($"- fan-out p99 at {goalSize} watchers within 1.25× of bare SignalR: {Met(ratio <= 1.25)} ({ratio:F2}×{(goalSize < 1000 ? "; the goal is for 1,000 watchers, where the ballot's own cost weighs less" : "")})"));
            var goalBurst = bursts.First(b => b.Participants == goalSize && b.SpreadSeconds > 0);
            Console.WriteLine(Invariant($"- {goalSize * 3}-dot burst within 5 s, no error, accept p99 under 100 ms: {Met(goalBurst.Seconds <= 5 && goalBurst.Errors == 0 && goalBurst.Refused == 0 && goalBurst.P99 < 100 && goalBurst.CountsExact)} (all answered in {goalBurst.Seconds:F2} s, p99 {Stats.F(goalBurst.P99)} ms; all at once: p99 {Stats.F(bursts[^1].P99)} ms)"));
        }
        else
        {
            Console.WriteLine();
            Console.WriteLine("Goals:");
        }
        if (screen is not null)
        {
            Console.WriteLine(Invariant($"- at most 300 KB managed heap per participant circuit: {Met(screen.HeapPerPhoneKb <= 300)} ({screen.HeapPerPhoneKb:F0} KB{(screen.Phones < 100 ? $"; with {screen.Phones} phones one run moves by tens of KB, the full run opens 100" : "")})"));
            Console.WriteLine(Invariant($"- board DOM update p99 under 500 ms with {screen.Boards} real screens: {Met(screen.Board.P99 < 500 && screen.Board.Missed == 0)} ({Stats.F(screen.Board.P99)} ms{(screen.Boards < 100 ? "; the goal is for 100 screens" : "")})"));
        }
        Console.WriteLine($"Run time: {clock.Elapsed.TotalSeconds:F0} s.");
    }

    private static string Met(bool met) => met ? "met" : "NOT met";

    private static long WorkingSetMb(AppProcess app)
    {
        using var process = Process.GetProcessById(app.ProcessId);
        return process.WorkingSet64 / 1024 / 1024;
    }

    private static int? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? Math.Max(0, value) : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
