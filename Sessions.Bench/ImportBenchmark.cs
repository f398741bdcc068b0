using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Services;

namespace Sessions.Bench;

/// <summary>
/// How long the largest archives the importer accepts take over HTTP, against the published app on a SQLite file,
/// and what an import does to the ballots of another session meanwhile: a participant there keeps changing a
/// ballot during every import, and each ballot's time and any failure are counted. Goal (issue 13): the largest
/// accepted archive imports in at most 10 s, and no ballot of another session fails.
/// </summary>
public static class ImportBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        AppProcess.WarnIfDebug();
        if (args.Contains("--in-process"))
        {
            await InProcessAsync(args);
            return;
        }
        var repeat = Option(args, "--repeat", 3);
        var only = args.SkipWhile(a => a != "--shape").Skip(1).FirstOrDefault();
        await using var app = await AppProcess.StartPublishedAsync(AppProcess.Configuration);
        using var http = new HttpClient { BaseAddress = app.Root, Timeout = TimeSpan.FromMinutes(5) };
        // Ballots on connections of their own: a 413 closes the connection it answers on.
        using var voters = new HttpClient { BaseAddress = app.Root, Timeout = TimeSpan.FromMinutes(5) };
        var api = new BenchApi(voters);

        // Another session, voting: its participants change their ballots over and over while each import runs
        // (25 of them in turn, so each stays inside the per-participant ballot budget of 2 a second).
        var other = await api.CreateSessionAsync("Ernaast", answers: 5, participants: 25);
        await api.SetPhaseAsync(other, "converge");
        await api.SetPhaseAsync(other, "vote");

        // Warm-up: JIT, the connection pool and the database's first pages.
        await ImportAsync(http, LargeArchives.Votes(5));

        var worst = 0.0;
        var failedBallots = 0;
        foreach (var shape in LargeArchives.Shapes.Where(s => only is null || s.Name == only))
        {
            var (json, n) = LargeArchives.Largest(shape, SessionImporter.MaxArchiveBytes, SessionImporter.MaxRows);
            var over = shape.Grow(Math.Min(n + 1, shape.Max));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Shape \"{shape.Name}\": {json.Length / 1048576.0:F2} MB, {shape.Describe(n)}."));
            if (n < shape.Max)
            {
                // On a client of its own, asking before it sends the body (Expect: 100-continue), as a careful client would:
                // an archive refused before it is read leaves the connection it came on closed.
                using var once = new HttpClient { BaseAddress = app.Root };
                var refused = await ImportAsync(once, over, expectContinue: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  one step larger ({over.Length / 1048576.0:F2} MB): {(int)refused.Status} in {refused.Seconds * 1000:F0} ms: {refused.Body}"));
            }
            var times = new List<double>();
            var ballots = new List<double>();
            for (var i = 0; i < repeat; i++)
            {
                using var stop = new CancellationTokenSource();
                var voting = VoteUntilAsync(api, other, ballots, stop.Token);
                var result = await ImportAsync(http, json);
                await stop.CancelAsync();
                var failures = await voting;
                failedBallots += failures;
                if (result.Status != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"The \"{shape.Name}\" archive was refused: {(int)result.Status} {result.Body}");
                }
                times.Add(result.Seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  import {i + 1}: {result.Seconds:F2} s; ballots of the other session meanwhile: {ballots.Count} so far, {failures} failed"));
            }
            times.Sort();
            ballots.Sort();
            worst = Math.Max(worst, times[^1]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  median {Stats.Median(times):F2} s, max {times[^1]:F2} s; the other session's ballots: {ballots.Count}, p50 {Stats.Percentile(ballots, .5):F0} ms, p99 {Stats.Percentile(ballots, .99):F0} ms, max {ballots[^1]:F0} ms"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Slowest import of a largest accepted archive: {worst:F2} s (goal: at most 10 s: {(worst <= 10 ? "met" : "NOT met")}); ballots of another session that failed: {failedBallots}."));
    }

    private static async Task<(HttpStatusCode Status, double Seconds, string Body)> ImportAsync(HttpClient http, byte[] json, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/sessions/import", UriKind.Relative)) { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.ExpectContinue = expectContinue;
        var timer = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, timer.Elapsed.TotalSeconds, body);
    }

    /// <summary>Moves the other session's participants' dots from answer to answer until stopped; returns how many ballots failed.</summary>
    private static async Task<int> VoteUntilAsync(BenchApi api, BenchSession session, List<double> times, CancellationToken stop)
    {
        var failures = 0;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var timer = Stopwatch.StartNew();
            try
            {
                using var response = await api.PutBallotAsync(session, session.Tokens[i % session.Tokens.Count], [session.Answers[i % session.Answers.Count]]);
                times.Add(timer.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures++;
                    Console.WriteLine($"  a ballot of the other session failed: {(int)response.StatusCode} {JsonSerializer.Serialize(await response.Content.ReadAsStringAsync(CancellationToken.None))}");
                }
            }
            catch (HttpRequestException ex)
            {
                failures++;
                Console.WriteLine($"  a ballot of the other session got no answer: {ex.Message}");
            }
            // About as often as a busy room changes ballots; enough to be waiting whenever the import writes.
            await Task.Delay(25, CancellationToken.None);
        }
        return failures;
    }

    /// <summary>The importer alone, on a SQLite file in the temp folder: no HTTP, no other writers (for profiling).</summary>
    private static async Task InProcessAsync(string[] args)
    {
        var database = Path.Combine(Path.GetTempPath(), $"sessions-import-{Guid.NewGuid():N}.db");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Sessions"] = $"Data Source={database}" }).Build();
            await using var services = new ServiceCollection().AddLogging().AddSessionsCore(configuration).BuildServiceProvider();
            await services.MigrateSessionsDatabaseAsync();
            var importer = services.GetRequiredService<SessionImporter>();
            await importer.ImportAsync(new MemoryStream(LargeArchives.Votes(5)));
            var only = args.SkipWhile(a => a != "--shape").Skip(1).FirstOrDefault();
            foreach (var shape in LargeArchives.Shapes.Where(s => only is null || s.Name == only))
            {
                var (json, n) = LargeArchives.Largest(shape, SessionImporter.MaxArchiveBytes, SessionImporter.MaxRows);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var timer = Stopwatch.StartNew();
                await importer.ImportAsync(new MemoryStream(json));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Shape \"{shape.Name}\" in process ({json.Length / 1048576.0:F2} MB, {shape.Describe(n)}): {timer.Elapsed.TotalSeconds:F2} s, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s of CPU"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
