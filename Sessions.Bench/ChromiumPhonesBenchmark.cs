using System.Globalization;
using static System.FormattableString;

namespace Sessions.Bench;

/// <summary>
/// What open phones cost the app while the room votes: the app's CPU time per ballot of someone else (sent over
/// HTTP, 500 ms apart) with 0, 20 and 100 phones open in real Chromium on the vote, each size on a fresh app
/// process. "0 phones" still has the warm-up phone and board the screens benchmark opens and does not count.
/// The goal (issue 14): at most 1.3× the CPU per ballot of no phones with 20 phones open. The <c>phones</c> benchmark
/// measures thousands of phones with the headless phone instead.
/// </summary>
public static class ChromiumPhonesBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var sizes = Option(args, "--phones", "0,20,100").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        var rounds = int.Parse(Option(args, "--rounds", "40"), CultureInfo.InvariantCulture);
        var repeats = int.Parse(Option(args, "--repeat", "1"), CultureInfo.InvariantCulture);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {rounds} ballots per run, {repeats} repeat(s) of each size (medians).");

        var perBallot = new Dictionary<int, List<double>>();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            foreach (var phones in sizes)
            {
                await using var app = await AppProcess.StartAsync(AppProcess.Configuration);
                var result = await ScreensBenchmark.RunAsync(app, boards: 0, phones: phones, rounds: rounds);
                (perBallot.TryGetValue(phones, out var list) ? list : perBallot[phones] = []).Add(result.AppCpuMsPerBallot);
                Console.WriteLine(Invariant($"  run {repeat + 1}, {phones} phones: app CPU {result.AppCpuMsPerBallot:F2} ms per ballot ({result.AppCpuPercent:F1}% of one core; machine {result.MachineCpuPercent:F0}% busy), {result.Circuits} circuits"));
            }
        }

        var baseline = Median(perBallot[sizes[0]]);
        Console.WriteLine();
        Console.WriteLine("| phones open | app CPU per ballot of someone else (median) | × the first size |");
        Console.WriteLine("| ---: | ---: | ---: |");
        foreach (var phones in sizes)
        {
            var median = Median(perBallot[phones]);
            Console.WriteLine(Invariant($"| {phones} | {median:F2} ms | {median / baseline:F2}× |"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
