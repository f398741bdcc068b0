using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Sessions.Core.Services;
using Sessions.Tests.Integration;
using Sessions.Tests.Support;

namespace Sessions.Tests.Security;

public sealed class HttpDefenceTests : ApiTestBase
{
    [Theory]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/api/sessions/ABCDEF")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));

        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    // Found after the probe: an archive sent without a declared length (chunked) got 413 "The request body is too
    // large." under the title "The request could not be read", without the limit.
    [Fact]
    public async Task An_archive_sent_without_its_length_is_refused_once_it_passes_the_limit_with_413_naming_it()
    {
        using var kestrel = SessionsAppFactory.OnKestrel();
        using var http = new HttpClient { BaseAddress = new Uri(kestrel.RootUri) };
        var body = Encoding.UTF8.GetBytes("{\"title\":\"" + new string('x', SessionImporter.MaxArchiveBytes) + "\"}");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/sessions/import", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        // Sent in chunks, with no Content-Length: the server learns the size only by reading.
        request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request);

        Assert.Contains("at most 36.3 MB here", await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);
        Assert.Equal("Too large", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_one_megabyte_body_is_refused_by_kestrel_with_413_and_nothing_changes()
    {
        // The test server enforces no body limit; the real server does.
        using var kestrel = SessionsAppFactory.OnKestrel();
        using var http = new HttpClient { BaseAddress = new Uri(kestrel.RootUri) };
        using var createResponse = await http.PostAsync(new Uri("/api/sessions", UriKind.Relative),
            new StringContent("{\"title\":\"Big\",\"questions\":[\"Q?\"]}", Encoding.UTF8, "application/json"));
        var created = JsonDocument.Parse(await createResponse.Content.ReadAsStringAsync()).RootElement;
        var joinCode = created.GetProperty("joinCode").GetString();
        using var joinResponse = await http.PostAsync(new Uri($"/api/sessions/{joinCode}/participants", UriKind.Relative),
            new StringContent("{\"name\":\"Ann\",\"mayBeNamed\":false}", Encoding.UTF8, "application/json"));
        var token = JsonDocument.Parse(await joinResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("participantToken").GetString();
        var huge = new string('x', 1024 * 1024);
        using var request = Request(HttpMethod.Post, $"/api/sessions/{joinCode}/questions/1/answers", bearer: token);
        request.Content = new StringContent(JsonSerializer.Serialize(new { text = huge, clientRequestId = "big" }), Encoding.UTF8, "application/json");
        // The server refuses on the declared length; without waiting for its answer the client could still be
        // writing the megabyte when the server closes the connection (a broken pipe instead of the 413).
        request.Headers.ExpectContinue = true;

        using var response = await http.SendAsync(request);

        var detail = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("too large", detail, StringComparison.Ordinal);
        var state = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/sessions/{joinCode}", UriKind.Relative))).RootElement;
        Assert.Empty(state.GetProperty("questions")[0].GetProperty("answers").EnumerateArray());
    }

    [Fact]
    public async Task Guessing_join_codes_is_cut_off_after_30_unknown_codes_a_minute()
    {
        var session = await CreateSessionAsync();
        for (var i = 0; i < 30; i++)
        {
            using var miss = await Client.GetAsync(new Uri($"/api/sessions/ZZZ{i % 10}{(i / 10) + 2}Z", UriKind.Relative));
            await AssertProblemAsync(miss, HttpStatusCode.NotFound);
        }

        // Now even a real code is refused from this address for the rest of the minute.
        using var blocked = await Client.GetAsync(new Uri($"/api/sessions/{session.JoinCode}", UriKind.Relative));
        var detail = await AssertProblemAsync(blocked, HttpStatusCode.TooManyRequests);
        Assert.Contains("unknown join codes", detail, StringComparison.Ordinal);
        using var join = await SendAsync(HttpMethod.Post, $"/api/sessions/{session.JoinCode}/participants", new { name = "Eve", mayBeNamed = false });
        await AssertProblemAsync(join, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_locked_session_refuses_a_join_over_http()
    {
        var session = await CreateSessionAsync();
        using var locked = await SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/joining", new { locked = true }, session.FacilitatorKey);
        Assert.Equal(HttpStatusCode.NoContent, locked.StatusCode);

        using var join = await SendAsync(HttpMethod.Post, $"/api/sessions/{session.JoinCode}/participants", new { name = "Late", mayBeNamed = true });

        await AssertProblemAsync(join, HttpStatusCode.Conflict);
        Assert.Equal(0, (await StateAsync(session)).GetProperty("participantCount").GetInt32());
    }

    [Fact]
    public async Task The_hub_offers_no_facilitator_command()
    {
        var session = await CreateSessionAsync();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Factory.Server.BaseAddress, "/hubs/session"), o =>
            {
                o.HttpMessageHandlerFactory = _ => Factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        await connection.StartAsync();

        foreach (var method in new[] { "SetPhase", "Merge", "PatchAnswer", "Tie", "DeleteSession", "GoTo", "RemoveParticipant" })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(method, session.SessionId, session.FacilitatorKey, 1));
            Assert.Contains("does not exist", refused.Message, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("collect", Question(await StateAsync(session)).GetProperty("phase").GetString());
    }

    [Fact]
    public async Task In_production_a_refusal_carries_no_exception_details()
    {
        using var database = new TestDatabase();
        await using var production = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Sessions", database.ConnectionString);
        });
        using var client = production.CreateClient();
        using var malformed = new StringContent("{\"title\": ", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/api/sessions", UriKind.Relative), malformed);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("exception", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Sessions.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/")]
    [InlineData("")]
    public async Task The_language_switch_never_redirects_off_the_site(string target)
    {
        using var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri($"/culture?culture=en&redirectUri={Uri.EscapeDataString(target)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_language_switch_refuses_an_unknown_language()
    {
        using var response = await Client.GetAsync(new Uri("/culture?culture=xx&redirectUri=%2F", UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
