using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Sessions.Tests.Integration;

/// <summary>
/// What an outsider found in the HTTP contract after it was described in OpenAPI: JSON sent without a Content-Type got
/// 404, a wrong method 404, and the refusals the API gives before any command runs (a body it cannot read, a call that
/// does not exist, a body too large) had no "localized" text, so a Dutch phone showed them in English.
/// </summary>
public class ApiContractRefusalTests : ApiTestBase
{
    private async Task<(HttpStatusCode Status, JsonElement Problem, HttpResponseMessage Response)> SendRawAsync(
        HttpMethod method, string path, string? body, string? contentType, string? language = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        var response = await Client.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), response);
    }

    private async Task<int> ParticipantCountAsync(Created session)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/sessions/{session.JoinCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("participantCount").GetInt32();
    }

    [Fact]
    public async Task Json_sent_without_a_content_type_gets_415_not_404_and_nobody_joins()
    {
        var session = await CreateSessionAsync();

        var (status, problem, response) = await SendRawAsync(HttpMethod.Post, $"/api/sessions/{session.JoinCode}/participants",
            "{\"name\":\"Eve\",\"mayBeNamed\":true}", contentType: null);
        using var _ = response;

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("Content-Type: application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await ParticipantCountAsync(session));
    }

    [Theory]
    [InlineData("DELETE", "/api/sessions/{code}/participants", "POST")]
    [InlineData("PATCH", "/api/sessions/{code}", "GET")]
    [InlineData("GET", "/api/sessions/{code}/questions/1/ballot", "PUT")]
    [InlineData("POST", "/api/sessions/{id}/questions/1/answers/{answer}", "PUT, DELETE, PATCH")]
    public async Task A_method_the_address_does_not_take_gets_405_with_the_methods_it_takes(string method, string path, string allowed)
    {
        var session = await CreateSessionAsync();
        var url = path.Replace("{code}", session.JoinCode, StringComparison.Ordinal)
            .Replace("{id}", session.SessionId.ToString(), StringComparison.Ordinal)
            .Replace("{answer}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

        var (status, problem, response) = await SendRawAsync(new HttpMethod(method), url, null, null);
        using var _ = response;

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("Method not allowed", problem.GetProperty("title").GetString());
        Assert.Equal(allowed.Split(", ").Order(), response.Content.Headers.Allow.Order());
        Assert.Contains(method, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_where_the_route_needs_one_is_still_a_404_not_a_405()
    {
        var session = await CreateSessionAsync();

        var (status, _, response) = await SendRawAsync(HttpMethod.Put, $"/api/sessions/{session.JoinCode}/questions/first/ballot", "{}", "application/json");
        using var _ = response;

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    /// <summary>Refusals given before any command runs, each with the Dutch a phone shows and the English detail scripts read.</summary>
    public static TheoryData<string, string, string?, string?, HttpStatusCode, string, string> DutchRefusals => new()
    {
        { "POST", "/api/sessions", "{\"title\":5}", "application/json", HttpStatusCode.BadRequest,
            "The body could not be read at \"title\": text is expected there.", "De inhoud van het verzoek kon niet gelezen worden bij \"title\": daar hoort tekst." },
        { "POST", "/api/sessions", "{\"title\":\"x\",\"dotsPerParticipant\":\"veel\"}", "application/json", HttpStatusCode.BadRequest,
            "a whole number or null is expected there", "daar hoort een geheel getal of null." },
        { "POST", "/api/sessions", "{\"title\":", "application/json", HttpStatusCode.BadRequest,
            "The body is not valid JSON (line 1", "De inhoud van het verzoek is geen geldige JSON (regel 1" },
        { "POST", "/api/sessions", "", "application/json", HttpStatusCode.BadRequest,
            "This call needs a JSON object as its body", "Deze aanroep heeft een JSON-object als inhoud nodig" },
        { "POST", "/api/sessions/import", "hallo", "application/json", HttpStatusCode.BadRequest,
            "This is not a readable Sessions archive. The archive is not valid JSON", "Dit is geen leesbaar Sessions-archief. Het archief is geen geldige JSON" },
        { "POST", "/api/sessions", "title=x", "text/plain", HttpStatusCode.UnsupportedMediaType,
            "Send the body as JSON (Content-Type: application/json), not text/plain", "Stuur de inhoud als JSON (Content-Type: application/json), niet als text/plain" },
        { "GET", "/api/sessions/ABC234/nothing", null, null, HttpStatusCode.NotFound,
            "There is no API call GET /api/sessions/ABC234/nothing", "Er is geen API-aanroep GET /api/sessions/ABC234/nothing" },
        { "DELETE", "/api/sessions", null, null, HttpStatusCode.MethodNotAllowed,
            "This address does not take DELETE; it takes POST.", "Dit adres neemt geen DELETE aan, wel POST." },
        { "POST", "/api/sessions", "{\"title\":\"" + new string('x', 70_000) + "\"}", "application/json", HttpStatusCode.RequestEntityTooLarge,
            "at most 64 KB here", "hier hoogstens 64 kB" },
    };

    [Theory]
    [MemberData(nameof(DutchRefusals))]
    public async Task A_refusal_before_any_command_carries_its_dutch_as_localized_beside_the_english_detail(
        string method, string path, string? body, string? contentType, HttpStatusCode expected, string english, string dutch)
    {
        var (status, problem, response) = await SendRawAsync(new HttpMethod(method), path, body, contentType, language: "nl-NL");
        using var _ = response;

        Assert.Equal(expected, status);
        Assert.Contains(english, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(dutch, problem.GetProperty("localized").GetString(), StringComparison.Ordinal);
        Assert.True(problem.TryGetProperty("traceId", out var traceId) && traceId.GetString()!.Length > 0, "no traceId");
    }

    [Fact]
    public async Task A_value_someone_sent_is_quoted_as_sent_in_the_dutch_not_translated()
    {
        var session = await CreateSessionAsync();

        // "Cancel" is a word the Dutch resources translate; as a value sent it must stay "Cancel".
        var (status, problem, response) = await SendRawAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}/report.md?answers=Cancel", null, null,
            language: "nl-NL", bearer: session.FacilitatorKey);
        using var _ = response;

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"Cancel\" is geen waarde die \"answers\" kan hebben.", problem.GetProperty("localized").GetString(), StringComparison.Ordinal);
    }
}
