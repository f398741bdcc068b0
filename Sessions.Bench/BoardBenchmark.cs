using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static System.FormattableString;

namespace Sessions.Bench;

/// <summary>
/// What a ballot costs the projected board in the browser. The board fits itself to its screen
/// (wwwroot/board.js): a search of font sizes and column counts, and pages when even the floor is too large.
/// The board re-renders on every ballot; this measures, in Chromium at 1920x1080 with live counts, how long the
/// board's script takes after each ballot (data-fit-ms) and what it did (data-fit-full: "1" a full search,
/// "pages" pages cut again for a new order, "0" the layout found before still fits), beside the cost of one full
/// search on the same content (forced by resizing the window by one pixel and back).
/// </summary>
public static class BoardBenchmark
{
    private static readonly string[] Words =
    [
        "woningmarkt", "starters", "huurders", "gemeente", "vertrouwen", "inspraak", "buurthuis", "kinderopvang",
        "duurzaamheid", "wijkraad", "jongeren", "ouderen", "betaalbaar", "samenwerking", "bewoners", "participatie",
        "arbeidsmarktdiscriminatiebestrijdingsprogramma", "corporaties", "leefbaarheid", "groen", "fietspaden", "scholen",
    ];

    public static async Task RunAsync(string[] args)
    {
        var answers = int.Parse(Option(args, "--answers", "150"), CultureInfo.InvariantCulture);
        var ballots = int.Parse(Option(args, "--ballots", "40"), CultureInfo.InvariantCulture);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {answers} answers, {ballots} ballots 300 ms apart, board at 1920x1080 with live counts.");
        if (!File.Exists(ScreensBenchmark.ChromiumPath))
        {
            throw new InvalidOperationException($"The board benchmark needs Debian's Chromium at {ScreensBenchmark.ChromiumPath}: apt-get install -y chromium.");
        }

        await using var app = await AppProcess.StartPublishedAsync(AppProcess.Configuration);
        using var http = new HttpClient { BaseAddress = app.Root, Timeout = TimeSpan.FromSeconds(60) };
        var api = new BenchApi(http);
        var participants = Math.Max(ballots, (answers + 2) / 3);
        // Answers of every length a room writes: a few words, a sentence, a paragraph of 300 characters.
        var session = await api.CreateSessionAsync("Board", answers, participants, text: AnswerText);
        await api.ShowQuestionAsync(session, 1);
        await api.SetPhaseAsync(session, "converge");
        await api.SetPhaseAsync(session, "vote");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ScreensBenchmark.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "nl-NL" });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(new Uri(app.Root, $"board/{session.JoinCode}").ToString());
        await page.Locator("[data-testid=board][data-phase=vote]").WaitForAsync();
        await WaitFittedAsync(page, null);

        // A full search on this content: resizing by one pixel and back makes the board search twice.
        var full = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            foreach (var width in new[] { 1919, 1920 })
            {
                await page.SetViewportSizeAsync(width, 1080);
                await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=board]').dataset.fitted?.endsWith(' {width}x1080')");
                var fit = await FitAsync(page);
                if (fit.Kind == "1")
                {
                    full.Add(fit.Ms);
                }
            }
        }
        var pages = await page.Locator("[data-testid=board]").GetAttributeAsync("data-fit-pages");

        var perBallot = new List<(string Kind, double Ms)>();
        for (var b = 0; b < ballots; b++)
        {
            var before = await page.Locator("[data-testid=board]").GetAttributeAsync("data-version");
            // Three dots each, on answers spread over the list, so the ranking (and with it the order) moves.
            var dots = Enumerable.Range(0, 3).Select(k => session.Answers[((b * 7) + (k * 31)) % session.Answers.Count]).Distinct();
            using var response = await api.PutBallotAsync(session, session.Tokens[b % session.Tokens.Count], dots);
            response.EnsureSuccessStatusCode();
            await WaitFittedAsync(page, before);
            perBallot.Add(await FitAsync(page));
            await Task.Delay(300);
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"Board: {pages} page(s) at 1920x1080."));
        Console.WriteLine("| what the board did | times | board script ms p50 | p95 | max |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Row("full search (resize)", full);
        foreach (var kind in new[] { "1", "pages", "0" })
        {
            var ms = perBallot.Where(p => p.Kind == kind).Select(p => p.Ms).ToList();
            var name = kind switch { "1" => "after a ballot: full search", "pages" => "after a ballot: pages cut again", _ => "after a ballot: layout kept" };
            Row(name, ms);
        }
        Row("after a ballot: all", perBallot.Select(p => p.Ms).ToList());
    }

    private static string AnswerText(int i)
    {
        var length = (i % 5) switch { 0 => 3, 1 => 6, 2 => 12, 3 => 20, _ => 40 };
        var words = Enumerable.Range(0, length).Select(k => Words[((i * 13) + (k * 7)) % Words.Length]);
        var text = $"{i}: " + string.Join(' ', words);
        return text.Length > 480 ? text[..480] : text;
    }

    private static void Row(string name, List<double> values)
    {
        if (values.Count == 0)
        {
            Console.WriteLine($"| {name} | 0 | | | |");
            return;
        }
        var sorted = values.Order().ToList();
        Console.WriteLine(Invariant($"| {name} | {values.Count} | {Stats.Percentile(sorted, 0.5):F1} | {Stats.Percentile(sorted, 0.95):F1} | {sorted[^1]:F1} |"));
    }

    private static async Task WaitFittedAsync(IPage page, string? before) =>
        await page.WaitForFunctionAsync(
            "before => { const b = document.querySelector('[data-testid=board]'); return b && (before === null || b.dataset.version !== before) && b.dataset.fitted === `${b.dataset.version} ${innerWidth}x${innerHeight}`; }",
            before);

    private static async Task<(string Kind, double Ms)> FitAsync(IPage page)
    {
        var fit = await page.EvaluateAsync<JsonElement>("() => { const b = document.querySelector('[data-testid=board]'); return { kind: b.dataset.fitFull, ms: Number(b.dataset.fitMs) }; }");
        return (fit.GetProperty("kind").GetString()!, fit.GetProperty("ms").GetDouble());
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
