using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Sessions.Tests.Integration;

public class SessionsApiTests : ApiTestBase
{
    [Fact]
    public async Task Create_session_returns_201_with_ids_keys_and_links()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/sessions", new { title = "Retro", questions = new[] { "What went well?" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<Created>(Json))!;
        Assert.NotEqual(Guid.Empty, created.SessionId);
        Assert.Matches("^[A-HJKMNP-Z2-9]{6}$", created.JoinCode);
        Assert.False(string.IsNullOrWhiteSpace(created.FacilitatorKey));
        Assert.EndsWith($"/join/{created.JoinCode}", created.JoinUrl, StringComparison.Ordinal);
        Assert.EndsWith($"/board/{created.JoinCode}", created.BoardUrl, StringComparison.Ordinal);
        Assert.Contains($"/facilitate/{created.SessionId}", created.FacilitatorUrl, StringComparison.Ordinal);
        Assert.True(Uri.IsWellFormedUriString(created.JoinUrl, UriKind.Absolute));
    }

    [Fact]
    public async Task Create_session_from_the_template_gives_its_four_dutch_questions()
    {
        var created = await CreateSessionAsync(new { template = "vernieuwen-2022" });

        var state = await StateAsync(created);

        Assert.Equal("Vernieuwen doen we Samen", state.GetProperty("title").GetString());
        Assert.Equal(4, state.GetProperty("questions").GetArrayLength());
        Assert.StartsWith("Welk doel willen we bereiken", Question(state, 1).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> BadCreateBodies =>
    [
        """{"title":"T","questions":[]}""",
        """{"title":"T","questions":["  "]}""",
        """{"title":"T","template":"no-such-template"}""",
        """{"title":"","questions":["Q?"]}""",
        """{"title":"T","questions":["Q?"],"dotsPerParticipant":0}""",
        """{"title":"T","questions":["Q?"],"language":"klingon"}""",
    ];

    [Theory]
    [MemberData(nameof(BadCreateBodies))]
    public async Task Create_session_with_bad_input_is_400_problem(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync(new Uri("/api/sessions", UriKind.Relative), content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Malformed_json_is_400_problem()
    {
        using var content = new StringContent("{\"title\": \"T\", \"questions\": [", Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync(new Uri("/api/sessions", UriKind.Relative), content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Public_state_has_the_contract_shape()
    {
        var created = await CreateSessionAsync();

        var state = await StateAsync(created);

        Assert.Equal(created.JoinCode, state.GetProperty("joinCode").GetString());
        Assert.Equal("Test session", state.GetProperty("title").GetString());
        Assert.True(state.GetProperty("version").GetInt64() >= 1);
        Assert.Equal(0, state.GetProperty("currentQuestion").GetInt32());
        Assert.True(state.TryGetProperty("date", out _));
        Assert.True(state.TryGetProperty("language", out _));
        var questions = state.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal([1, 2], questions.Select(q => q.GetProperty("number").GetInt32()));
        var first = questions[0];
        Assert.Equal("First question?", first.GetProperty("text").GetString());
        Assert.Equal("collect", first.GetProperty("phase").GetString());
        Assert.Equal(JsonValueKind.Array, first.GetProperty("answers").ValueKind);
        Assert.Equal(JsonValueKind.Array, first.GetProperty("top3").ValueKind);
        Assert.True(first.TryGetProperty("tie", out var tie));
        Assert.Equal(JsonValueKind.Null, tie.ValueKind);
        Assert.DoesNotContain("facilitatorKey", state.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Public_state_is_found_with_a_lower_case_join_code()
    {
        var created = await CreateSessionAsync();

        using var response = await Client.GetAsync(new Uri($"/api/sessions/{created.JoinCode.ToLowerInvariant()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("ZZZZZZ")]
    [InlineData("nope")]
    public async Task Unknown_join_code_is_404_problem(string code)
    {
        using var response = await Client.GetAsync(new Uri($"/api/sessions/{code}", UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Join_returns_a_participant_id_and_token()
    {
        var created = await CreateSessionAsync();

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{created.JoinCode}/participants", new { name = "Ann", mayBeNamed = true });

        Assert.True(response.IsSuccessStatusCode);
        var joined = (await response.Content.ReadFromJsonAsync<Joined>(Json))!;
        Assert.NotEqual(Guid.Empty, joined.ParticipantId);
        Assert.False(string.IsNullOrWhiteSpace(joined.ParticipantToken));
        Assert.Equal(1, (await StateAsync(created)).GetProperty("participantCount").GetInt32());
    }

    [Fact]
    public async Task Join_with_an_empty_name_is_400_problem_and_nobody_joins()
    {
        var created = await CreateSessionAsync();

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{created.JoinCode}/participants", new { name = " ", mayBeNamed = false });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, (await StateAsync(created)).GetProperty("participantCount").GetInt32());
    }

    [Fact]
    public async Task Join_an_unknown_session_is_404_problem()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/sessions/ZZZZZZ/participants", new { name = "Ann", mayBeNamed = false });

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Answer_is_201_and_shows_in_the_public_state()
    {
        var created = await CreateSessionAsync();
        var ann = await JoinAsync(created);

        var answerId = await AnswerAsync(created, ann, "More trust");

        var answer = Assert.Single(Question(await StateAsync(created)).GetProperty("answers").EnumerateArray());
        Assert.Equal(answerId, answer.GetProperty("answerId").GetGuid());
        Assert.Equal("More trust", answer.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Same_client_request_id_returns_the_same_answer_and_never_a_second_one()
    {
        var created = await CreateSessionAsync();
        var ann = await JoinAsync(created);

        var first = await AnswerAsync(created, ann, "Once", "req-42");
        var second = await AnswerAsync(created, ann, "Once", "req-42");

        Assert.Equal(first, second);
        Assert.Single(Question(await StateAsync(created)).GetProperty("answers").EnumerateArray());
    }

    [Fact]
    public async Task Answer_without_a_token_is_401_problem()
    {
        var created = await CreateSessionAsync();

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{created.JoinCode}/questions/1/answers", new { text = "x", clientRequestId = "a" });

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(Question(await StateAsync(created)).GetProperty("answers").EnumerateArray());
    }

    [Fact]
    public async Task Answer_with_a_forged_token_is_401_problem()
    {
        var created = await CreateSessionAsync();

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{created.JoinCode}/questions/1/answers",
            new { text = "x", clientRequestId = "a" }, "forged-token");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Answer_of_501_characters_is_400_problem()
    {
        var created = await CreateSessionAsync();
        var ann = await JoinAsync(created);

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{created.JoinCode}/questions/1/answers",
            new { text = new string('x', 501), clientRequestId = "a" }, ann.ParticipantToken);

        var detail = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("500", detail, StringComparison.Ordinal);
        Assert.Empty(Question(await StateAsync(created)).GetProperty("answers").EnumerateArray());
    }

    [Fact]
    public async Task Answer_outside_collect_is_409_problem()
    {
        var created = await CreateSessionAsync();
        var ann = await JoinAsync(created);
        await SetPhaseAsync(created, "converge");

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{created.JoinCode}/questions/1/answers",
            new { text = "late", clientRequestId = "a" }, ann.ParticipantToken);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Ballot_is_200_and_the_dots_show_in_the_public_state()
    {
        var created = await CreateSessionAsync();
        var ann = await JoinAsync(created);
        var a = await AnswerAsync(created, ann, "A");
        var b = await AnswerAsync(created, ann, "B");
        await MoveToVoteAsync(created);

        using var response = await PutBallotAsync(created, ann, new() { [a] = 1 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(1, accepted.GetProperty("dots").GetProperty(a.ToString()).GetInt32());
        var dots = Dots(Question(await StateAsync(created)));
        Assert.Equal(1, dots[a]);
        Assert.Equal(0, dots[b]);
    }

    [Fact]
    public async Task Ballot_over_budget_is_400_problem_and_nothing_changes()
    {
        var created = await CreateSessionAsync(new { title = "T", questions = new[] { "Q?" }, dotsPerParticipant = 2, maxDotsPerAnswer = 1 });
        var ann = await JoinAsync(created);
        var a = await AnswerAsync(created, ann, "A");
        var b = await AnswerAsync(created, ann, "B");
        var c = await AnswerAsync(created, ann, "C");
        await MoveToVoteAsync(created);
        using (var first = await PutBallotAsync(created, ann, new() { [a] = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        var before = await StateAsync(created);

        using var response = await PutBallotAsync(created, ann, new() { [a] = 1, [b] = 1, [c] = 1 });

        var detail = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("3", detail, StringComparison.Ordinal);
        var after = await StateAsync(created);
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(Dots(Question(before)), Dots(Question(after)));
    }

    [Fact]
    public async Task Ballot_over_the_per_answer_cap_is_400_problem()
    {
        var created = await CreateSessionAsync();
        var ann = await JoinAsync(created);
        var a = await AnswerAsync(created, ann, "A");
        await MoveToVoteAsync(created);

        using var response = await PutBallotAsync(created, ann, new() { [a] = 2 });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, Dots(Question(await StateAsync(created)))[a]);
    }

    [Fact]
    public async Task Ballot_while_voting_is_closed_is_409_problem()
    {
        var created = await CreateSessionAsync();
        var ann = await JoinAsync(created);
        var a = await AnswerAsync(created, ann, "A");

        using var response = await PutBallotAsync(created, ann, new() { [a] = 1 });

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Health_check_answers_200_with_the_configured_database()
    {
        using var response = await Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Factory.Database.Exists(), "the app should have created the test's own database");
    }

    [Fact]
    public async Task Unknown_api_call_is_404_problem()
    {
        using var response = await Client.GetAsync(new Uri("/api/sessions/ABCDEF/nothing/here", UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }
}
