using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Tests.Support;

namespace Sessions.Tests.Integration;

/// <summary>/openapi/v1.json describes the whole /api contract the app maps; the reference page is there in Development only.</summary>
public sealed partial class OpenApiDocumentTests : IAsyncLifetime
{
    private readonly SessionsAppFactory _factory = new();
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>"POST /api/sessions/{sessionId}/questions/{questionNumber}/phase": constraints and a trailing slash do not count.</summary>
    private static string Key(string method, string path) =>
        $"{method.ToUpperInvariant()} {Constraint().Replace(path, "{$1}").TrimEnd('/')}";

    private IEnumerable<(string Key, JsonElement Operation)> Operations() =>
        _document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
            .Select(o => (Key(o.Name, path.Name), o.Value)));

    private List<RouteEndpoint> ApiEndpoints() =>
        _factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            // The fallback answers calls that are not in the contract (404, or 415 for a body that is not JSON).
            .Where(e => !e.RoutePattern.RawText!.Contains("{*", StringComparison.Ordinal))
            .ToList();

    [Fact]
    public void The_document_lists_every_route_the_app_maps_under_api_and_no_other()
    {
        var mapped = ApiEndpoints()
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => Key(m, e.RoutePattern.RawText!)))
            .ToHashSet();
        // /healthz is described too, for monitors, though it is not part of /api.
        mapped.Add("GET /healthz");
        var documented = Operations().Select(o => o.Key).ToHashSet();

        Assert.True(mapped.Count >= 30, $"Only {mapped.Count} API routes found: {string.Join(", ", mapped)}");
        Assert.Empty(mapped.Except(documented));
        Assert.Empty(documented.Except(mapped));
    }

    private JsonElement Schemas => _document.GetProperty("components").GetProperty("schemas");

    private string[] Required(string schema) =>
        Schemas.GetProperty(schema).TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!).Order()] : [];

    // The outsider's finding: 12 of CreateSessionBody's 13 optional settings, JoinBody's organisation and consent,
    // AnswerBody's clientRequestId and both of TieBody's fields were marked required, so a generated client demanded them.
    [Fact]
    public void A_field_a_call_may_leave_out_is_not_marked_required()
    {
        Assert.Empty(Required("CreateSessionBody"));
        Assert.Equal(["name"], Required("JoinBody"));
        Assert.Equal(["text"], Required("AnswerBody"));
        Assert.Empty(Required("SettingsBody"));
        Assert.Empty(Required("TieBody"));
        Assert.Empty(Required("RevealBody"));
        Assert.Empty(Required("PatchAnswerBody"));
        Assert.Equal(["into"], Required("MergeBody"));
        Assert.Equal(["minutes"], Required("TimerBody"));
    }

    // The import's body is the archive the app writes, but the importer needs only part of it (a second outsider's finding:
    // settings, intro, participants and every field of a question were marked required).
    [Fact]
    public void The_import_marks_required_only_what_an_archive_cannot_be_imported_without()
    {
        var body = Operations().Single(o => o.Key == "POST /api/sessions/import").Operation
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var archive = Resolve(body);
        var question = Resolve(Property(archive, "questions").GetProperty("items"));

        Assert.Equal(["format", "formatVersion", "questions", "title"], RequiredOf(archive));
        Assert.Equal(["number", "phase", "text"], RequiredOf(question));
        Assert.Equal(["ref", "text"], RequiredOf(Resolve(Property(question, "answers").GetProperty("items"))));
        Assert.Equal(["dots", "participant"], RequiredOf(Resolve(Property(question, "ballots").GetProperty("items"))));
        Assert.Equal(["ref"], RequiredOf(Resolve(Property(archive, "participants").GetProperty("items"))));
        Assert.Empty(RequiredOf(Resolve(Property(archive, "settings"))));
    }

    /// <summary>A schema written in place, behind a $ref, or as one of a nullable's alternatives.</summary>
    private JsonElement Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }
        foreach (var alternatives in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(alternatives, out var options))
            {
                return Resolve(options.EnumerateArray().First(o => !(o.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null")));
            }
        }
        return schema;
    }

    private JsonElement Property(JsonElement schema, string name) => Resolve(schema.GetProperty("properties").GetProperty(name));

    private static string[] RequiredOf(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!).Order()] : [];

    private static string[] SchemesOf(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
            ? [.. security.EnumerateArray().Select(r => string.Join("+", r.EnumerateObject().Select(p => p.Name))).Order()]
            : [];

    [Fact]
    public void The_two_keys_are_bearer_schemes_and_every_call_names_the_one_it_takes()
    {
        var schemes = _document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("facilitatorKey").GetProperty("scheme").GetString());
        Assert.Equal("bearer", schemes.GetProperty("participantToken").GetProperty("scheme").GetString());
        var operations = Operations().ToDictionary(o => o.Key, o => o.Operation);

        Assert.Equal(["facilitatorKey"], SchemesOf(operations["POST /api/sessions/{sessionId}/questions/{questionNumber}/phase"]));
        Assert.Equal(["facilitatorKey"], SchemesOf(operations["GET /api/sessions/{sessionId}/report.{format}"]));
        Assert.Equal(["participantToken"], SchemesOf(operations["PUT /api/sessions/{joinCode}/questions/{questionNumber}/ballot"]));
        // Joining takes the token the browser holds, if any: an empty requirement says it may be left out.
        Assert.Equal(["", "participantToken"], SchemesOf(operations["POST /api/sessions/{joinCode}/participants"]));
        Assert.Equal(["", "facilitatorKey"], SchemesOf(operations["GET /api/templates"]));
        Assert.Empty(SchemesOf(operations["POST /api/sessions"]));
        Assert.Empty(SchemesOf(operations["GET /api/sessions/{joinCode}"]));
        Assert.All(operations.Where(o => o.Key.Contains("{sessionId}", StringComparison.Ordinal)),
            o => Assert.Equal(["facilitatorKey"], SchemesOf(o.Value)));
    }

    [Fact]
    public void Every_call_with_a_body_names_415_and_every_problem_carries_localized_and_trace_id()
    {
        foreach (var (key, operation) in Operations().Where(o => o.Operation.TryGetProperty("requestBody", out _)))
        {
            Assert.True(operation.GetProperty("responses").TryGetProperty("415", out var unsupported), $"{key} does not name 415");
            Assert.True(unsupported.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{key}: 415 is not problem+json");
        }
        var problem = Schemas.GetProperty("ProblemDetails").GetProperty("properties");
        Assert.True(problem.TryGetProperty("localized", out _), "ProblemDetails has no localized");
        Assert.True(problem.TryGetProperty("traceId", out _), "ProblemDetails has no traceId");
    }

    [Fact]
    public void Healthz_is_described_with_its_answers()
    {
        var health = _document.GetProperty("paths").GetProperty("/healthz").GetProperty("get").GetProperty("responses");

        Assert.True(health.TryGetProperty("200", out _));
        Assert.True(health.TryGetProperty("503", out _));
    }

    [Fact]
    public void Every_call_names_its_problem_answers_and_every_call_with_a_body_describes_it()
    {
        var bodies = ApiEndpoints()
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>() is not null || e.RoutePattern.RawText!.EndsWith("/import", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => Key(m, e.RoutePattern.RawText!)))
            .ToHashSet();
        Assert.Contains("POST /api/sessions/import", bodies);

        // /healthz (described for monitors) answers in plain text, not as a call of the contract.
        foreach (var (key, operation) in Operations().Where(o => o.Key != "GET /healthz"))
        {
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            Assert.True(responses.Any(r => r.Name.StartsWith('2')), $"{key} names no success answer");
            var problems = responses.Where(r => r.Name.StartsWith('4')).ToList();
            Assert.True(problems.Count > 0, $"{key} names no problem answer");
            Assert.All(problems, r => Assert.True(r.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{key} {r.Name} is not problem+json"));
            if (bodies.Contains(key))
            {
                Assert.True(operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out _),
                    $"{key} takes a JSON body the document does not describe");
            }
        }
    }

    [Fact]
    public void A_created_session_and_a_join_are_described_with_their_bodies()
    {
        var operations = Operations().ToDictionary(o => o.Key, o => o.Operation);

        var create = operations["POST /api/sessions"];
        Assert.EndsWith("CreateSessionBody", Schema(create.GetProperty("requestBody")), StringComparison.Ordinal);
        Assert.EndsWith("CreatedSessionResponse", Schema(create.GetProperty("responses").GetProperty("201")), StringComparison.Ordinal);
        Assert.EndsWith("CreatedSessionResponse", Schema(operations["POST /api/sessions/import"].GetProperty("responses").GetProperty("201")), StringComparison.Ordinal);
        Assert.Contains("questions", Schema(operations["POST /api/sessions/import"].GetProperty("requestBody")), StringComparison.Ordinal);

        var join = operations["POST /api/sessions/{joinCode}/participants"].GetProperty("responses");
        Assert.EndsWith("JoinResponse", Schema(join.GetProperty("200")), StringComparison.Ordinal);
        Assert.EndsWith("JoinResponse", Schema(join.GetProperty("201")), StringComparison.Ordinal);
        Assert.True(operations["POST /api/sessions/{sessionId}/questions/{questionNumber}/reveal"].GetProperty("responses").TryGetProperty("204", out _));
    }

    /// <summary>The schema's reference, or the names of its properties when it is written out in place.</summary>
    private static string Schema(JsonElement withContent)
    {
        var content = withContent.GetProperty("content");
        var schema = (content.TryGetProperty("application/json", out var json) ? json : content.EnumerateObject().First().Value).GetProperty("schema");
        return schema.TryGetProperty("$ref", out var reference)
            ? reference.GetString()!
            : string.Join(",", schema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_reference_page_is_served_in_development_and_not_in_production()
    {
        using (var client = _factory.CreateClient())
        {
            using var page = await client.GetAsync(new Uri("/api-reference", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("/api-reference.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var script = await client.GetAsync(new Uri("/api-reference.js", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Contains("/openapi/v1.json", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var production = new SessionsAppFactory(new Dictionary<string, string?> { ["environment"] = "Production" });
        using var productionClient = production.CreateClient();
        using var missing = await productionClient.GetAsync(new Uri("/api-reference.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex Constraint();
}
