using System.Diagnostics;
using System.Globalization;
using Sessions.Core.Domain;
using Sessions.Core.Suggestions;

namespace Sessions.Bench;

/// <summary>
/// Time to suggest duplicates for one question of N answers (300 by default): the labelled answers of the
/// tests (Dutch and English, from several questions) make a realistic mix of short answers. Each round
/// computes from scratch (no cache); the first call of the process is reported apart (JIT, stop sets).
/// </summary>
public static class SuggestionsBenchmark
{
    public static void Run(string[] args)
    {
        var count = Option(args, "--answers", 300);
        var rounds = Option(args, "--rounds", 30);
        // --length L: each answer is at least L characters, labelled answers joined one after another (an imported
        // question of long answers); at most 500, as an answer may be.
        var length = Math.Min(Option(args, "--length", 0), TextRules.AnswerMax);
        var texts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Suggestions"), "*.txt")
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('?'))
            .ToList();
        // More answers than the sets hold: repeat them with a number, as a room of many writes.
        var answers = Enumerable.Range(0, count)
            .Select(i => new SuggestionInput(Guid.NewGuid(), Long(i < texts.Count ? texts[i] : $"{texts[i % texts.Count]} {i / texts.Count}", i)))
            .ToList();

        string Long(string text, int i)
        {
            for (var k = 1; text.Length < length; k++)
            {
                text = $"{text}; {texts[(i * 7 + k * 13) % texts.Count]}";
            }
            return length > 0 && text.Length > length ? text[..length].TrimEnd() : text;
        }

        var first = Stopwatch.StartNew();
        var outcome = DuplicateSuggester.SuggestWithin(answers, SessionLanguage.Nl, null, new SuggestionBudget());
        var groups = outcome.Groups;
        first.Stop();
        var times = new List<double>(rounds);
        var cpu = new List<double>(rounds);
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < rounds; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            DuplicateSuggester.Suggest(answers, SessionLanguage.Nl);
            watch.Stop();
            process.Refresh();
            times.Add(watch.Elapsed.TotalMilliseconds);
            // On a shared machine the wall clock also counts the time other processes held the cores; the
            // processor time is what the computation itself costs (the whole process, so it includes GC).
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }
        times.Sort();
        cpu.Sort();
        Console.WriteLine($"Suggestions for {count} answers of {answers.Average(a => a.Text.Length):0} characters on average ({texts.Count} distinct texts), {groups.Count} groups, {rounds} rounds");
        Console.WriteLine($"  considered {outcome.Considered} of {count}; {(outcome.Complete ? "complete" : "partial: the work budget ran out")}; work {outcome.WorkSpent:N0} of {SuggestionBudget.DefaultUnits:N0} units");
        Console.WriteLine($"  first call {Stats.F(first.Elapsed.TotalMilliseconds)} ms; p50 {Stats.F(Stats.Percentile(times, .5))} ms, p95 {Stats.F(Stats.Percentile(times, .95))} ms, max {Stats.F(times[^1])} ms wall (goal <= 100 ms)");
        Console.WriteLine($"  processor time p50 {Stats.F(Stats.Percentile(cpu, .5))} ms, p95 {Stats.F(Stats.Percentile(cpu, .95))} ms; machine load {Environment.ProcessorCount} cores, 1-min load average {LoadAverage()}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
