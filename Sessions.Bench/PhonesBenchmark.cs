using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Sessions.Bench.Headless;
using static System.FormattableString;

namespace Sessions.Bench;

/// <summary>
/// A plenary on one server: N phones (the headless phone: the real join page's circuit, every render batch
/// acknowledged) in the vote of one session, plus a few Chromium boards, each size on a fresh app process.
/// <list type="number">
/// <item>Memory: the app's managed heap (after a full collection) and working set before and after the phones open,
/// divided by N.</item>
/// <item>Other people's ballots: 5 voters send 100 ballots over HTTP, 150 ms apart. The render batches the phones
/// receive meanwhile, per phone per ballot; the app's CPU time per ballot, against a run with no phone open (the same
/// boards); the ballot's round trip.</item>
/// <item>The whole room votes: every phone's participant places 3 dots, one at a time (3 ballot changes), at moments
/// drawn uniformly from the window (60 s). Every answer counted as accepted, refused or error; the final counts read
/// back and compared with what was sent.</item>
/// <item>The facilitator moves the question to its result: when each phone receives the batch that shows it.</item>
/// </list>
/// Client and app share the machine's cores, as the issue's measurement did.
/// </summary>
public static class PhonesBenchmark
{
    private const int Voters = 5;

    public static async Task RunAsync(string[] args)
    {
        var sizes = Option(args, "--phones", "250,500,1000,2000,4000").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        var options = new Options(
            Boards: int.Parse(Option(args, "--boards", "3"), CultureInfo.InvariantCulture),
            Ballots: int.Parse(Option(args, "--ballots", "100"), CultureInfo.InvariantCulture),
            WarmUp: int.Parse(Option(args, "--warm-up", "100"), CultureInfo.InvariantCulture),
            Answers: int.Parse(Option(args, "--answers", "10"), CultureInfo.InvariantCulture),
            RoomSeconds: int.Parse(Option(args, "--room-seconds", "60"), CultureInfo.InvariantCulture),
            OpenParallelism: int.Parse(Option(args, "--open-parallel", "16"), CultureInfo.InvariantCulture));
        AppProcess.WarnIfDebug();
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        Console.WriteLine(Invariant($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average {LoadAverage()} at the start."));
        Console.WriteLine(Invariant($"Phones {string.Join(", ", sizes)}; {options.Boards} Chromium boards; {options.Ballots} ballots of {Voters} voters 150 ms apart after {options.WarmUp} not counted; the room places 3 dots each within {options.RoomSeconds} s; {options.Answers} answers."));

        var clock = Stopwatch.StartNew();
        // The same ballots on an app with the boards and no phone; --no-baseline skips it (CPU ratios then read n/a).
        var none = args.Contains("--no-baseline") ? null : await MeasureAsync(0, options);
        if (none is not null)
        {
            Console.WriteLine(Invariant($"  no phone: app CPU {none.CpuMsPerBallot:F1} ms per ballot, ballot round trip p50 {none.Ballot.P50:F0} / p99 {none.Ballot.P99:F0} ms"));
        }
        var results = new List<SizeResult>();
        foreach (var phones in sizes)
        {
            var result = await MeasureAsync(phones, options);
            results.Add(result);
            Console.WriteLine(Invariant($"  {phones} phones: opened in {result.OpenSeconds:F0} s ({result.OpenFailures} failed), heap {result.HeapPerPhoneKb:F0} KB per phone, phase p99 {result.Phase.P99:F0} ms, {result.BatchesPerPhonePerBallot:F3} batches per phone per ballot, app CPU {result.CpuMsPerBallot:F1} ms per ballot, room {result.Room.Accepted}/{result.Room.Sent} accepted, p99 {result.Room.Latency.P99:F0} ms, load average {result.LoadAverage}"));
        }
        clock.Stop();

        Console.WriteLine();
        Console.WriteLine(Invariant($"Run of {DateTime.Now:yyyy-MM-dd HH:mm} ({clock.Elapsed.TotalMinutes:F0} min), load average {LoadAverage()} at the end."));
        Console.WriteLine();
        Console.WriteLine("| phones | heap / working set per phone | phase move to every phone: p50 / p99 / max (missed) | render batches per phone per ballot of someone else | app CPU per ballot, N phones / none | ballot round trip p50 / p99 |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            Console.WriteLine(Invariant($"| {r.Phones:N0} | {r.HeapPerPhoneKb:F0} KB / {r.WorkingSetPerPhoneKb:F0} KB | {r.Phase.P50:F0} / {r.Phase.P99:F0} / {r.Phase.Max:F0} ms ({r.Phase.Missed}) | {r.BatchesPerPhonePerBallot:F3} | {r.CpuMsPerBallot:F1} / {(none is null ? "n/a" : none.CpuMsPerBallot.ToString("F1", CultureInfo.InvariantCulture))} ms | {r.Ballot.P50:F0} / {r.Ballot.P99:F0} ms |"));
        }
        Console.WriteLine();
        Console.WriteLine(Invariant($"| phones | the room places 3 dots each within {options.RoomSeconds} s: ballot changes sent | accepted | refused | errors | round trip p50 / p99 / max | last answered at | final counts | batches per phone (its own 3 dots) | CPU in cores: app / benchmark (machine busy) |"));
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
        foreach (var r in results)
        {
            var room = r.Room;
            Console.WriteLine(Invariant($"| {r.Phones:N0} | {room.Sent:N0} | {room.Accepted:N0} | {room.Refused:N0} | {room.Errors:N0} | {room.Latency.P50:F0} / {room.Latency.P99:F0} / {room.Latency.Max:F0} ms | {room.LastAnsweredSeconds:F1} s | {(room.Exact ? "exact" : "WRONG")} ({room.Dots:N0} dots) | {room.BatchesPerPhone:F2} | {room.AppCores:F2} / {room.BenchCores:F2} ({room.MachineBusyPercent:F0} %) |"));
        }
        Console.WriteLine();
        Console.WriteLine(Invariant($"App CPU for the phase move to every phone: {string.Join(", ", results.Select(r => $"{r.Phones} phones: {r.Phase.AppCpuMs:F0} ms ({r.Phase.AppCpuMs * 1000 / r.Phones:F0} µs a phone)"))}."));
        Console.WriteLine(Invariant($"Boards: {string.Join(", ", results.Select(r => $"{r.Phones} phones: {r.BoardsExact}/{options.Boards} exact"))}. Phones opened per second: {string.Join(", ", results.Select(r => $"{r.Phones}: {r.Phones / Math.Max(0.001, r.OpenSeconds):F0}"))}."));
        if (results.Count > 1)
        {
            var first = results[0];
            var last = results[^1];
            Console.WriteLine(Invariant($"Growth from {first.Phones} to {last.Phones} phones (×{(double)last.Phones / first.Phones:F0}): heap per phone ×{last.HeapPerPhoneKb / first.HeapPerPhoneKb:F2}, phase p99 ×{last.Phase.P99 / first.Phase.P99:F1}, app CPU per ballot ×{last.CpuMsPerBallot / first.CpuMsPerBallot:F1}, ballot p99 under load ×{last.Ballot.P99 / first.Ballot.P99:F1}, room ballot p99 ×{last.Room.Latency.P99 / first.Room.Latency.P99:F1}."));
        }
        Console.WriteLine();
        Console.WriteLine("Goals (issue 15): at most 0.05 render batches per phone per ballot of someone else; the whole room's 3 dots each in the window with ballot p99 <= 250 ms, 0 errors and exact counts; the phase move on every phone within 1 s (p99); heap per phone <= 200 KB.");
        foreach (var r in results)
        {
            var misses = Misses(r, options).ToList();
            Console.WriteLine(Invariant($"  {r.Phones} phones: {(misses.Count == 0 ? "all met" : "not met: " + string.Join("; ", misses))}"));
        }
        var capacity = results.Where(r => !Misses(r, options).Any()).Select(r => r.Phones).DefaultIfEmpty(0).Max();
        Console.WriteLine(Invariant($"Largest size measured that meets every goal: {capacity} phones."));
    }

    private static IEnumerable<string> Misses(SizeResult r, Options options)
    {
        if (r.BatchesPerPhonePerBallot > 0.05)
        {
            yield return Invariant($"{r.BatchesPerPhonePerBallot:F3} batches per phone per ballot (goal 0.05)");
        }
        if (r.Room.Latency.P99 > 250)
        {
            yield return Invariant($"room ballot p99 {r.Room.Latency.P99:F0} ms (goal 250)");
        }
        if (r.Room.Errors > 0 || r.Room.Refused > 0 || !r.Room.Exact)
        {
            yield return Invariant($"room {r.Room.Errors} errors, {r.Room.Refused} refused, counts {(r.Room.Exact ? "exact" : "wrong")}");
        }
        if (r.Room.LastAnsweredSeconds > options.RoomSeconds)
        {
            yield return Invariant($"the room's last ballot answered at {r.Room.LastAnsweredSeconds:F1} s (window {options.RoomSeconds} s)");
        }
        if (r.Phase.P99 > 1000 || r.Phase.Missed > 0)
        {
            yield return Invariant($"phase move p99 {r.Phase.P99:F0} ms, {r.Phase.Missed} missed (goal 1 s, none missed)");
        }
        if (r.HeapPerPhoneKb > 200)
        {
            yield return Invariant($"heap {r.HeapPerPhoneKb:F0} KB per phone (goal 200)");
        }
        if (r.OpenFailures > 0)
        {
            yield return Invariant($"{r.OpenFailures} phones failed to open");
        }
    }

    private sealed record Options(int Boards, int Ballots, int WarmUp, int Answers, int RoomSeconds, int OpenParallelism);

    private sealed record Spread(double P50, double P99, double Max, int Missed)
    {
        /// <summary>For the phase move: the app's CPU time from the move until every phone had it (or 15 s).</summary>
        public double AppCpuMs { get; init; }

        public static Spread Of(List<double> values, int missed = 0)
        {
            values.Sort();
            return new Spread(Stats.Percentile(values, .5), Stats.Percentile(values, .99), values.Count == 0 ? double.NaN : values[^1], missed);
        }
    }

    /// <param name="AppCores">The app's CPU time over the room's vote, in cores (2 is the whole machine); BenchCores the same for this process.</param>
    private sealed record RoomResult(int Sent, int Accepted, int Refused, int Errors, Spread Latency, double LastAnsweredSeconds, bool Exact, int Dots, double BatchesPerPhone)
    {
        public double AppCores { get; init; }
        public double BenchCores { get; init; }
        public double MachineBusyPercent { get; init; }
    }

    private sealed record SizeResult(
        int Phones, double OpenSeconds, int OpenFailures, double HeapPerPhoneKb, double WorkingSetPerPhoneKb,
        double BatchesPerPhonePerBallot, double CpuMsPerBallot, Spread Ballot, RoomResult Room, Spread Phase, int BoardsExact, string LoadAverage);

    private static async Task<SizeResult> MeasureAsync(int phoneCount, Options options)
    {
        await using var app = await AppProcess.StartPublishedAsync(AppProcess.Configuration, new Dictionary<string, string>
        {
            // Each phone's participant sends its 3 ballots from the benchmark's address, as thousands of phones behind one NAT would.
            ["Sessions__RateLimits__JoinsPerMinutePerAddress"] = "1000000",
        });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = app.Root, Timeout = TimeSpan.FromSeconds(60) };
        using var negotiate = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
        var api = new BenchApi(http);
        var session = await api.CreateSessionAsync("Plenary", answers: options.Answers, participants: phoneCount + Voters + 1);
        await api.ShowQuestionAsync(session, 1);
        await api.SetPhaseAsync(session, "converge");
        await api.SetPhaseAsync(session, "vote");
        var voters = session.Tokens.Take(Voters).ToList();
        var warmUpToken = session.Tokens[Voters];
        var phoneTokens = session.Tokens.Skip(Voters + 1).Take(phoneCount).ToList();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ScreensBenchmark.LaunchChromiumAsync(playwright);
        var boardContext = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "en-GB", BaseURL = app.Root.ToString() });
        boardContext.SetDefaultTimeout(120_000);

        var phones = new List<HeadlessPhone>();
        try
        {
            // What the first screen of each kind loads once for the whole server is not the cost of a circuit.
            phones.Add(await HeadlessPhone.OpenAsync(http, app.Root, session.JoinCode, warmUpToken, negotiateHandler: negotiate));
            var warmBoard = await boardContext.NewPageAsync();
            await warmBoard.GotoAsync($"board/{session.JoinCode}");
            await warmBoard.Locator("[data-testid=board-phase][data-phase=vote]").WaitForAsync();
            await Task.Delay(1000);
            var empty = await ScreensBenchmark.ReadMemoryAsync(http);

            var opening = Stopwatch.StartNew();
            var failures = 0;
            var opened = new HeadlessPhone?[phoneCount];
            await Parallel.ForEachAsync(Enumerable.Range(0, phoneCount), new ParallelOptions { MaxDegreeOfParallelism = options.OpenParallelism }, async (i, ct) =>
            {
                try
                {
                    opened[i] = await HeadlessPhone.OpenAsync(http, app.Root, session.JoinCode, phoneTokens[i],
                        new HeadlessPhoneOptions { Timeout = TimeSpan.FromMinutes(2) }, negotiate, ct);
                }
                catch (Exception ex) when (ex is HttpRequestException or TimeoutException or OperationCanceledException or InvalidOperationException or IOException or Microsoft.AspNetCore.SignalR.HubException or System.Net.WebSockets.WebSocketException)
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"    a phone failed to open: {ex.GetType().Name}: {ex.Message}");
                }
            });
            opening.Stop();
            var roomPhones = opened.OfType<HeadlessPhone>().ToList();
            phones.AddRange(roomPhones);
            await Task.Delay(2000);
            var withPhones = await ScreensBenchmark.ReadMemoryAsync(http);

            var boards = new List<IPage>();
            for (var i = 0; i < options.Boards; i++)
            {
                var board = await boardContext.NewPageAsync();
                await board.GotoAsync($"board/{session.JoinCode}");
                await board.Locator("[data-testid=board-phase][data-phase=vote]").WaitForAsync();
                boards.Add(board);
            }
            await Task.Delay(1000);

            // Other people's ballots, 150 ms apart, after as many not counted: the first ballots of a process compile its
            // code (the first 100 cost about 60 ms of CPU each on this machine, the next 100 about 9 ms).
            var final = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var round = 0; round < options.WarmUp; round++)
            {
                var answer = session.Answers[round % session.Answers.Count];
                using var response = await api.PutBallotAsync(session, voters[round % Voters], [answer]);
                response.EnsureSuccessStatusCode();
                final[voters[round % Voters]] = answer;
                await Task.Delay(150);
            }
            await Task.Delay(1000);
            var process = Process.GetProcessById(app.ProcessId);
            var ballotsTrace = StartTrace(app, $"ballots-{phoneCount}", TimeSpan.FromMilliseconds(150 * options.Ballots));
            var batchesBefore = roomPhones.Sum(p => p.BatchCount);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var ballotTimes = new List<double>();
            var pace = Stopwatch.StartNew();
            for (var round = 0; round < options.Ballots; round++)
            {
                var voter = voters[round % Voters];
                // Every ballot changes the voter's ballot: each moves its dot to the next answer.
                var answer = session.Answers[(round / Voters + round % Voters + 1) % session.Answers.Count];
                var sent = Stopwatch.GetTimestamp();
                using (var response = await api.PutBallotAsync(session, voter, [answer]))
                {
                    response.EnsureSuccessStatusCode();
                }
                ballotTimes.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                final[voter] = answer;
                var next = TimeSpan.FromMilliseconds(150 * (round + 1)) - pace.Elapsed;
                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next);
                }
            }
            await Task.Delay(1500);
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            var batchesPerPhonePerBallot = phoneCount == 0 ? 0 : (double)(roomPhones.Sum(p => p.BatchCount) - batchesBefore) / roomPhones.Count / options.Ballots;
            await ballotsTrace;

            RoomResult room;
            Spread phase;
            var boardsExact = 0;
            if (phoneCount == 0)
            {
                room = new RoomResult(0, 0, 0, 0, Spread.Of([]), 0, true, 0, 0);
                phase = Spread.Of([]);
            }
            else
            {
                var roomTrace = StartTrace(app, $"room-{phoneCount}", TimeSpan.FromSeconds(options.RoomSeconds));
                process.Refresh();
                var appBefore = process.TotalProcessorTime;
                var benchBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var machineBefore = MachineCpu.Read();
                var roomClock = Stopwatch.StartNew();
                room = await RoomVotesAsync(api, session, roomPhones, phoneTokens, opened, final, options);
                process.Refresh();
                var seconds = roomClock.Elapsed.TotalSeconds;
                room = room with
                {
                    AppCores = (process.TotalProcessorTime - appBefore).TotalSeconds / seconds,
                    BenchCores = (Process.GetCurrentProcess().TotalProcessorTime - benchBefore).TotalSeconds / seconds,
                    MachineBusyPercent = MachineCpu.Read().BusyPercentSince(machineBefore),
                };
                await roomTrace;
                var expectedDots = room.Dots;
                var totals = await Task.WhenAll(boards.Select(b => b.EvaluateAsync<int>(
                    "() => [...document.querySelectorAll('[data-testid=answer-dots]')].reduce((sum, e) => sum + parseInt(e.textContent, 10), 0)")));
                boardsExact = totals.Count(t => t == expectedDots);
                process.Refresh();
                var beforeMove = process.TotalProcessorTime;
                phase = await MovePhaseAsync(api, session, roomPhones);
                process.Refresh();
                phase = phase with { AppCpuMs = (process.TotalProcessorTime - beforeMove).TotalMilliseconds };
            }
            var load = LoadAverage();
            return new SizeResult(phoneCount, opening.Elapsed.TotalSeconds, failures,
                phoneCount == 0 ? 0 : (withPhones.ManagedHeapBytes - empty.ManagedHeapBytes) / 1024.0 / roomPhones.Count,
                phoneCount == 0 ? 0 : (withPhones.WorkingSetBytes - empty.WorkingSetBytes) / 1024.0 / roomPhones.Count,
                batchesPerPhonePerBallot, cpuMs / options.Ballots, Spread.Of(ballotTimes), room, phase, boardsExact, load);
        }
        finally
        {
            await Parallel.ForEachAsync(phones, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (phone, _) => await phone.DisposeAsync());
            await browser.CloseAsync();
        }
    }

    /// <summary>Every phone's participant places 3 dots, one at a time, at moments drawn uniformly from the window.</summary>
    private static async Task<RoomResult> RoomVotesAsync(BenchApi api, BenchSession session, List<HeadlessPhone> phones, List<string> phoneTokens,
        HeadlessPhone?[] opened, Dictionary<string, string> voterBallots, Options options)
    {
        var random = new Random(15);
        var window = TimeSpan.FromSeconds(options.RoomSeconds);
        // Leave the last 3 s of the window for the answers to come back.
        var latest = window - TimeSpan.FromSeconds(3);
        var participants = phoneTokens.Select((token, i) => (Token: token, Opened: opened[i] is not null)).Where(p => p.Opened).Select(p => p.Token).ToList();
        var plans = participants.Select(token => (
            Token: token,
            Answers: session.Answers.OrderBy(_ => random.Next()).Take(3).ToList(),
            At: Enumerable.Range(0, 3).Select(_ => latest * random.NextDouble()).Order().ToList())).ToList();
        var batchesBefore = phones.Sum(p => p.BatchCount);
        var latencies = new List<double>();
        int accepted = 0, refused = 0, errors = 0;
        var lastAnswered = 0.0;
        var stored = new Dictionary<string, int>(StringComparer.Ordinal);
        var gate = new Lock();
        var start = Stopwatch.StartNew();
        await Task.WhenAll(plans.Select(async plan =>
        {
            for (var k = 0; k < 3; k++)
            {
                var wait = plan.At[k] - start.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await api.PutBallotAsync(session, plan.Token, plan.Answers.Take(k + 1));
                    var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                    var dots = response.IsSuccessStatusCode
                        ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dots").EnumerateObject().Sum(d => d.Value.GetInt32())
                        : 0;
                    lock (gate)
                    {
                        latencies.Add(ms);
                        lastAnswered = Math.Max(lastAnswered, start.Elapsed.TotalSeconds);
                        if (response.IsSuccessStatusCode)
                        {
                            accepted++;
                            stored[plan.Token] = dots;
                        }
                        else if ((int)response.StatusCode is >= 400 and < 500)
                        {
                            refused++;
                            Console.Error.WriteLine($"    refused: {(int)response.StatusCode} {response.ReasonPhrase}");
                        }
                        else
                        {
                            errors++;
                        }
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    lock (gate)
                    {
                        errors++;
                        lastAnswered = Math.Max(lastAnswered, start.Elapsed.TotalSeconds);
                    }
                }
            }
        }));
        await Task.Delay(1500);
        var batchesPerPhone = (double)(phones.Sum(p => p.BatchCount) - batchesBefore) / phones.Count;

        // The counts the server shows, answer by answer, against what was sent: every participant's 3 dots and each voter's last.
        var expected = session.Answers.ToDictionary(a => a, _ => 0, StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            foreach (var answer in plan.Answers)
            {
                expected[answer]++;
            }
        }
        foreach (var answer in voterBallots.Values)
        {
            expected[answer]++;
        }
        var state = await api.StateAsync(session);
        var shown = state.GetProperty("questions")[0].GetProperty("answers").EnumerateArray()
            .ToDictionary(a => a.GetProperty("answerId").GetString()!, a => a.GetProperty("dots").GetInt32(), StringComparer.Ordinal);
        var exact = expected.All(e => shown.GetValueOrDefault(e.Key) == e.Value) && stored.Count == plans.Count && stored.Values.All(d => d == 3);
        return new RoomResult(plans.Count * 3, accepted, refused, errors, Spread.Of(latencies), lastAnswered, exact, expected.Values.Sum(), batchesPerPhone);
    }

    /// <summary>The facilitator moves the question to its result: the moment each phone receives the batch that shows it.</summary>
    private static async Task<Spread> MovePhaseAsync(BenchApi api, BenchSession session, List<HeadlessPhone> phones)
    {
        var arrivals = phones.Select(p => p.NextBatchContainingAsync("result")).ToList();
        var moved = Stopwatch.GetTimestamp();
        await api.SetPhaseAsync(session, "result");
        try
        {
            await Task.WhenAll(arrivals).WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            // Counted as missed below.
        }
        var latencies = arrivals.Where(a => a.IsCompletedSuccessfully).Select(a => Stopwatch.GetElapsedTime(moved, a.Result.ReceivedAt).TotalMilliseconds).ToList();
        return Spread.Of(latencies, phones.Count - latencies.Count);
    }

    /// <summary>
    /// For profiling: with SESSIONS_BENCH_TRACE set to a folder (and dotnet-trace on the PATH or in SESSIONS_BENCH_TRACE_TOOL),
    /// a CPU-sampling trace of the app over a stage; <c>dotnet-trace report FILE topN</c> shows where its time goes.
    /// </summary>
    private static Task StartTrace(AppProcess app, string stage, TimeSpan duration)
    {
        if (Environment.GetEnvironmentVariable("SESSIONS_BENCH_TRACE") is not { Length: > 0 } folder)
        {
            return Task.CompletedTask;
        }
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("SESSIONS_BENCH_TRACE_TOOL") ?? "dotnet-trace") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in new[] { "collect", "-p", app.ProcessId.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time",
            "--duration", duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture), "-o", Path.Combine(folder, stage + ".nettrace") })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        return process.WaitForExitAsync().ContinueWith(_ => process.Dispose(), TaskScheduler.Default);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
