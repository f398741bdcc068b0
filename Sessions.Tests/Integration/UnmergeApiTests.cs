using System.Net;

namespace Sessions.Tests.Integration;

/// <summary>POST .../answers/{answerId}/unmerge: the facilitator's undo of a merge over HTTP.</summary>
public class UnmergeApiTests : ApiTestBase
{
    private sealed record Arranged(Created Session, Joined Ann, Guid A, Guid B);

    private async Task<Arranged> ArrangeMergedAsync()
    {
        var created = await CreateSessionAsync();
        var ann = await JoinAsync(created);
        var a = await AnswerAsync(created, ann, "A");
        var b = await AnswerAsync(created, ann, "B");
        await SetPhaseAsync(created, "converge");
        using var merged = await SendAsync(HttpMethod.Post, $"/api/sessions/{created.SessionId}/questions/1/answers/{b}/merge", new { into = a }, created.FacilitatorKey);
        Assert.Equal(HttpStatusCode.NoContent, merged.StatusCode);
        return new Arranged(created, ann, a, b);
    }

    private static string Url(Arranged f, Guid answer) => $"/api/sessions/{f.Session.SessionId}/questions/1/answers/{answer}/unmerge";

    /// <summary>What the public state says B is merged into, or null when it stands on its own.</summary>
    private async Task<Guid?> MergedIntoAsync(Arranged f)
    {
        var answers = Question(await StateAsync(f.Session)).GetProperty("answers").EnumerateArray().ToDictionary(a => a.GetProperty("answerId").GetGuid());
        var mergedInto = answers[f.B].GetProperty("mergedInto");
        return mergedInto.ValueKind == System.Text.Json.JsonValueKind.Null ? null : mergedInto.GetGuid();
    }

    [Fact]
    public async Task Unmerge_with_the_key_brings_the_answer_back_on_the_public_state()
    {
        var f = await ArrangeMergedAsync();

        using var response = await SendAsync(HttpMethod.Post, Url(f, f.B), null, f.Session.FacilitatorKey);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await MergedIntoAsync(f));
    }

    [Fact]
    public async Task Unmerge_without_a_key_is_401_and_with_a_participant_token_403_and_changes_nothing()
    {
        var f = await ArrangeMergedAsync();

        using var anonymous = await SendAsync(HttpMethod.Post, Url(f, f.B));
        using var participant = await SendAsync(HttpMethod.Post, Url(f, f.B), null, f.Ann.ParticipantToken);

        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(participant, HttpStatusCode.Forbidden);
        Assert.Equal(f.A, await MergedIntoAsync(f));
    }

    [Fact]
    public async Task Unmerge_after_dots_were_placed_is_409_problem_that_says_why()
    {
        var f = await ArrangeMergedAsync();
        await SetPhaseAsync(f.Session, "vote");
        using var ballot = await PutBallotAsync(f.Session, f.Ann, new Dictionary<Guid, int> { [f.A] = 1 });
        Assert.True(ballot.IsSuccessStatusCode);
        await SetPhaseAsync(f.Session, "converge");

        using var response = await SendAsync(HttpMethod.Post, Url(f, f.B), null, f.Session.FacilitatorKey);

        var detail = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("cannot be split back", detail, StringComparison.Ordinal);
        Assert.Equal(f.A, await MergedIntoAsync(f));
    }

    [Fact]
    public async Task Unmerge_of_an_unknown_answer_is_404_and_of_an_unmerged_one_409()
    {
        var f = await ArrangeMergedAsync();

        using var unknown = await SendAsync(HttpMethod.Post, Url(f, Guid.NewGuid()), null, f.Session.FacilitatorKey);
        using var notMerged = await SendAsync(HttpMethod.Post, Url(f, f.A), null, f.Session.FacilitatorKey);

        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        var detail = await AssertProblemAsync(notMerged, HttpStatusCode.Conflict);
        Assert.Contains("not merged", detail, StringComparison.Ordinal);
    }
}
