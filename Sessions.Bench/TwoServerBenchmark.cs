using System.Globalization;

namespace Sessions.Bench;

/// <summary>
/// Fan-out with two app servers on one PostgreSQL and one Redis, against one server on the same PostgreSQL
/// and Redis, and bare SignalR, in one run: a ballot on server A → SessionChanged at N watchers spread evenly
/// over the servers. Needs a PostgreSQL role that may create databases and a Redis, for example those of
/// <c>scripts/postgres.sh start</c> and <c>scripts/redis.sh start</c>.
/// </summary>
public static class TwoServerBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        AppProcess.WarnIfDebug();
        var postgres = Value(args, "--postgres") ?? Environment.GetEnvironmentVariable("SESSIONS_BENCH_POSTGRES");
        var redis = Value(args, "--redis") ?? Environment.GetEnvironmentVariable("SESSIONS_BENCH_REDIS");
        if (string.IsNullOrWhiteSpace(postgres) || string.IsNullOrWhiteSpace(redis))
        {
            throw new InvalidOperationException(
                "The two-server benchmark needs --postgres \"Host=...;Port=...;Username=...\" (a role that may create databases) and --redis host:port; scripts/postgres.sh start and scripts/redis.sh start print both.");
        }
        var quick = args.Contains("--quick");
        int[] sizes = quick ? [200] : [1000, 2000];
        var rounds = quick ? 8 : 20;
        var repeats = quick ? 1 : 3;
        var database = $"sessions_bench_{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Sessions"] = $"{postgres.TrimEnd(';')};Database={database}",
            ["ConnectionStrings__Redis"] = redis,
        };
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {rounds} rounds per size, {repeats} repeat(s) (medians). PostgreSQL database {database}, Redis {redis}.");

        await using var a = await AppProcess.StartPublishedAsync(AppProcess.Configuration, settings);
        await using var b = await AppProcess.StartPublishedAsync(AppProcess.Configuration, settings);
        await using var bare = await BareSignalR.StartAsync();
        Console.WriteLine();
        Console.WriteLine("Fan-out: a ballot on server A → the message at every watcher, ms (watchers spread evenly over the servers)");
        Console.WriteLine("| watchers | one server p50 | one server p99 | one server last | two servers p50 | two servers p99 | two servers last | bare p99 | p99 two / one |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var n in sizes)
        {
            var one = new List<LatencySummary>();
            var two = new List<LatencySummary>();
            var bares = new List<LatencySummary>();
            for (var i = 0; i < repeats; i++)
            {
                one.Add(await FanOutBenchmark.MeasureAppAsync(a, [a], n, rounds, []));
                two.Add(await FanOutBenchmark.MeasureAppAsync(a, [a, b], n, rounds, []));
                bares.Add(await FanOutBenchmark.MeasureBareAsync(bare, n, rounds));
            }
            var (p99One, p99Two) = (Stats.Median(one.Select(x => x.P99)), Stats.Median(two.Select(x => x.P99)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {Stats.F(Stats.Median(one.Select(x => x.P50)))} | {Stats.F(p99One)} | {Stats.F(Stats.Median(one.Select(x => x.LastP50)))} | {Stats.F(Stats.Median(two.Select(x => x.P50)))} | {Stats.F(p99Two)} | {Stats.F(Stats.Median(two.Select(x => x.LastP50)))} | {Stats.F(Stats.Median(bares.Select(x => x.P99)))} | {p99Two / p99One:F2} |"));
            if (one.Concat(two).Sum(x => x.Missed) is var missed and > 0)
            {
                Console.WriteLine($"  missed messages: {missed}");
            }
        }
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
