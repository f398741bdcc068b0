using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Sessions.Bench;

public sealed record BurstResult(int Participants, double SpreadSeconds, int Accepted, int Refused, int Errors, double Seconds, double P50, double P99, bool CountsExact, string Detail);

/// <summary>
/// N participants each put a 3-dot ballot: all at the same instant (<c>spreadSeconds</c> = 0), or each at a
/// moment drawn uniformly from the next <c>spreadSeconds</c> (a room voting "within 5 seconds"). Every
/// ballot must be accepted and the final counts must be exact.
/// </summary>
public static class BurstBenchmark
{
    public static async Task<BurstResult> RunAsync(AppProcess app, int participants, double spreadSeconds)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = app.Root, Timeout = TimeSpan.FromSeconds(60) };
        var api = new BenchApi(http);
        var session = await api.CreateSessionAsync("Burst", answers: 6, participants: participants);
        await api.SetPhaseAsync(session, "converge");
        await api.SetPhaseAsync(session, "vote");
        var answers = session.Answers;
        var ballots = session.Tokens.Select((_, i) => new[] { answers[i % 6], answers[(i + 1) % 6], answers[(i + 2) % 6] }).ToList();
        var random = new Random(participants);
        var offsets = session.Tokens.Select(_ => TimeSpan.FromSeconds(random.NextDouble() * spreadSeconds)).ToList();

        var latencies = new ConcurrentBag<double>();
        int accepted = 0, refused = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(session.Tokens.Select(async (token, i) =>
        {
            if (offsets[i] > TimeSpan.Zero)
            {
                await Task.Delay(offsets[i]);
            }
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await api.PutBallotAsync(session, token, ballots[i]);
                latencies.Add(Stats.Ms(Stopwatch.GetTimestamp() - start));
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref accepted);
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
            catch (TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }
        }));
        clock.Stop();

        var state = await api.StateAsync(session);
        var counted = state.GetProperty("questions")[0].GetProperty("answers").EnumerateArray()
            .ToDictionary(a => a.GetProperty("answerId").GetString()!, a => a.GetProperty("dots").GetInt32());
        var expected = answers.ToDictionary(a => a, a => ballots.Count(b => b.Contains(a)));
        var exact = expected.All(e => counted.GetValueOrDefault(e.Key) == e.Value) && counted.Values.Sum() == participants * 3;
        var sorted = latencies.OrderBy(x => x).ToList();
        return new BurstResult(participants, spreadSeconds, accepted, refused, errors, clock.Elapsed.TotalSeconds, Stats.Percentile(sorted, .5), Stats.Percentile(sorted, .99), exact,
            $"{counted.Values.Sum()} dots counted, {participants * 3} expected");
    }
}
