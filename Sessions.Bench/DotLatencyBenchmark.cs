using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using static System.FormattableString;

namespace Sessions.Bench;

/// <summary>
/// A dot tapped on a phone in real Chromium → the board in another page showing the new count: the round trip a
/// participant sees in the room (the phone's click, its circuit, the write, the event, the board's circuit and DOM).
/// One phone adds and removes a dot on one answer at a person's pace (half a second between changes, slower than the
/// per-participant throttle), each change timed until the board's count says it. Moved here from the browser tests,
/// where it was a measurement without a limit that could fail.
/// </summary>
public static class DotLatencyBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var votes = int.Parse(Option(args, "--votes", "50"), CultureInfo.InvariantCulture);
        var repeats = int.Parse(Option(args, "--repeat", "1"), CultureInfo.InvariantCulture);
        AppProcess.WarnIfDebug();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {votes} changes per run, {repeats} run(s); load average {LoadAverage()}");
        for (var run = 1; run <= repeats; run++)
        {
            await using var app = await AppProcess.StartPublishedAsync(AppProcess.Configuration);
            var samples = await MeasureAsync(app, votes);
            samples.Sort();
            Console.WriteLine(Invariant(
                $"run {run}: dot on a phone → board DOM, {samples.Count} changes: p50 {Percentile(samples, 0.50):F0} ms, p95 {Percentile(samples, 0.95):F0} ms, max {samples[^1]:F0} ms; load average {LoadAverage()}"));
        }
    }

    private static async Task<List<double>> MeasureAsync(AppProcess app, int votes)
    {
        using var http = new HttpClient { BaseAddress = app.Root, Timeout = TimeSpan.FromSeconds(60) };
        var api = new BenchApi(http);
        string[] texts = ["Snel", "Traag"];
        var session = await api.CreateSessionAsync("Dot latency", answers: texts.Length, participants: 1, text: i => texts[i]);
        await api.ShowQuestionAsync(session, 1);
        await api.SetPhaseAsync(session, "converge");
        await api.SetPhaseAsync(session, "vote");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ScreensBenchmark.LaunchChromiumAsync(playwright);
        var boardContext = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "nl-NL", BaseURL = app.Root.ToString() });
        var board = await boardContext.NewPageAsync();
        await board.GotoAsync($"board/{session.JoinCode}");
        await board.Locator("[data-testid=board-phase][data-phase=vote]").WaitForAsync();

        var phoneContext = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 }, Locale = "nl-NL", BaseURL = app.Root.ToString() });
        await phoneContext.AddInitScriptAsync($"localStorage.setItem('sessions.participant.{session.JoinCode}', '{session.Tokens[0]}');");
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync($"join/{session.JoinCode}");
        await phone.Locator("[data-testid=phone-phase][data-phase=vote]").WaitForAsync();

        var dots = board.Locator("[data-testid=board-answer]", new PageLocatorOptions { HasText = texts[0] }).Locator("[data-testid=answer-dots]");
        var item = phone.Locator("[data-testid=vote-item]", new PageLocatorOptions { HasText = texts[0] });
        var add = item.Locator("[data-testid=add-dot]");
        var remove = item.Locator("[data-testid=remove-dot]");

        var samples = new List<double>();
        for (var i = 0; i < votes; i++)
        {
            // A person's pace: faster than that the per-participant throttle steps in.
            await Task.Delay(500);
            var expected = i % 2 == 0 ? "1" : "0";
            var clock = Stopwatch.StartNew();
            await (i % 2 == 0 ? add : remove).ClickAsync();
            await Assertions.Expect(dots).ToHaveTextAsync(expected, new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        await browser.CloseAsync();
        return samples;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(sorted.Count * p) - 1)];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
