using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Tests.Services;

/// <summary>Undoing a merge in converge, and why it is refused once dots are on the question.</summary>
public class UnmergeTests : ServiceTestBase
{
    private sealed record Arranged(CreatedSession Session, string Ann, Guid A, Guid B, Guid C);

    private async Task<Arranged> ArrangeAsync()
    {
        var created = await H.CreateAsync();
        var ann = await H.JoinAsync(created);
        var a = await H.AnswerAsync(created, ann, "More time to think");
        var b = await H.AnswerAsync(created, ann, "Time to reflect");
        var c = await H.AnswerAsync(created, ann, "Shorter meetings");
        await H.MoveToAsync(created, Phase.Converge);
        return new Arranged(created, ann, a, b, c);
    }

    private Task UnmergeAsync(Arranged f, Guid answer) =>
        H.Facilitator.UnmergeAsync(f.Session.SessionId, f.Session.FacilitatorKey, 1, answer);

    [Fact]
    public async Task Undoing_a_merge_in_converge_brings_the_answer_back_with_its_own_words()
    {
        var f = await ArrangeAsync();
        await H.Facilitator.MergeAsync(f.Session.SessionId, f.Session.FacilitatorKey, 1, f.B, f.A, "More time to think and reflect");

        await UnmergeAsync(f, f.B);

        var question = (await H.SnapshotAsync(f.Session)).Question(1)!;
        Assert.True(question.Answer(f.B)!.IsActive);
        Assert.Equal("Time to reflect", question.Answer(f.B)!.Text);
        // The absorbing answer keeps the wording the facilitator gave it; only the merge is undone.
        Assert.Equal("More time to think and reflect", question.Answer(f.A)!.Text);
        Assert.Equal(3, PublicStateBuilder.Build(question).AnswerCount);
    }

    [Fact]
    public async Task Undoing_one_of_two_merges_leaves_the_other_in_place()
    {
        var f = await ArrangeAsync();
        await H.Facilitator.MergeAsync(f.Session.SessionId, f.Session.FacilitatorKey, 1, f.B, f.A);
        await H.Facilitator.MergeAsync(f.Session.SessionId, f.Session.FacilitatorKey, 1, f.C, f.A);

        await UnmergeAsync(f, f.C);

        var question = (await H.SnapshotAsync(f.Session)).Question(1)!;
        Assert.Equal(f.A, question.Answer(f.B)!.MergedInto);
        Assert.Null(question.Answer(f.C)!.MergedInto);
    }

    [Fact]
    public async Task After_dots_were_placed_the_merge_cannot_be_undone_and_the_refusal_says_why()
    {
        var f = await ArrangeAsync();
        await H.Facilitator.MergeAsync(f.Session.SessionId, f.Session.FacilitatorKey, 1, f.B, f.A);
        await H.MoveToAsync(f.Session, Phase.Vote);
        await H.BallotAsync(f.Session, f.Ann, 1, f.A);
        await H.MoveToAsync(f.Session, Phase.Converge);
        var before = (await H.SnapshotAsync(f.Session)).Version;

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => UnmergeAsync(f, f.B));

        Assert.Equal(SessionError.Conflict, ex.Error);
        Assert.Contains("Dots have been placed", ex.Message, StringComparison.Ordinal);
        var after = await H.SnapshotAsync(f.Session);
        Assert.Equal(before, after.Version);
        Assert.Equal(f.A, after.Question(1)!.Answer(f.B)!.MergedInto);
        Assert.Equal(1, after.Question(1)!.Answer(f.A)!.Dots);
    }

    [Fact]
    public async Task A_merge_made_during_the_vote_cannot_be_undone_there_nor_back_in_converge()
    {
        var f = await ArrangeAsync();
        await H.MoveToAsync(f.Session, Phase.Vote);
        await H.BallotAsync(f.Session, f.Ann, 1, f.B);
        await H.Facilitator.MergeAsync(f.Session.SessionId, f.Session.FacilitatorKey, 1, f.B, f.A);

        var inVote = await Assert.ThrowsAsync<SessionRuleException>(() => UnmergeAsync(f, f.B));
        await H.MoveToAsync(f.Session, Phase.Converge);
        var inConverge = await Assert.ThrowsAsync<SessionRuleException>(() => UnmergeAsync(f, f.B));

        Assert.Equal(SessionError.Conflict, inVote.Error);
        Assert.Contains("only be undone while the question is in converge", inVote.Message, StringComparison.Ordinal);
        Assert.Contains("Dots have been placed", inConverge.Message, StringComparison.Ordinal);
        // The carried dot stays where the merge put it.
        Assert.Equal(1, (await H.SnapshotAsync(f.Session)).Question(1)!.Answer(f.A)!.Dots);
    }

    [Fact]
    public async Task Undoing_a_merge_of_an_answer_that_is_not_merged_is_refused()
    {
        var f = await ArrangeAsync();
        var before = (await H.SnapshotAsync(f.Session)).Version;

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => UnmergeAsync(f, f.C));

        Assert.Equal(SessionError.Conflict, ex.Error);
        Assert.Contains("not merged", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await H.SnapshotAsync(f.Session)).Version);
    }

    [Fact]
    public async Task Undoing_a_merge_of_an_unknown_answer_is_not_found()
    {
        var f = await ArrangeAsync();

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => UnmergeAsync(f, Guid.NewGuid()));

        Assert.Equal(SessionError.NotFound, ex.Error);
    }

    [Fact]
    public async Task Undoing_a_merge_with_a_wrong_key_is_forbidden_and_changes_nothing()
    {
        var f = await ArrangeAsync();
        await H.Facilitator.MergeAsync(f.Session.SessionId, f.Session.FacilitatorKey, 1, f.B, f.A);

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Facilitator.UnmergeAsync(f.Session.SessionId, "not-the-key", 1, f.B));

        Assert.Equal(SessionError.Forbidden, ex.Error);
        Assert.Equal(f.A, (await H.SnapshotAsync(f.Session)).Question(1)!.Answer(f.B)!.MergedInto);
    }
}

[Trait("Database", "PostgreSQL")]
public sealed class UnmergeTestsOnPostgres : UnmergeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
