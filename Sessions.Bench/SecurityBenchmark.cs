using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Data;
using Sessions.Core.Reports;
using Sessions.Core.Services;

namespace Sessions.Bench;

/// <summary>
/// The figures behind the limits of docs/security.md: how long report.pdf takes with one crafted answer of 30,000
/// code points planted in the database (past the input rules), and whether the managed heap comes back after 5,000
/// sessions were created, read and left idle. The import limits have a benchmark of their own (ImportBenchmark).
/// </summary>
public static class SecurityBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var sessions = Option(args, "--sessions", 5000);
        var folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var database = Path.Combine(folder, $"sessions-security-{Guid.NewGuid():N}.db");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Sessions"] = $"Data Source={database}",
                    // Left idle means: nobody reads them again; the benchmark does not wait the ten minutes.
                    ["Sessions:Memory:IdleMinutes"] = "0",
                })
                .Build();
            await using var services = new ServiceCollection().AddLogging().AddSessionsCore(configuration).BuildServiceProvider();
            await services.MigrateSessionsDatabaseAsync();

            await CraftedPdfAsync(services);
            await MemoryAsync(services, sessions);
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

    private static async Task CraftedPdfAsync(IServiceProvider services)
    {
        var catalog = services.GetRequiredService<SessionCatalog>();
        var participants = services.GetRequiredService<ParticipantService>();
        var session = await catalog.CreateAsync(new CreateSessionRequest("Crafted", Questions: ["Q?"]));
        var joined = await participants.JoinAsync(session.JoinCode, new JoinRequest("Eve", null, true));
        var answer = await participants.SubmitAnswerAsync(session.JoinCode, 1, joined.ParticipantToken, "placeholder", "p");
        var crafted = string.Concat(Enumerable.Repeat("x" + new string('\u0301', 60), 500));
        await using (var db = await services.GetRequiredService<IDbContextFactory<SessionsDbContext>>().CreateDbContextAsync())
        {
            await db.Answers.Where(a => a.Id == answer).ExecuteUpdateAsync(u => u.SetProperty(a => a.Text, crafted).SetProperty(a => a.OriginalText, crafted));
            await db.Sessions.Where(s => s.Id == session.SessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Version, s => s.Version + 1));
        }
        var reports = services.GetRequiredService<ReportService>();
        await reports.RenderAsync(session.SessionId, session.FacilitatorKey, "pdf", includeAllAnswers: true); // warm-up: fonts
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var timer = Stopwatch.StartNew();
            await reports.RenderAsync(session.SessionId, session.FacilitatorKey, "pdf", includeAllAnswers: true);
            times.Add(timer.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"report.pdf with one answer of 500 letters × 60 marks (30,500 code points, planted past the input rules): median {times[2]:F0} ms, max {times[^1]:F0} ms"));
    }

    private static async Task MemoryAsync(IServiceProvider services, int count)
    {
        var catalog = services.GetRequiredService<SessionCatalog>();
        var reader = services.GetRequiredService<SessionReader>();
        var idle = services.GetRequiredService<IdleSessions>();
        // Warm-up: queries compiled, pools filled, so the baseline is the app at rest, not a cold one.
        await CreateAndReadAsync(catalog, reader, 200);
        idle.Release();
        var start = Heap();
        var timer = Stopwatch.StartNew();
        await CreateAndReadAsync(catalog, reader, count);
        var held = Heap();
        var released = idle.Release();
        var end = Heap();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} sessions created and read in {timer.Elapsed.TotalSeconds:F1} s: managed heap {start / 1048576.0:F2} MB at the start, {held / 1048576.0:F2} MB with their state held (+{(held - start) / 1048576.0:F2} MB), {end / 1048576.0:F2} MB after {released:N0} were released as idle ({(end - start) / 1048576.0:+0.00;-0.00} MB; goal: within 2 MB)"));
        Console.WriteLine(Math.Abs(end - start) <= 2 * 1048576 ? "Goal met." : "Goal NOT met.");
    }

    private static async Task CreateAndReadAsync(SessionCatalog catalog, SessionReader reader, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var created = await catalog.CreateAsync(new CreateSessionRequest($"Session {i}", Questions: ["Wat gaat goed?", "Wat kan beter?"]));
            await reader.GetAsync(created.SessionId);
        }
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
