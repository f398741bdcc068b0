using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sessions.Tests.Integration;

public class FacilitatorApiTests : ApiTestBase
{
    private sealed record Arranged(Created Session, Joined Ann, Guid A, Guid B);

    private async Task<Arranged> ArrangeAsync()
    {
        var created = await CreateSessionAsync();
        var ann = await JoinAsync(created);
        var a = await AnswerAsync(created, ann, "A");
        var b = await AnswerAsync(created, ann, "B");
        return new Arranged(created, ann, a, b);
    }

    /// <summary>Every facilitator call of the contract, as (method, url, body).</summary>
    private static IEnumerable<(HttpMethod Method, string Url, object? Body)> Calls(Arranged f)
    {
        var root = $"/api/sessions/{f.Session.SessionId}";
        yield return (HttpMethod.Post, $"{root}/questions/1/phase", new { phase = "converge" });
        yield return (HttpMethod.Post, $"{root}/questions/1/answers/{f.B}/merge", new { into = f.A });
        yield return (HttpMethod.Post, $"{root}/questions/1/answers/{f.B}/unmerge", null);
        yield return (HttpMethod.Patch, $"{root}/questions/1/answers/{f.A}", new { hidden = true });
        yield return (HttpMethod.Post, $"{root}/questions/1/tie", new { runoff = true });
        yield return (HttpMethod.Delete, root, null);
    }

    [Fact]
    public async Task Facilitator_calls_without_a_key_are_401_problem_and_change_nothing()
    {
        var f = await ArrangeAsync();
        var before = (await StateAsync(f.Session)).GetProperty("version").GetInt64();

        foreach (var (method, url, body) in Calls(f))
        {
            using var response = await SendAsync(method, url, body);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }

        Assert.Equal(before, (await StateAsync(f.Session)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Facilitator_calls_with_a_participant_token_are_403_problem_and_change_nothing()
    {
        var f = await ArrangeAsync();
        var before = (await StateAsync(f.Session)).GetProperty("version").GetInt64();

        foreach (var (method, url, body) in Calls(f))
        {
            using var response = await SendAsync(method, url, body, f.Ann.ParticipantToken);
            await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }

        var after = await StateAsync(f.Session);
        Assert.Equal(before, after.GetProperty("version").GetInt64());
        Assert.Equal(2, Question(after).GetProperty("answers").GetArrayLength());
    }

    [Fact]
    public async Task Phase_moves_one_step_and_every_screen_sees_it()
    {
        var f = await ArrangeAsync();

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{f.Session.SessionId}/questions/1/phase", new { phase = "converge" }, f.Session.FacilitatorKey);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("converge", Question(await StateAsync(f.Session)).GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Skipping_a_phase_is_409_problem()
    {
        var f = await ArrangeAsync();

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{f.Session.SessionId}/questions/1/phase", new { phase = "result" }, f.Session.FacilitatorKey);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("collect", Question(await StateAsync(f.Session)).GetProperty("phase").GetString());
    }

    [Theory]
    [InlineData("voting")]
    [InlineData("2")]
    public async Task Unknown_phase_is_400_problem(string phase)
    {
        var f = await ArrangeAsync();

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{f.Session.SessionId}/questions/1/phase", new { phase }, f.Session.FacilitatorKey);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Merge_marks_the_source_as_merged_into_the_target()
    {
        var f = await ArrangeAsync();
        await SetPhaseAsync(f.Session, "converge");

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{f.Session.SessionId}/questions/1/answers/{f.B}/merge",
            new { into = f.A, text = "A and B" }, f.Session.FacilitatorKey);

        Assert.True(response.IsSuccessStatusCode);
        var answers = Question(await StateAsync(f.Session)).GetProperty("answers").EnumerateArray().ToDictionary(a => a.GetProperty("answerId").GetGuid());
        Assert.Equal(f.A, answers[f.B].GetProperty("mergedInto").GetGuid());
        Assert.Equal("A and B", answers[f.A].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Merge_without_into_is_400_problem()
    {
        var f = await ArrangeAsync();
        await SetPhaseAsync(f.Session, "converge");

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{f.Session.SessionId}/questions/1/answers/{f.B}/merge", new { }, f.Session.FacilitatorKey);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Merge_into_an_unknown_answer_is_404_problem()
    {
        var f = await ArrangeAsync();
        await SetPhaseAsync(f.Session, "converge");

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{f.Session.SessionId}/questions/1/answers/{f.B}/merge",
            new { into = Guid.NewGuid() }, f.Session.FacilitatorKey);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_edits_the_wording_and_hides_an_answer()
    {
        var f = await ArrangeAsync();
        var url = $"/api/sessions/{f.Session.SessionId}/questions/1/answers";

        using (var edit = await SendAsync(HttpMethod.Patch, $"{url}/{f.A}", new { text = "A, clearer" }, f.Session.FacilitatorKey))
        {
            Assert.True(edit.IsSuccessStatusCode);
        }
        using (var hide = await SendAsync(HttpMethod.Patch, $"{url}/{f.B}", new { hidden = true }, f.Session.FacilitatorKey))
        {
            Assert.True(hide.IsSuccessStatusCode);
        }

        var answer = Assert.Single(Question(await StateAsync(f.Session)).GetProperty("answers").EnumerateArray());
        Assert.Equal("A, clearer", answer.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Patch_with_nothing_to_change_is_400_problem()
    {
        var f = await ArrangeAsync();

        using var response = await SendAsync(HttpMethod.Patch, $"/api/sessions/{f.Session.SessionId}/questions/1/answers/{f.A}", new { }, f.Session.FacilitatorKey);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Tie_settled_by_choice_fills_the_top_three()
    {
        var (created, _, answers) = await TieAtThirdPlaceAsync();
        var before = Question(await StateAsync(created));
        Assert.Equal(2, before.GetProperty("top3").GetArrayLength());
        Assert.Equal(1, before.GetProperty("tie").GetProperty("places").GetInt32());

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{created.SessionId}/questions/1/tie",
            new { winners = new[] { answers[3] } }, created.FacilitatorKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("settled").GetBoolean());
        var after = Question(await StateAsync(created));
        Assert.Equal([answers[0], answers[1], answers[3]], after.GetProperty("top3").EnumerateArray().Select(t => t.GetProperty("answerId").GetGuid()));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("tie").ValueKind);
        Assert.Equal("choice", after.GetProperty("tieSettledBy").GetString());
    }

    [Fact]
    public async Task Tie_settled_by_runoff_over_http()
    {
        var (created, people, answers) = await TieAtThirdPlaceAsync();
        var tieUrl = $"/api/sessions/{created.SessionId}/questions/1/tie";

        using (var open = await SendAsync(HttpMethod.Post, tieUrl, new { runoff = true }, created.FacilitatorKey))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }
        foreach (var (person, choice) in new[] { (people[0], answers[2]), (people[1], answers[2]), (people[2], answers[3]) })
        {
            using var ballot = await PutBallotAsync(created, person, new() { [choice] = 1 });
            Assert.Equal(HttpStatusCode.OK, ballot.StatusCode);
        }
        using (var close = await SendAsync(HttpMethod.Post, tieUrl, new { runoff = false }, created.FacilitatorKey))
        {
            Assert.True((await close.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("settled").GetBoolean());
        }

        var after = Question(await StateAsync(created));
        Assert.Equal([answers[0], answers[1], answers[2]], after.GetProperty("top3").EnumerateArray().Select(t => t.GetProperty("answerId").GetGuid()));
        Assert.Equal("runoff", after.GetProperty("tieSettledBy").GetString());
    }

    [Fact]
    public async Task Tie_call_without_winners_or_runoff_is_400_problem()
    {
        var (created, _, _) = await TieAtThirdPlaceAsync();

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{created.SessionId}/questions/1/tie", new { }, created.FacilitatorKey);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Tie_call_when_nothing_is_tied_is_409_problem()
    {
        var f = await ArrangeAsync();

        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{f.Session.SessionId}/questions/1/tie", new { runoff = true }, f.Session.FacilitatorKey);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Delete_removes_the_session_for_everyone()
    {
        var f = await ArrangeAsync();

        using var response = await SendAsync(HttpMethod.Delete, $"/api/sessions/{f.Session.SessionId}", null, f.Session.FacilitatorKey);

        Assert.True(response.IsSuccessStatusCode);
        using var state = await Client.GetAsync(new Uri($"/api/sessions/{f.Session.JoinCode}", UriKind.Relative));
        await AssertProblemAsync(state, HttpStatusCode.NotFound);
        using var answer = await SendAsync(HttpMethod.Post, $"/api/sessions/{f.Session.JoinCode}/questions/1/answers",
            new { text = "x", clientRequestId = "z" }, f.Ann.ParticipantToken);
        await AssertProblemAsync(answer, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_with_the_key_of_another_session_is_403_problem()
    {
        var f = await ArrangeAsync();
        var other = await CreateSessionAsync();

        using var response = await SendAsync(HttpMethod.Delete, $"/api/sessions/{f.Session.SessionId}", null, other.FacilitatorKey);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(f.Session.JoinCode, (await StateAsync(f.Session)).GetProperty("joinCode").GetString());
    }

    /// <summary>A gets 3 dots, B 2, C and D 1 each: C and D tie for third place. Left in result.</summary>
    private async Task<(Created Session, Joined[] People, Guid[] Answers)> TieAtThirdPlaceAsync()
    {
        var created = await CreateSessionAsync(new { title = "T", questions = new[] { "Q?" }, dotsPerParticipant = 3, maxDotsPerAnswer = 1 });
        var people = new[] { await JoinAsync(created, "Ann"), await JoinAsync(created, "Bob"), await JoinAsync(created, "Cas") };
        var answers = new[]
        {
            await AnswerAsync(created, people[0], "A"),
            await AnswerAsync(created, people[1], "B"),
            await AnswerAsync(created, people[2], "C"),
            await AnswerAsync(created, people[0], "D"),
        };
        await MoveToVoteAsync(created);
        foreach (var (person, ballot) in new[]
        {
            (people[0], new Dictionary<Guid, int> { [answers[0]] = 1, [answers[1]] = 1, [answers[2]] = 1 }),
            (people[1], new Dictionary<Guid, int> { [answers[0]] = 1, [answers[1]] = 1, [answers[3]] = 1 }),
            (people[2], new Dictionary<Guid, int> { [answers[0]] = 1 }),
        })
        {
            using var response = await PutBallotAsync(created, person, ballot);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await SetPhaseAsync(created, "result");
        return (created, people, answers);
    }
}
