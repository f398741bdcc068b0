using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Sessions.Bench;

public sealed record ScreensResult(
    int Boards, int Phones, int Rounds, int Circuits,
    LatencySummary Board, int BoardsExact, LatencySummary PhonePhase,
    double HeapPerPhoneKb, double HeapPerBoardKb, double WorkingSetPerScreenKb,
    double AppCpuPercent, double MachineCpuPercent, double ManagedHeapMb, double WorkingSetMb);

/// <summary>
/// Real Chromium pages on the app: phones joined to a session in the vote, and boards projecting it.
/// A ballot over HTTP → the board's DOM showing the new version (each board records, in the page itself,
/// when its <c>data-version</c> changed); the facilitator's phase move → each phone showing the new phase.
/// The app's managed heap (after a full collection) and working set are read before and after each kind of
/// screen opens, so the difference divided by the number of screens is the cost of one circuit.
/// </summary>
public static class ScreensBenchmark
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// Debian's Chromium, headless, as every benchmark with screens starts it: every page is a screen someone looks at,
    /// so nothing a headless browser deems hidden is throttled, and nothing of its own goes on the network.
    /// </summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The benchmark needs Debian's Chromium at {ChromiumPath}: apt-get install -y chromium.");
        }
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
        });
    }

    // Records every change of one attribute of one element, with the page's high-resolution wall clock.
    private static readonly string[] BoardVersion = ["[data-testid=board]", "data-version"];
    private static readonly string[] PhonePhase = ["[data-testid=phone-phase]", "data-phase"];

    private const string Recorder = """
        ([selector, attribute]) => {
            window.__changes = [];
            let last = null;
            const read = () => {
                const element = document.querySelector(selector);
                const value = element ? element.getAttribute(attribute) : null;
                if (value !== last) {
                    last = value;
                    window.__changes.push([value, performance.timeOrigin + performance.now()]);
                }
            };
            read();
            new MutationObserver(read).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: [attribute] });
        }
        """;

    public static async Task<ScreensResult> RunAsync(AppProcess app, int boards, int phones, int rounds)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The screens benchmark needs Debian's Chromium at {ChromiumPath}: apt-get install -y chromium.");
        }
        using var http = new HttpClient { BaseAddress = app.Root, Timeout = TimeSpan.FromSeconds(60) };
        var api = new BenchApi(http);
        // One voter per round, so each round adds exactly one dot; a phone per phone screen, and one more
        // for the warm-up phone.
        var session = await api.CreateSessionAsync("Screens", answers: 3, participants: rounds + phones + 1);
        await api.ShowQuestionAsync(session, 1);
        await api.SetPhaseAsync(session, "converge");
        await api.SetPhaseAsync(session, "vote");
        var voters = session.Tokens.Take(rounds).ToList();
        var phoneTokens = session.Tokens.Skip(rounds + 1).ToList();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromiumAsync(playwright);

        async Task<IPage> OpenPhoneAsync(string token)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 }, Locale = "nl-NL", BaseURL = app.Root.ToString() });
            context.SetDefaultTimeout(60_000);
            await context.AddInitScriptAsync($"localStorage.setItem('sessions.participant.{session.JoinCode}', '{token}');");
            var page = await context.NewPageAsync();
            await page.GotoAsync($"join/{session.JoinCode}");
            await page.Locator("[data-testid=me]").WaitForAsync();
            await page.Locator("[data-testid=phone-phase][data-phase=vote]").WaitForAsync();
            return page;
        }

        var boardContext = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "en-GB", BaseURL = app.Root.ToString() });
        boardContext.SetDefaultTimeout(60_000);
        async Task<IPage> OpenBoardAsync()
        {
            var page = await boardContext.NewPageAsync();
            await page.GotoAsync($"board/{session.JoinCode}");
            await page.Locator("[data-testid=board-phase][data-phase=vote]").WaitForAsync();
            return page;
        }

        // One phone and one board first, not counted: what the first screen of a kind loads once for the whole
        // server (compiled code, MudBlazor's and the localizer's caches) is not the cost of a circuit.
        await OpenPhoneAsync(session.Tokens[rounds]);
        await OpenBoardAsync();
        await Task.Delay(1000);
        var empty = await ReadMemoryAsync(http);
        await GcDumpAsync(app, "1-warm");

        var phonePages = new List<IPage>();
        foreach (var batch in phoneTokens.Chunk(10))
        {
            phonePages.AddRange(await Task.WhenAll(batch.Select(OpenPhoneAsync)));
        }
        await Task.Delay(1000);
        var withPhones = await ReadMemoryAsync(http);
        await GcDumpAsync(app, "2-phones");

        var boardPages = new List<IPage>();
        foreach (var batch in Enumerable.Range(0, boards).Chunk(10))
        {
            boardPages.AddRange(await Task.WhenAll(batch.Select(_ => OpenBoardAsync())));
        }
        await Task.Delay(1000);
        var withBoards = await ReadMemoryAsync(http);
        await GcDumpAsync(app, "3-boards");

        await Task.WhenAll(boardPages.Select(p => p.EvaluateAsync(Recorder, BoardVersion)));
        var version = await api.VersionAsync(session);
        var sentAt = new double[rounds];
        var machineBefore = MachineCpu.Read();
        var process = Process.GetProcessById(app.ProcessId);
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            sentAt[round] = NowMs();
            using var response = await api.PutBallotAsync(session, voters[round], [session.Answers[round % session.Answers.Count]]);
            response.EnsureSuccessStatusCode();
            // Past the screens' render coalescing (100 ms), so every round is drawn on its own.
            await Task.Delay(500);
        }
        await Task.Delay(1500);
        clock.Stop();
        process.Refresh();
        var appCpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var appCpu = appCpuMs / clock.Elapsed.TotalMilliseconds * 100;
        var machineCpu = MachineCpu.Read().BusyPercentSince(machineBefore);

        var boardLatencies = new List<double>();
        var boardLast = new List<double>();
        var missed = 0;
        var logs = (await Task.WhenAll(boardPages.Select(ChangesAsync)))
            .Select(log => log.Where(c => c.Value is not null).Select(c => (Value: long.Parse(c.Value!, CultureInfo.InvariantCulture), c.At)).ToList())
            .ToList();
        for (var round = 0; round < rounds; round++)
        {
            var expected = version + round + 1;
            var seen = logs.Select(log => log.FirstOrDefault(c => c.Value >= expected)).ToList();
            var got = seen.Where(c => c.Value >= expected).Select(c => c.At - sentAt[round]).ToList();
            missed += boards - got.Count;
            boardLatencies.AddRange(got);
            if (got.Count > 0)
            {
                boardLast.Add(got.Max());
            }
        }
        // The count itself: every board shows each answer's dots, which must add up to one per round.
        var totals = await Task.WhenAll(boardPages.Select(p => p.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('[data-testid=answer-dots]')].reduce((sum, e) => sum + parseInt(e.textContent, 10), 0)")));
        var exact = totals.Count(t => t == rounds);

        // The facilitator closes the vote: each phone must follow.
        await Task.WhenAll(phonePages.Select(p => p.EvaluateAsync(Recorder, PhonePhase)));
        var movedAt = NowMs();
        await api.SetPhaseAsync(session, "result");
        await Task.Delay(3000);
        var phaseLogs = await Task.WhenAll(phonePages.Select(ChangesAsync));
        var phaseLatencies = phaseLogs.Select(log => log.FirstOrDefault(c => c.Value == "result")).Where(c => c.Value == "result").Select(c => c.At - movedAt).ToList();
        var phaseMissed = phones - phaseLatencies.Count;

        var end = await ReadMemoryAsync(http);
        await browser.CloseAsync();
        return new ScreensResult(
            boards, phones, rounds, end.Circuits,
            LatencySummary.From(boards, boardLatencies, boardLast, missed), exact,
            LatencySummary.From(phones, phaseLatencies, phaseLatencies.Count > 0 ? [phaseLatencies.Max()] : [], phaseMissed),
            phones == 0 ? 0 : (withPhones.ManagedHeapBytes - empty.ManagedHeapBytes) / 1024.0 / phones,
            boards == 0 ? 0 : (withBoards.ManagedHeapBytes - withPhones.ManagedHeapBytes) / 1024.0 / boards,
            (withBoards.WorkingSetBytes - empty.WorkingSetBytes) / 1024.0 / Math.Max(1, phones + boards),
            appCpu, machineCpu, end.ManagedHeapBytes / 1024.0 / 1024, end.WorkingSetBytes / 1024.0 / 1024);
    }

    /// <summary>
    /// For profiling: with SESSIONS_BENCH_GCDUMP set to a folder (and dotnet-gcdump on the PATH), a heap
    /// snapshot of the app at each stage; `dotnet-gcdump report` on two of them shows what a circuit holds.
    /// </summary>
    private static async Task GcDumpAsync(AppProcess app, string stage)
    {
        if (Environment.GetEnvironmentVariable("SESSIONS_BENCH_GCDUMP") is not { Length: > 0 } folder)
        {
            return;
        }
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("dotnet-gcdump") { UseShellExecute = false };
        foreach (var arg in new[] { "collect", "-p", app.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", Path.Combine(folder, stage + ".gcdump") })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
    }

    internal static double NowMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>What the page's recorder saw: each value of the attribute (null while the element is absent) and when.</summary>
    private static async Task<List<(string? Value, double At)>> ChangesAsync(IPage page)
    {
        var raw = await page.EvaluateAsync<System.Text.Json.JsonElement>("() => window.__changes");
        return raw.EnumerateArray().Select(c => (c[0].ValueKind == System.Text.Json.JsonValueKind.String ? c[0].GetString() : null, c[1].GetDouble())).ToList();
    }

    internal static async Task<MemoryReading> ReadMemoryAsync(HttpClient http) =>
        await http.GetFromJsonAsync<MemoryReading>("diagnostics/memory")
        ?? throw new InvalidOperationException("The app gave no memory reading.");

    internal sealed record MemoryReading(long ManagedHeapBytes, long WorkingSetBytes, double CpuMilliseconds, int Circuits);
}
