using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static System.FormattableString;

namespace Sessions.Bench;

/// <summary>
/// What open phones cost the app while the room votes (issue 14, point 7): the app's CPU time per ballot of someone
/// else, with 0, 20 and 100 phones open in real Chromium on the vote, each size on a fresh app process.
/// <list type="bullet">
/// <item>Nothing else is open: no board, no warm-up phone (either would render on every ballot and so hide what
/// the phones add). The ballot path, and the phones' drawing of it, is warmed with 150 ballots that are not
/// counted: on a fresh process the first ballots cost many times the steady figure (code compiled again at a
/// higher tier), which would flatter every ratio.</item>
/// <item>The app's CPU is read over two spans of the same length, one quiet and one with a ballot every 500 ms
/// (past the screens' 100 ms render coalescing, so each ballot is drawn on its own): the figure is the CPU of the
/// ballot span divided by the ballots; the quiet span shows what the open phones cost when nobody votes
/// (their circuits' keep-alive pings, the countdown timer), which the ballot span includes.</item>
/// </list>
/// The goal: at most 1.3× the CPU per ballot of no phones with 20 phones open. The <c>phones</c> benchmark measures
/// thousands of phones with the headless phone instead.
/// </summary>
public static class ChromiumPhonesBenchmark
{
    // A fresh process compiles the ballot path at a low tier first and recompiles what is hot in the background:
    // measured on this machine, the first 40 ballots cost 172 ms of CPU each, the next 40 42 ms, and only from
    // about the 80th on the steady 10 ms. So 150 ballots go first, from 10 voters who keep changing their mind.
    private const int WarmUpBallots = 150;
    private const int WarmUpVoters = 10;

    public static async Task RunAsync(string[] args)
    {
        var sizes = Option(args, "--phones", "0,20,100").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        var rounds = int.Parse(Option(args, "--rounds", "40"), CultureInfo.InvariantCulture);
        var repeats = int.Parse(Option(args, "--repeat", "1"), CultureInfo.InvariantCulture);
        AppProcess.WarnIfDebug();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {rounds} ballots per run, {repeats} repeat(s) of each size (medians).");
        Console.WriteLine($"Load average at the start: {LoadAverage()}");

        var results = new Dictionary<int, List<PhonesResult>>();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            foreach (var phones in sizes)
            {
                await using var app = await AppProcess.StartPublishedAsync(AppProcess.Configuration);
                var result = await MeasureAsync(app, phones, rounds);
                (results.TryGetValue(phones, out var list) ? list : results[phones] = []).Add(result);
                Console.WriteLine(Invariant(
                    $"  run {repeat + 1}, {phones} phones: {result.CpuMsPerBallot:F2} ms per ballot, quiet {result.QuietCpuMsPerSecond:F1} ms/s, {result.Circuits} circuits, {result.FramesPerPhonePerBallot:F2} messages to each phone per ballot; machine {result.MachineBusyPercent:F0}% busy, load {LoadAverage()}"));
            }
        }

        var baseline = Median(results[sizes[0]].Select(r => r.CpuMsPerBallot));
        Console.WriteLine();
        Console.WriteLine("| phones open | app CPU per ballot of someone else (median) | × the first size | app CPU with nobody voting | beyond the quiet span, per ballot | messages to each phone per ballot | machine busy |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var phones in sizes)
        {
            var runs = results[phones];
            var perBallot = Median(runs.Select(r => r.CpuMsPerBallot));
            Console.WriteLine(Invariant(
                $"| {phones} | {perBallot:F2} ms | {perBallot / baseline:F2}× | {Median(runs.Select(r => r.QuietCpuMsPerSecond)):F1} ms/s | {Median(runs.Select(r => r.BeyondQuietMsPerBallot)):F2} ms | {Median(runs.Select(r => r.FramesPerPhonePerBallot)):F2} | {Median(runs.Select(r => r.MachineBusyPercent)):F0}% |"));
        }
        Console.WriteLine($"Load average at the end: {LoadAverage()}");
    }

    private sealed record PhonesResult(double CpuMsPerBallot, double QuietCpuMsPerSecond, double BeyondQuietMsPerBallot, double MachineBusyPercent, int Circuits, double FramesPerPhonePerBallot);

    private static async Task<PhonesResult> MeasureAsync(AppProcess app, int phones, int rounds)
    {
        using var http = new HttpClient { BaseAddress = app.Root, Timeout = TimeSpan.FromSeconds(60) };
        var api = new BenchApi(http);
        // One voter per ballot (so each ballot changes the count), the warm-up voters, and one participant per phone.
        var session = await api.CreateSessionAsync("Phones", answers: 3, participants: rounds + WarmUpVoters + phones);
        await api.ShowQuestionAsync(session, 1);
        await api.SetPhaseAsync(session, "converge");
        await api.SetPhaseAsync(session, "vote");
        var voters = session.Tokens.Take(rounds).ToList();
        var warmUp = session.Tokens.Skip(rounds).Take(WarmUpVoters).ToList();
        var phoneTokens = session.Tokens.Skip(rounds + WarmUpVoters).ToList();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ScreensBenchmark.LaunchChromiumAsync(playwright);
        // What the phones receive on their circuits' WebSockets: render batches and keep-alive pings.
        long frames = 0;
        var pages = new List<IPage>();
        foreach (var batch in phoneTokens.Chunk(10))
        {
            pages.AddRange(await Task.WhenAll(batch.Select(async token =>
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 }, Locale = "nl-NL", BaseURL = app.Root.ToString() });
                context.SetDefaultTimeout(120_000);
                await context.AddInitScriptAsync($"localStorage.setItem('sessions.participant.{session.JoinCode}', '{token}');");
                var page = await context.NewPageAsync();
                page.WebSocket += (_, socket) =>
                {
                    if (socket.Url.Contains("_blazor", StringComparison.Ordinal))
                    {
                        socket.FrameReceived += (_, _) => Interlocked.Increment(ref frames);
                    }
                };
                await page.GotoAsync($"join/{session.JoinCode}");
                await page.Locator("[data-testid=me]").WaitForAsync();
                await page.Locator("[data-testid=phone-phase][data-phase=vote]").WaitForAsync();
                return page;
            })));
        }

        // The ballot path compiled and its caches filled, with the phones drawing each ballot, before anything counts.
        for (var i = 0; i < WarmUpBallots; i++)
        {
            using var response = await api.PutBallotAsync(session, warmUp[i % WarmUpVoters], [session.Answers[(i / WarmUpVoters) % session.Answers.Count]]);
            response.EnsureSuccessStatusCode();
            await Task.Delay(100);
        }
        await Task.Delay(5000);

        var span = TimeSpan.FromMilliseconds((rounds * 500) + 1500);
        var process = Process.GetProcessById(app.ProcessId);

        process.Refresh();
        var quietBefore = process.TotalProcessorTime;
        var quietFrames = Interlocked.Read(ref frames);
        var quietClock = Stopwatch.StartNew();
        await Task.Delay(span);
        process.Refresh();
        var quietMs = (process.TotalProcessorTime - quietBefore).TotalMilliseconds;
        var quietPerSecond = quietMs / quietClock.Elapsed.TotalSeconds;
        quietFrames = Interlocked.Read(ref frames) - quietFrames;

        var machineBefore = MachineCpu.Read();
        process.Refresh();
        var before = process.TotalProcessorTime;
        var ballotFrames = Interlocked.Read(ref frames);
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            using var response = await api.PutBallotAsync(session, voters[round], [session.Answers[round % session.Answers.Count]]);
            response.EnsureSuccessStatusCode();
            await Task.Delay(500);
        }
        var rest = span - clock.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }
        process.Refresh();
        var ballotMs = (process.TotalProcessorTime - before).TotalMilliseconds;
        var ballotSeconds = clock.Elapsed.TotalSeconds;
        ballotFrames = Interlocked.Read(ref frames) - ballotFrames;
        var machine = MachineCpu.Read().BusyPercentSince(machineBefore);

        // Every phone still follows the room: the facilitator's move reaches each of them.
        await api.SetPhaseAsync(session, "result");
        await Task.WhenAll(pages.Select(p => p.Locator("[data-testid=phone-phase][data-phase=result]").WaitForAsync()));
        var circuits = (await http.GetFromJsonAsync<MemoryReading>("diagnostics/memory"))?.Circuits ?? -1;
        await browser.CloseAsync();

        return new PhonesResult(
            ballotMs / rounds,
            quietPerSecond,
            (ballotMs - (quietPerSecond * ballotSeconds)) / rounds,
            machine,
            circuits,
            // Beyond the pings of a quiet span as long: what each ballot sends each phone.
            phones == 0 ? 0 : (ballotFrames - quietFrames) / (double)rounds / phones);
    }

    private sealed record MemoryReading(long ManagedHeapBytes, long WorkingSetBytes, double CpuMilliseconds, int Circuits);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Median(IEnumerable<double> values)
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
