using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sessions.Tests.Integration;

namespace Sessions.Tests.ScaleOut;

/// <summary>The HTTP contract spoken to one app server (the servers of a test share the database).</summary>
public sealed class SessionsHttp(HttpClient http)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public async Task<Created> CreateSessionAsync(params string[] questions)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/sessions", new { title = "Two servers", questions });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Created>(s_json))!;
    }

    public async Task<Joined> JoinAsync(Created session, string name)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{session.JoinCode}/participants", new { name, mayBeNamed = false });
        Assert.True(response.IsSuccessStatusCode, $"join gave {response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<Joined>(s_json))!;
    }

    public async Task<Guid> AnswerAsync(Created session, Joined participant, string text)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{session.JoinCode}/questions/1/answers",
            new { text, clientRequestId = Guid.NewGuid().ToString("N") }, participant.ParticipantToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(s_json)).GetProperty("answerId").GetGuid();
    }

    public async Task SetCurrentAsync(Created session, int question)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/current", new { question }, session.FacilitatorKey);
        Assert.True(response.IsSuccessStatusCode, $"current question gave {response.StatusCode}");
    }

    public async Task SetPhaseAsync(Created session, string phase)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/questions/1/phase", new { phase }, session.FacilitatorKey);
        Assert.True(response.IsSuccessStatusCode, $"phase {phase} gave {response.StatusCode}");
    }

    public async Task VoteAsync(Created session, Joined participant, Guid answerId)
    {
        using var response = await SendAsync(HttpMethod.Put, $"/api/sessions/{session.JoinCode}/questions/1/ballot",
            new { dots = new Dictionary<Guid, int> { [answerId] = 1 } }, participant.ParticipantToken);
        Assert.True(response.IsSuccessStatusCode, $"ballot gave {response.StatusCode}");
    }

    public async Task<long> VersionAsync(Created session)
    {
        using var response = await http.GetAsync(new Uri($"/api/sessions/{session.JoinCode}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(s_json)).GetProperty("version").GetInt64();
    }

    /// <summary>The text of /healthz: the overall status on the first line, then one line per check.</summary>
    public async Task<string> HealthAsync()
    {
        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = JsonContent.Create(body, options: s_json) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return await http.SendAsync(request);
    }
}
