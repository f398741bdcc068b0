using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Sessions.Bench;

/// <summary>
/// A ballot over HTTP → SessionChanged at every one of N hub watchers, against a bare SignalR hub
/// broadcasting to the same number of connections in the same run.
/// </summary>
public static class FanOutBenchmark
{
    /// <returns>The app's and the bare hub's latencies, and the ballot's own HTTP round trip (ms) in each counted round.</returns>
    public static async Task<(LatencySummary App, LatencySummary Bare, List<double> Ballots)> RunAsync(AppProcess app, BareSignalR bare, int watchers, int rounds)
    {
        var ballots = new List<double>();
        var appResult = await MeasureAppAsync(app, watchers, rounds, ballots);
        var bareResult = await MeasureBareAsync(bare, watchers, rounds);
        return (appResult, bareResult, ballots.Skip(2).ToList());
    }

    private static async Task<LatencySummary> MeasureAppAsync(AppProcess app, int watchers, int rounds, List<double> ballots)
    {
        using var http = new HttpClient { BaseAddress = app.Root };
        var api = new BenchApi(http);
        var session = await api.CreateSessionAsync("Fan-out", answers: 2);
        await api.SetPhaseAsync(session, "converge");
        await api.SetPhaseAsync(session, "vote");
        var (joinCode, token, answers) = (session.JoinCode, session.Tokens[0], session.Answers);

        var probe = new Probe(watchers);
        var connections = await ConnectAsync(watchers, i =>
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(app.Root, "hubs/session")).Build();
            connection.On<JsonElement>("SessionChanged", m => probe.Received(i, m.GetProperty("version").GetInt64()));
            return connection;
        }, c => c.InvokeAsync<JsonElement>("Watch", joinCode));
        try
        {
            var version = await api.VersionAsync(session);
            return await probe.RunAsync(rounds, async round =>
            {
                version++;
                probe.Expect(version);
                var sent = Stopwatch.GetTimestamp();
                using var response = await api.PutBallotAsync(session, token, [answers[round % 2]]);
                ballots.Add(Stats.Ms(Stopwatch.GetTimestamp() - sent));
                response.EnsureSuccessStatusCode();
            });
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static async Task<LatencySummary> MeasureBareAsync(BareSignalR bare, int watchers, int rounds)
    {
        var probe = new Probe(watchers);
        var connections = await ConnectAsync(watchers, i =>
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(bare.Root, "bare")).Build();
            connection.On<long>("Ping", r => probe.Received(i, r));
            return connection;
        }, _ => Task.CompletedTask);
        var sender = new HubConnectionBuilder().WithUrl(new Uri(bare.Root, "bare")).Build();
        await sender.StartAsync();
        try
        {
            return await probe.RunAsync(rounds, async round =>
            {
                probe.Expect(round + 1);
                await sender.InvokeAsync("Broadcast", (long)(round + 1));
            });
        }
        finally
        {
            await sender.DisposeAsync();
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static async Task<List<HubConnection>> ConnectAsync(int count, Func<int, HubConnection> create, Func<HubConnection, Task> afterStart)
    {
        var connections = Enumerable.Range(0, count).Select(create).ToList();
        foreach (var batch in connections.Chunk(50))
        {
            await Task.WhenAll(batch.Select(async c =>
            {
                await c.StartAsync();
                await afterStart(c);
            }));
        }
        return connections;
    }

    /// <summary>Records, per round, when each receiver first saw the expected message.</summary>
    private sealed class Probe(int receivers)
    {
        private readonly long[] _received = new long[receivers];
        private long _expected = long.MaxValue;
        private int _count;
        private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Expect(long marker)
        {
            Array.Clear(_received);
            _count = 0;
            _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _expected, marker);
        }

        public void Received(int receiver, long marker)
        {
            var now = Stopwatch.GetTimestamp();
            if (marker < Volatile.Read(ref _expected) || Interlocked.CompareExchange(ref _received[receiver], now, 0) != 0)
            {
                return;
            }
            if (Interlocked.Increment(ref _count) == receivers)
            {
                _all.TrySetResult();
            }
        }

        public async Task<LatencySummary> RunAsync(int rounds, Func<int, Task> send)
        {
            var all = new List<double>();
            var last = new List<double>();
            var missed = 0;
            for (var round = -2; round < rounds; round++)
            {
                var r = round + 2;
                var start = Stopwatch.GetTimestamp();
                await send(r);
                await Task.WhenAny(_all.Task, Task.Delay(TimeSpan.FromSeconds(10)));
                // Two warm-up rounds are not counted.
                if (round >= 0)
                {
                    var got = _received.Where(t => t != 0).Select(t => Stats.Ms(t - start)).ToList();
                    missed += receivers - got.Count;
                    all.AddRange(got);
                    if (got.Count > 0)
                    {
                        last.Add(got.Max());
                    }
                }
                // Past the hub relay's coalescing interval, so every round is a leading edge.
                await Task.Delay(150);
            }
            return LatencySummary.From(receivers, all, last, missed);
        }
    }
}
