using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sessions.Bench;
using Sessions.Tests.Support;

namespace Sessions.Tests.Durability;

/// <summary>Every write the app acknowledged survives kill -9, because SQLite runs in WAL with synchronous=FULL.</summary>
[Trait("Category", "Durability")]
public sealed class KillTests
{
    [Fact]
    public async Task Every_acknowledged_answer_and_ballot_survives_a_sigkill_mid_stream()
    {
        using var database = new TestDatabase();
        string joinCode, sessionId, key;
        var tokens = new List<string>();
        var acknowledged = new ConcurrentBag<(string Token, Guid AnswerId)>();
        long lastVersion;
        using (var app = await AppProcess.StartBuiltAsync(database.ConnectionString))
        {
            using var http = new HttpClient { BaseAddress = app.Root };
            var created = await (await http.PostAsJsonAsync("api/sessions", new { title = "Kill", questions = new[] { "Q1?", "Q2?" } })).Content.ReadFromJsonAsync<JsonElement>();
            (joinCode, sessionId, key) = (created.GetProperty("joinCode").GetString()!, created.GetProperty("sessionId").GetString()!, created.GetProperty("facilitatorKey").GetString()!);
            for (var i = 0; i < 4; i++)
            {
                var joined = await (await http.PostAsJsonAsync($"api/sessions/{joinCode}/participants", new { name = $"P{i}", mayBeNamed = false })).Content.ReadFromJsonAsync<JsonElement>();
                tokens.Add(joined.GetProperty("participantToken").GetString()!);
            }

            // Question 1 gets answers and a vote that complete before the kill.
            var first = new List<Guid>();
            foreach (var token in tokens)
            {
                first.Add(await AnswerAsync(http, joinCode, 1, token, $"Settled by {tokens.IndexOf(token)}", Guid.NewGuid().ToString("N")));
            }
            await PhaseAsync(http, sessionId, key, 1, "converge");
            await PhaseAsync(http, sessionId, key, 1, "vote");
            for (var i = 0; i < tokens.Count; i++)
            {
                using var ballot = Authorized(HttpMethod.Put, $"api/sessions/{joinCode}/questions/1/ballot", tokens[i], new { dots = new Dictionary<Guid, int> { [first[i % 2]] = 1 } });
                (await http.SendAsync(ballot)).EnsureSuccessStatusCode();
            }
            lastVersion = (await http.GetFromJsonAsync<JsonElement>($"api/sessions/{joinCode}")).GetProperty("version").GetInt64();

            // Question 2 takes a stream of answers from four writers; the app is killed in the middle of it.
            using var stop = new CancellationTokenSource();
            var writers = tokens.Select(token => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    try
                    {
                        var id = await AnswerAsync(http, joinCode, 2, token, $"Streamed {n}", $"{token[..6]}-{n}");
                        acknowledged.Add((token, id));
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
                    {
                        return;
                    }
                }
            })).ToList();
            while (acknowledged.Count < 40)
            {
                await Task.Delay(20);
            }
            app.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        using var restarted = await AppProcess.StartBuiltAsync(database.ConnectionString);
        using var again = new HttpClient { BaseAddress = restarted.Root };
        var state = await again.GetFromJsonAsync<JsonElement>($"api/sessions/{joinCode}");

        var q1 = state.GetProperty("questions")[0];
        Assert.Equal("vote", q1.GetProperty("phase").GetString());
        Assert.Equal(4, q1.GetProperty("answers").EnumerateArray().Sum(a => a.GetProperty("dots").GetInt32()));
        var stored = state.GetProperty("questions")[1].GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("answerId").GetGuid()).ToHashSet();
        Assert.True(acknowledged.Count >= 40);
        Assert.All(acknowledged, ack => Assert.Contains(ack.AnswerId, stored));
        Assert.True(state.GetProperty("version").GetInt64() >= lastVersion + acknowledged.Count);
    }

    private static async Task<Guid> AnswerAsync(HttpClient http, string joinCode, int question, string token, string text, string requestId)
    {
        using var request = Authorized(HttpMethod.Post, $"api/sessions/{joinCode}/questions/{question}/answers", token, new { text, clientRequestId = requestId });
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"answer gave {response.StatusCode}");
        }
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answerId").GetGuid();
    }

    private static async Task PhaseAsync(HttpClient http, string sessionId, string key, int question, string phase)
    {
        using var request = Authorized(HttpMethod.Post, $"api/sessions/{sessionId}/questions/{question}/phase", key, new { phase });
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string url, string bearer, object body)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }
}
