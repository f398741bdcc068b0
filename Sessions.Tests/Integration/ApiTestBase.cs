using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sessions.Core.Data;
using Sessions.Tests.Support;

namespace Sessions.Tests.Integration;

public sealed record Created(Guid SessionId, string JoinCode, string FacilitatorKey, string JoinUrl, string BoardUrl, string FacilitatorUrl);

public sealed record Joined(Guid ParticipantId, string ParticipantToken);

/// <summary>One app and one client per test, with small helpers that speak the HTTP contract.</summary>
public abstract class ApiTestBase : IAsyncLifetime, IDisposable
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private SessionsAppFactory? _factory;
    private HttpClient? _client;

    protected SessionsAppFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");
    protected HttpClient Client => _client ?? throw new InvalidOperationException("Not started.");

    /// <summary>The PostgreSQL variants (OnPostgres.cs) override this.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public Task InitializeAsync()
    {
        _factory = new SessionsAppFactory(Provider);
        // Creating the client builds the server, so Factory.Server is usable afterwards.
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    public void Dispose()
    {
        // DisposeAsync has run by now; this only satisfies the dispose pattern.
        _client?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return request;
    }

    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? bearer = null)
    {
        using var request = Request(method, url, body, bearer);
        return await Client.SendAsync(request);
    }

    protected async Task<Created> CreateSessionAsync(object? body = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/sessions",
            body ?? new { title = "Test session", questions = new[] { "First question?", "Second question?" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Created>(Json))!;
    }

    protected async Task<Joined> JoinAsync(Created session, string name = "Ann")
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{session.JoinCode}/participants",
            new { name, organisation = "Org", mayBeNamed = true });
        Assert.True(response.IsSuccessStatusCode, $"join gave {response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<Joined>(Json))!;
    }

    protected async Task<Guid> AnswerAsync(Created session, Joined participant, string text, string? clientRequestId = null, int question = 1)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{session.JoinCode}/questions/{question}/answers",
            new { text, clientRequestId = clientRequestId ?? Guid.NewGuid().ToString("N") }, participant.ParticipantToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return body.GetProperty("answerId").GetGuid();
    }

    protected async Task SetPhaseAsync(Created session, string phase, int question = 1)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/questions/{question}/phase",
            new { phase }, session.FacilitatorKey);
        Assert.True(response.IsSuccessStatusCode, $"phase {phase} gave {response.StatusCode}");
    }

    protected async Task MoveToVoteAsync(Created session, int question = 1)
    {
        await SetPhaseAsync(session, "converge", question);
        await SetPhaseAsync(session, "vote", question);
    }

    protected async Task<HttpResponseMessage> PutBallotAsync(Created session, Joined participant, Dictionary<Guid, int> dots, int question = 1) =>
        await SendAsync(HttpMethod.Put, $"/api/sessions/{session.JoinCode}/questions/{question}/ballot", new { dots }, participant.ParticipantToken);

    protected async Task<JsonElement> StateAsync(Created session)
    {
        using var response = await Client.GetAsync(new Uri($"/api/sessions/{session.JoinCode}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    protected static JsonElement Question(JsonElement state, int number = 1) =>
        state.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("number").GetInt32() == number);

    protected static Dictionary<Guid, int?> Dots(JsonElement question) =>
        question.GetProperty("answers").EnumerateArray().ToDictionary(
            a => a.GetProperty("answerId").GetGuid(),
            a => a.GetProperty("dots").ValueKind == JsonValueKind.Null ? (int?)null : a.GetProperty("dots").GetInt32());

    /// <summary>Asserts an RFC 7807 refusal: the status, the problem+json content type and a non-empty detail.</summary>
    protected static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        return detail!;
    }
}
