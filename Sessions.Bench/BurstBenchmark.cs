using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sessions.Bench;

public sealed record BurstResult(int Participants, int Accepted, int Refused, int Errors, double Seconds, double P50, double P99, bool CountsExact, string Detail);

/// <summary>N participants each put a 3-dot ballot at once; every one must be accepted and counted.</summary>
public static class BurstBenchmark
{
    public static async Task<BurstResult> RunAsync(AppProcess app, int participants)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = app.Root, Timeout = TimeSpan.FromSeconds(60) };
        var created = await (await http.PostAsJsonAsync("api/sessions", new { title = "Burst", questions = new[] { "Q?" } })).Content.ReadFromJsonAsync<JsonElement>();
        var (joinCode, sessionId, key) = (created.GetProperty("joinCode").GetString()!, created.GetProperty("sessionId").GetString()!, created.GetProperty("facilitatorKey").GetString()!);
        var tokens = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, participants), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var joined = await (await http.PostAsJsonAsync($"api/sessions/{joinCode}/participants", new { name = $"P{i}", mayBeNamed = false }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
            tokens.Add(joined.GetProperty("participantToken").GetString()!);
        });
        var tokenList = tokens.ToList();
        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var post = Authorized(HttpMethod.Post, $"api/sessions/{joinCode}/questions/1/answers", tokenList[i], new { text = $"Answer {i}", clientRequestId = $"a{i}" });
            answers.Add((await (await http.SendAsync(post)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answerId").GetString()!);
        }
        foreach (var phase in new[] { "converge", "vote" })
        {
            using var move = Authorized(HttpMethod.Post, $"api/sessions/{sessionId}/questions/1/phase", key, new { phase });
            (await http.SendAsync(move)).EnsureSuccessStatusCode();
        }

        var ballots = tokenList.Select((_, i) => new[] { answers[i % 6], answers[(i + 1) % 6], answers[(i + 2) % 6] }).ToList();
        var latencies = new ConcurrentBag<double>();
        int accepted = 0, refused = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(tokenList.Select(async (token, i) =>
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var put = Authorized(HttpMethod.Put, $"api/sessions/{joinCode}/questions/1/ballot", token, new { dots = ballots[i].ToDictionary(a => a, _ => 1) });
                using var response = await http.SendAsync(put);
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
        }));
        clock.Stop();

        var state = await http.GetFromJsonAsync<JsonElement>($"api/sessions/{joinCode}");
        var counted = state.GetProperty("questions")[0].GetProperty("answers").EnumerateArray()
            .ToDictionary(a => a.GetProperty("answerId").GetString()!, a => a.GetProperty("dots").GetInt32());
        var expected = answers.ToDictionary(a => a, a => ballots.Count(b => b.Contains(a)));
        var exact = expected.All(e => counted.GetValueOrDefault(e.Key) == e.Value) && counted.Values.Sum() == participants * 3;
        var sorted = latencies.OrderBy(x => x).ToList();
        return new BurstResult(participants, accepted, refused, errors, clock.Elapsed.TotalSeconds, Stats.Percentile(sorted, .5), Stats.Percentile(sorted, .99), exact,
            $"{counted.Values.Sum()} dots counted, {participants * 3} expected");
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string url, string bearer, object body)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", bearer);
        return request;
    }
}
