using System.Net.Http.Json;
using System.Text.Json;

namespace Sessions.Bench;

/// <summary>The app's HTTP contract, as the benchmarks use it.</summary>
public sealed class BenchApi(HttpClient http)
{
    private static readonly string[] OneQuestion = ["Q?"];

    public HttpClient Http => http;

    public async Task<BenchSession> CreateSessionAsync(string title, int answers, int participants = 0, int parallelism = 32, Func<int, string>? text = null)
    {
        using var response = await http.PostAsJsonAsync("api/sessions", new { title, questions = OneQuestion });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var session = new BenchSession(created.GetProperty("joinCode").GetString()!, created.GetProperty("sessionId").GetString()!, created.GetProperty("facilitatorKey").GetString()!);
        var tokens = new string[Math.Max(participants, 1)];
        await Parallel.ForEachAsync(Enumerable.Range(0, tokens.Length), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
            tokens[i] = await JoinAsync(session.JoinCode, $"P{i}", ct));
        session.Tokens.AddRange(tokens);
        for (var i = 0; i < answers; i++)
        {
            using var post = Authorized(HttpMethod.Post, $"api/sessions/{session.JoinCode}/questions/1/answers", tokens[i % tokens.Length], new { text = text?.Invoke(i) ?? $"Answer {i}", clientRequestId = $"a{i}" });
            using var answered = await http.SendAsync(post);
            answered.EnsureSuccessStatusCode();
            session.Answers.Add((await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answerId").GetString()!);
        }
        return session;
    }

    public async Task<string> JoinAsync(string joinCode, string name, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"api/sessions/{joinCode}/participants", new { name, mayBeNamed = false }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("participantToken").GetString()!;
    }

    public async Task SetPhaseAsync(BenchSession session, string phase)
    {
        using var move = Authorized(HttpMethod.Post, $"api/sessions/{session.SessionId}/questions/1/phase", session.FacilitatorKey, new { phase });
        using var response = await http.SendAsync(move);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Shows a question on the board and the phones (a new session starts in the lobby).</summary>
    public async Task ShowQuestionAsync(BenchSession session, int question)
    {
        using var move = Authorized(HttpMethod.Post, $"api/sessions/{session.SessionId}/current", session.FacilitatorKey, new { question });
        using var response = await http.SendAsync(move);
        response.EnsureSuccessStatusCode();
    }

    public async Task<HttpResponseMessage> PutBallotAsync(BenchSession session, string token, IEnumerable<string> answerIds)
    {
        using var put = Authorized(HttpMethod.Put, $"api/sessions/{session.JoinCode}/questions/1/ballot", token, new { dots = answerIds.ToDictionary(a => a, _ => 1) });
        return await http.SendAsync(put);
    }

    public async Task<JsonElement> StateAsync(BenchSession session) =>
        await http.GetFromJsonAsync<JsonElement>($"api/sessions/{session.JoinCode}");

    public async Task<long> VersionAsync(BenchSession session) => (await StateAsync(session)).GetProperty("version").GetInt64();

    private static HttpRequestMessage Authorized(HttpMethod method, string url, string bearer, object body)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", bearer);
        return request;
    }
}

public sealed record BenchSession(string JoinCode, string SessionId, string FacilitatorKey)
{
    public List<string> Tokens { get; } = [];
    public List<string> Answers { get; } = [];
}
