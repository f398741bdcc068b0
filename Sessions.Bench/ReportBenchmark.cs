using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Reports;
using Sessions.Core.Services;

namespace Sessions.Bench;

/// <summary>
/// Time per report format for a large session: 4 questions, 500 answers, 1,000 participants with full
/// ballots. The session is built through the archive importer (the same validation as any import),
/// then each format is rendered several times through ReportService; the median is reported.
/// </summary>
public static class ReportBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var participants = Option(args, "--participants", 1000);
        var answersTotal = Option(args, "--answers", 500);
        var rounds = Option(args, "--rounds", 7);
        var database = Path.Combine(Path.GetTempPath(), $"sessions-bench-{Guid.NewGuid():N}.db");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Sessions"] = $"Data Source={database}" })
                .Build();
            await using var services = new ServiceCollection().AddLogging().AddSessionsCore(configuration).BuildServiceProvider();
            await services.MigrateSessionsDatabaseAsync();

            var build = Stopwatch.StartNew();
            var archive = LargeArchive(participants, answersTotal);
            var created = await services.GetRequiredService<SessionImporter>().ImportAsync(archive);
            build.Stop();
            var reports = services.GetRequiredService<ReportService>();
            var snapshotTimer = Stopwatch.StartNew();
            var snapshot = await services.GetRequiredService<SessionReader>().GetAsync(created.SessionId);
            snapshotTimer.Stop();

            Console.WriteLine($"Session: {snapshot.Questions.Count} questions, {snapshot.Questions.Sum(q => q.Answers.Count)} answers, {snapshot.Participants.Count} participants, {snapshot.Questions.Sum(q => q.Ballots.Values.Sum(b => b.Values.Sum()))} dots");
            Console.WriteLine($"Import {build.ElapsedMilliseconds} ms; first snapshot read {snapshotTimer.ElapsedMilliseconds} ms; {rounds} rounds per format, every answer included");
            Console.WriteLine();
            Console.WriteLine("| format | median ms | max ms | size KB |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            foreach (var format in ReportService.Formats)
            {
                reports.Render(snapshot, format, includeAllAnswers: true); // warm-up: JIT, fonts
                var times = new List<double>();
                var size = 0;
                for (var i = 0; i < rounds; i++)
                {
                    var timer = Stopwatch.StartNew();
                    var file = await reports.RenderAsync(created.SessionId, created.FacilitatorKey, format, includeAllAnswers: true);
                    timer.Stop();
                    times.Add(timer.Elapsed.TotalMilliseconds);
                    size = file.Content.Length;
                }
                times.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {format} | {times[times.Count / 2]:F1} | {times[^1]:F1} | {size / 1024.0:F0} |"));
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

    private static SessionArchive LargeArchive(int participantCount, int answersTotal)
    {
        var random = new Random(20221125);
        var people = Enumerable.Range(1, participantCount)
            .Select(i => new ArchiveParticipant($"p{i}", i % 5 == 0 ? null : $"Deelnemer {i}", i % 5 == 0 ? null : $"Organisatie {i % 37}", i % 5 != 0))
            .ToList();
        var perQuestion = answersTotal / 4;
        var questions = Enumerable.Range(1, 4).Select(q =>
        {
            var answers = Enumerable.Range(1, perQuestion)
                .Select(a => new ArchiveAnswer($"q{q}.a{a}", $"Antwoord {a} op vraag {q}: een zin van gemiddelde lengte, zoals mensen die op hun telefoon typen.",
                    $"Antwoord {a} op vraag {q}", $"p{(a % participantCount) + 1}", false, null, 0))
                .ToList();
            var ballots = people.Select(p =>
            {
                var chosen = Enumerable.Range(0, 3).Select(_ => random.Next(perQuestion) + 1).Distinct().ToDictionary(a => $"q{q}.a{a}", _ => 1);
                return new ArchiveBallot(p.Ref, 0, chosen);
            }).ToList();
            return new ArchiveQuestion(q, $"Vraag {q}: wat vinden we belangrijk?", "result", false, false, "none", [], "none", [], answers, ballots);
        }).ToList();
        return new SessionArchive(SessionArchive.FormatName, SessionArchive.CurrentFormatVersion, "Benchmark", new DateOnly(2022, 11, 25), "nl",
            "Een grote sessie.", "", new ArchiveSettings(3, 1, true, false, true), 5, questions, people);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
