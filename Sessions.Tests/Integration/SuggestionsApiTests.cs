using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sessions.Tests.Integration;

/// <summary>The converge assistant over HTTP: suggested groups, merging a group at once, saying no to a suggestion.</summary>
public class SuggestionsApiTests : ApiTestBase
{
    private sealed record Room(Created Session, Joined Ann, Guid Werkdruk1, Guid Werkdruk2, Guid Werkdruk3, Guid Koffie);

    private async Task<Room> ArrangeAsync()
    {
        var created = await CreateSessionAsync(new
        {
            title = "Werkoverleg",
            language = "nl",
            questions = new[] { "Wat maakt het werk zwaar?", "Wat gaat goed?" },
            liveCounts = true,
            dotsPerParticipant = 6,
            maxDotsPerAnswer = 3,
        });
        var ann = await JoinAsync(created);
        var a = await AnswerAsync(created, ann, "De werkdruk is te hoog");
        var b = await AnswerAsync(created, ann, "Veel te hoge werkdruk");
        var c = await AnswerAsync(created, ann, "Werkdruk!!");
        var koffie = await AnswerAsync(created, ann, "Gratis koffie in de kantine");
        return new Room(created, ann, a, b, c, koffie);
    }

    private string Root(Room room, int question = 1) => $"/api/sessions/{room.Session.SessionId}/questions/{question}";

    private async Task<List<(List<Guid> Ids, double Score, List<string> Terms)>> SuggestionsAsync(Room room)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Root(room)}/suggestions", bearer: room.Session.FacilitatorKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return body.GetProperty("groups").EnumerateArray().Select(g => (
            g.GetProperty("answerIds").EnumerateArray().Select(x => x.GetGuid()).ToList(),
            g.GetProperty("score").GetDouble(),
            g.GetProperty("sharedTerms").EnumerateArray().Select(x => x.GetString()!).ToList())).ToList();
    }

    private async Task<long> VersionAsync(Room room) => (await StateAsync(room.Session)).GetProperty("version").GetInt64();

    [Fact]
    public async Task Answers_that_say_the_same_thing_come_back_as_one_group_with_what_they_share()
    {
        var room = await ArrangeAsync();

        var groups = await SuggestionsAsync(room);

        var group = Assert.Single(groups);
        Assert.Equal(new[] { room.Werkdruk1, room.Werkdruk2, room.Werkdruk3 }.Order(), group.Ids.Order());
        Assert.DoesNotContain(room.Koffie, group.Ids);
        Assert.InRange(group.Score, 0.0, 1.0);
        Assert.Contains("druk", group.Terms);
        using var response = await SendAsync(HttpMethod.Get, $"{Root(room)}/suggestions", bearer: room.Session.FacilitatorKey);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(4, body.GetProperty("considered").GetInt32());
        Assert.Equal(4, body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Suggestions_need_the_facilitator_key_and_a_real_question()
    {
        var room = await ArrangeAsync();

        using (var response = await SendAsync(HttpMethod.Get, $"{Root(room)}/suggestions"))
        {
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }
        using (var response = await SendAsync(HttpMethod.Get, $"{Root(room)}/suggestions", bearer: room.Ann.ParticipantToken))
        {
            await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }
        using (var response = await SendAsync(HttpMethod.Get, $"{Root(room, 9)}/suggestions", bearer: room.Session.FacilitatorKey))
        {
            await AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_question_past_the_bound_says_how_many_answers_its_suggestions_cover()
    {
        var total = Sessions.Core.Suggestions.DuplicateSuggester.MaxAnswers + 50;
        using var import = await SendAsync(HttpMethod.Post, "/api/sessions/import", Suggestions.LargeQuestion.Archive(total));
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var created = (await import.Content.ReadFromJsonAsync<Created>(Json))!;

        using var response = await SendAsync(HttpMethod.Get, $"/api/sessions/{created.SessionId}/questions/1/suggestions", bearer: created.FacilitatorKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(Sessions.Core.Suggestions.DuplicateSuggester.MaxAnswers, body.GetProperty("considered").GetInt32());
        Assert.Equal(total, body.GetProperty("total").GetInt32());
        // The pair at the start is found; the pair at the end lies past the bound.
        var group = Assert.Single(body.GetProperty("groups").EnumerateArray());
        Assert.Equal(2, group.GetProperty("answerIds").GetArrayLength());
        Assert.Contains("druk", group.GetProperty("sharedTerms").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Merging_a_group_is_one_write_that_carries_the_dots_over_capped()
    {
        var room = await ArrangeAsync();
        await MoveToVoteAsync(room.Session);
        using (var ballot = await PutBallotAsync(room.Session, room.Ann, new() { [room.Werkdruk1] = 1, [room.Werkdruk2] = 2, [room.Werkdruk3] = 1 }))
        {
            Assert.True(ballot.IsSuccessStatusCode);
        }
        var before = await VersionAsync(room);

        using var response = await SendAsync(HttpMethod.Post, $"{Root(room)}/merge-group",
            new { into = room.Werkdruk1, answerIds = new[] { room.Werkdruk2, room.Werkdruk3 }, text = "Werkdruk is te hoog" }, room.Session.FacilitatorKey);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var state = await StateAsync(room.Session);
        Assert.Equal(before + 1, state.GetProperty("version").GetInt64());
        var answers = Question(state).GetProperty("answers").EnumerateArray().ToDictionary(a => a.GetProperty("answerId").GetGuid());
        Assert.Equal("Werkdruk is te hoog", answers[room.Werkdruk1].GetProperty("text").GetString());
        // 1 + 2 + 1 dots on one answer, capped at 3; the fourth goes back to Ann.
        Assert.Equal(3, answers[room.Werkdruk1].GetProperty("dots").GetInt32());
        Assert.Equal(room.Werkdruk1, answers[room.Werkdruk2].GetProperty("mergedInto").GetGuid());
        Assert.Equal(room.Werkdruk1, answers[room.Werkdruk3].GetProperty("mergedInto").GetGuid());
        Assert.Empty(await SuggestionsAsync(room));
    }

    [Fact]
    public async Task Merge_group_refusals_are_problems_and_change_nothing()
    {
        var room = await ArrangeAsync();
        var other = await AnswerAsync(room.Session, room.Ann, "De werkdruk is te hoog", question: 2);
        await SetPhaseAsync(room.Session, "converge");
        var hidden = room.Koffie;
        using (var hide = await SendAsync(HttpMethod.Patch, $"{Root(room)}/answers/{hidden}", new { hidden = true }, room.Session.FacilitatorKey))
        {
            Assert.True(hide.IsSuccessStatusCode);
        }
        var before = await VersionAsync(room);
        var url = $"{Root(room)}/merge-group";

        var refusals = new (object Body, HttpStatusCode Status, string Why)[]
        {
            (new { into = room.Werkdruk1, answerIds = new[] { Guid.NewGuid() } }, HttpStatusCode.NotFound, "unknown id"),
            (new { into = Guid.NewGuid(), answerIds = new[] { room.Werkdruk2 } }, HttpStatusCode.NotFound, "unknown target"),
            (new { into = room.Werkdruk1, answerIds = new[] { other } }, HttpStatusCode.BadRequest, "answer of another question"),
            (new { into = room.Werkdruk1, answerIds = new[] { room.Werkdruk1, room.Werkdruk2 } }, HttpStatusCode.BadRequest, "into among answerIds"),
            (new { into = room.Werkdruk1, answerIds = Array.Empty<Guid>() }, HttpStatusCode.BadRequest, "nothing to merge"),
            (new { into = room.Werkdruk1, answerIds = new[] { room.Werkdruk2, room.Werkdruk2 } }, HttpStatusCode.BadRequest, "named twice"),
            (new { answerIds = new[] { room.Werkdruk2 } }, HttpStatusCode.BadRequest, "no into"),
            (new { into = room.Werkdruk1, answerIds = new[] { hidden } }, HttpStatusCode.Conflict, "hidden answer"),
        };
        foreach (var (body, status, why) in refusals)
        {
            using var response = await SendAsync(HttpMethod.Post, url, body, room.Session.FacilitatorKey);
            Assert.True(status == response.StatusCode, $"{why}: {response.StatusCode}");
            await AssertProblemAsync(response, status);
        }
        using (var response = await SendAsync(HttpMethod.Post, url, new { into = room.Werkdruk1, answerIds = new[] { room.Werkdruk2 } }))
        {
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }
        using (var response = await SendAsync(HttpMethod.Post, url, new { into = room.Werkdruk1, answerIds = new[] { room.Werkdruk2 } }, room.Ann.ParticipantToken))
        {
            await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }
        Assert.Equal(before, await VersionAsync(room));

        // An answer merged already cannot be merged again.
        using (var merge = await SendAsync(HttpMethod.Post, url, new { into = room.Werkdruk1, answerIds = new[] { room.Werkdruk2 } }, room.Session.FacilitatorKey))
        {
            Assert.Equal(HttpStatusCode.NoContent, merge.StatusCode);
        }
        using (var again = await SendAsync(HttpMethod.Post, url, new { into = room.Werkdruk3, answerIds = new[] { room.Werkdruk2 } }, room.Session.FacilitatorKey))
        {
            await AssertProblemAsync(again, HttpStatusCode.Conflict);
        }
    }

    [Fact]
    public async Task A_rejected_group_is_not_suggested_again()
    {
        var room = await ArrangeAsync();
        var group = Assert.Single(await SuggestionsAsync(room)).Ids;

        using var response = await SendAsync(HttpMethod.Post, $"{Root(room)}/suggestions/reject", new { answerIds = group }, room.Session.FacilitatorKey);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await SuggestionsAsync(room));
    }

    [Fact]
    public async Task An_answer_moved_out_leaves_the_rest_of_the_group_suggested()
    {
        var room = await ArrangeAsync();
        var group = Assert.Single(await SuggestionsAsync(room)).Ids;

        using var response = await SendAsync(HttpMethod.Post, $"{Root(room)}/suggestions/reject",
            new { answerIds = group, answerId = room.Werkdruk3 }, room.Session.FacilitatorKey);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var after = Assert.Single(await SuggestionsAsync(room));
        Assert.Equal(new[] { room.Werkdruk1, room.Werkdruk2 }.Order(), after.Ids.Order());
    }

    [Fact]
    public async Task Reject_refusals_are_problems_and_change_nothing()
    {
        var room = await ArrangeAsync();
        var other = await AnswerAsync(room.Session, room.Ann, "Iets anders", question: 2);
        var before = await VersionAsync(room);
        var url = $"{Root(room)}/suggestions/reject";

        using (var response = await SendAsync(HttpMethod.Post, url, new { answerIds = new[] { room.Werkdruk1, room.Werkdruk2 } }))
        {
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }
        using (var response = await SendAsync(HttpMethod.Post, url, new { answerIds = new[] { room.Werkdruk1, Guid.NewGuid() } }, room.Session.FacilitatorKey))
        {
            await AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
        using (var response = await SendAsync(HttpMethod.Post, url, new { answerIds = new[] { room.Werkdruk1, other } }, room.Session.FacilitatorKey))
        {
            await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }
        using (var response = await SendAsync(HttpMethod.Post, url, new { answerIds = new[] { room.Werkdruk1 } }, room.Session.FacilitatorKey))
        {
            await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }
        Assert.Equal(before, await VersionAsync(room));
    }
}
