using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sessions.Tests.Integration;

namespace Sessions.Tests.Reports;

public sealed class ReportApiTests : ApiTestBase
{
    private async Task<Created> FinishedSessionAsync()
    {
        var session = await CreateSessionAsync(new { title = "Vernieuwen", date = "2022-11-25", language = "nl", questions = new[] { "Wat nu?" } });
        var ann = await JoinAsync(session, "Ann");
        var a = await AnswerAsync(session, ann, "Samen leren");
        await AnswerAsync(session, ann, "Minder vergaderen");
        await MoveToVoteAsync(session);
        using (var ballot = await PutBallotAsync(session, ann, new Dictionary<Guid, int> { [a] = 1 }))
        {
            Assert.True(ballot.IsSuccessStatusCode);
        }
        await SetPhaseAsync(session, "result");
        return session;
    }

    private Task<HttpResponseMessage> ReportAsync(Created session, string format, string? bearer) =>
        SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}/report.{format}", bearer: bearer);

    private async Task<HttpResponseMessage> ImportAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await Client.PostAsync(new Uri("/api/sessions/import", UriKind.Relative), content);
    }

    [Fact]
    public async Task Report_without_the_facilitator_key_is_refused_with_401()
    {
        var session = await FinishedSessionAsync();

        using var response = await ReportAsync(session, "md", bearer: null);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Report_with_a_participant_token_is_refused_with_403()
    {
        var session = await FinishedSessionAsync();
        var bob = await JoinAsync(session, "Bob");

        using var response = await ReportAsync(session, "md", bob.ParticipantToken);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Markdown_report_with_the_key_downloads_as_an_md_file()
    {
        var session = await FinishedSessionAsync();

        using var response = await ReportAsync(session, "md", session.FacilitatorKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("vernieuwen-2022-11-25.md", (disposition.FileNameStar ?? disposition.FileName)?.Trim('"'));
        var md = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Vernieuwen\n", md);
        Assert.Contains("   1. Samen leren (1 stip)", md);
    }

    [Theory]
    [InlineData("md", "text/markdown")]
    [InlineData("html", "text/html")]
    [InlineData("pdf", "application/pdf")]
    [InlineData("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("csv", "text/csv")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("json", "application/json")]
    public async Task Every_report_format_downloads_with_its_content_type_and_extension(string format, string mediaType)
    {
        var session = await FinishedSessionAsync();

        using var response = await ReportAsync(session, format, session.FacilitatorKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.EndsWith("." + format, (disposition?.FileNameStar ?? disposition?.FileName)?.Trim('"'));
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Report_with_all_answers_lists_every_visible_answer()
    {
        var session = await FinishedSessionAsync();

        using var plain = await ReportAsync(session, "md", session.FacilitatorKey);
        using var all = await SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}/report.md?answers=true", bearer: session.FacilitatorKey);

        Assert.DoesNotContain("Minder vergaderen", await plain.Content.ReadAsStringAsync());
        Assert.Contains("- Minder vergaderen (0 stippen)", await all.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Report_in_an_unknown_format_is_404_problem()
    {
        var session = await FinishedSessionAsync();

        using var response = await ReportAsync(session, "xyz", session.FacilitatorKey);

        var detail = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("md", detail);
    }

    [Fact]
    public async Task Import_of_an_exported_archive_creates_a_new_session_with_its_own_join_code_and_key()
    {
        var session = await FinishedSessionAsync();
        using var export = await ReportAsync(session, "json", session.FacilitatorKey);
        var archive = await export.Content.ReadAsByteArrayAsync();

        using var response = await ImportAsync(archive);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<Created>(Json))!;
        Assert.False(string.IsNullOrWhiteSpace(created.JoinCode));
        Assert.False(string.IsNullOrWhiteSpace(created.FacilitatorKey));
        Assert.NotEqual(session.JoinCode, created.JoinCode);
        Assert.Equal($"/api/sessions/{created.JoinCode}", response.Headers.Location?.OriginalString);
        // The new key opens the new session's report, which is the same archive.
        using var again = await SendAsync(HttpMethod.Get, $"/api/sessions/{created.SessionId}/report.json", bearer: created.FacilitatorKey);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(archive, await again.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("{\"format\":\"other\",\"formatVersion\":1}")]
    public async Task Import_of_something_that_is_not_an_archive_is_400_problem(string body)
    {
        using var response = await ImportAsync(Encoding.UTF8.GetBytes(body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Import_of_an_archive_with_a_ballot_on_an_unknown_answer_is_400_problem()
    {
        var session = await FinishedSessionAsync();
        using var export = await ReportAsync(session, "json", session.FacilitatorKey);
        var json = await export.Content.ReadAsStringAsync();
        var broken = json.Replace("\"q1.a1\": 1", "\"q1.a7\": 1", StringComparison.Ordinal);
        Assert.NotEqual(json, broken);

        using var response = await ImportAsync(Encoding.UTF8.GetBytes(broken));

        var detail = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("q1.a7", detail);
    }

    [Fact]
    public async Task Import_of_an_archive_with_a_null_question_is_400_problem()
    {
        const string body = "{\"format\":\"sessions.archive\",\"formatVersion\":1,\"title\":\"Oud\",\"language\":\"nl\","
            + "\"settings\":{\"dotsPerParticipant\":3,\"maxDotsPerAnswer\":1},\"questions\":[null],\"participants\":[]}";

        using var response = await ImportAsync(Encoding.UTF8.GetBytes(body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
