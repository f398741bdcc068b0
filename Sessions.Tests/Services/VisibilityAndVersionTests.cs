using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Tests.Services;

public class VisibilityAndVersionTests : ServiceTestBase
{
    [Fact]
    public async Task Silent_writing_hides_answers_from_the_board_until_revealed()
    {
        var created = await H.CreateAsync(silentWriting: true);
        var ann = await H.JoinAsync(created, "Ann");
        var bob = await H.JoinAsync(created, "Bob");
        var annAnswer = await H.AnswerAsync(created, ann, "Ann's secret");
        await H.AnswerAsync(created, bob, "Bob's secret");

        var hidden = (await H.PublicAsync(created)).Questions[0];
        Assert.Empty(hidden.Answers);
        Assert.False(hidden.AnswersVisible);
        var snapshot = await H.SnapshotAsync(created);
        var annView = ParticipantView.For(snapshot, snapshot.Question(1)!, await H.ParticipantIdAsync(created, ann));
        Assert.Equal([annAnswer], annView.Answers.Select(a => a.Id));

        await H.Facilitator.RevealAnswersAsync(created.SessionId, created.FacilitatorKey, 1);

        var shown = (await H.PublicAsync(created)).Questions[0];
        Assert.True(shown.AnswersVisible);
        Assert.Equal(["Ann's secret", "Bob's secret"], shown.Answers.Select(a => a.Text));
    }

    [Fact]
    public async Task Silent_writing_answers_appear_once_the_question_leaves_collect()
    {
        var created = await H.CreateAsync(silentWriting: true);
        var ann = await H.JoinAsync(created);
        await H.AnswerAsync(created, ann, "Quiet");

        await H.MoveToAsync(created, Phase.Converge);

        Assert.Equal("Quiet", Assert.Single((await H.PublicAsync(created)).Questions[0].Answers).Text);
    }

    [Fact]
    public async Task Without_silent_writing_answers_are_on_the_board_at_once()
    {
        var created = await H.CreateAsync();
        var ann = await H.JoinAsync(created);

        await H.AnswerAsync(created, ann, "Loud");

        Assert.Equal("Loud", Assert.Single((await H.PublicAsync(created)).Questions[0].Answers).Text);
    }

    [Fact]
    public async Task Hidden_counts_show_no_dots_until_revealed()
    {
        var (created, _, a) = await VotedAsync(liveCounts: false);

        var hidden = (await H.PublicAsync(created)).Questions[0];
        Assert.False(hidden.DotsVisible);
        Assert.All(hidden.Answers, x => Assert.Null(x.Dots));

        await H.Facilitator.RevealCountsAsync(created.SessionId, created.FacilitatorKey, 1);

        var shown = (await H.PublicAsync(created)).Questions[0];
        Assert.True(shown.DotsVisible);
        Assert.Equal(1, shown.Answers.Single(x => x.AnswerId == a).Dots);
    }

    [Fact]
    public async Task Hidden_counts_show_in_the_result()
    {
        var (created, _, a) = await VotedAsync(liveCounts: false);

        await H.MoveToAsync(created, Phase.Result);

        var result = (await H.PublicAsync(created)).Questions[0];
        Assert.Equal(1, result.Answers.Single(x => x.AnswerId == a).Dots);
        Assert.Equal(a, Assert.Single(result.Top3).AnswerId);
    }

    [Fact]
    public async Task Live_counts_show_dots_while_voting()
    {
        var (created, _, a) = await VotedAsync(liveCounts: true);

        var question = (await H.PublicAsync(created)).Questions[0];

        Assert.Equal(1, question.Answers.Single(x => x.AnswerId == a).Dots);
    }

    [Fact]
    public async Task No_dots_are_shown_before_voting()
    {
        var created = await H.CreateAsync();
        var ann = await H.JoinAsync(created);
        await H.AnswerAsync(created, ann, "A");
        await H.MoveToAsync(created, Phase.Converge);

        Assert.All((await H.PublicAsync(created)).Questions[0].Answers, x => Assert.Null(x.Dots));
    }

    [Fact]
    public async Task Version_grows_with_every_change()
    {
        var created = await H.CreateAsync();
        var versions = new List<long> { (await H.SnapshotAsync(created)).Version };
        async Task Record() => versions.Add((await H.SnapshotAsync(created)).Version);

        var ann = await H.JoinAsync(created);
        await Record();
        var a = await H.AnswerAsync(created, ann, "A");
        await Record();
        var b = await H.AnswerAsync(created, ann, "B");
        await Record();
        await H.Facilitator.GoToAsync(created.SessionId, created.FacilitatorKey, 1);
        await Record();
        await H.Facilitator.SetPhaseAsync(created.SessionId, created.FacilitatorKey, 1, Phase.Converge);
        await Record();
        await H.Facilitator.MergeAsync(created.SessionId, created.FacilitatorKey, 1, b, a);
        await Record();
        await H.Facilitator.SetPhaseAsync(created.SessionId, created.FacilitatorKey, 1, Phase.Vote);
        await Record();
        await H.BallotAsync(created, ann, 1, a);
        await Record();
        await H.Facilitator.SetPhaseAsync(created.SessionId, created.FacilitatorKey, 1, Phase.Result);
        await Record();

        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions[^1], (await H.PublicAsync(created)).Version);
    }

    private async Task<(CreatedSession Session, string Token, Guid Answer)> VotedAsync(bool liveCounts)
    {
        var created = await H.CreateAsync(liveCounts: liveCounts);
        var ann = await H.JoinAsync(created);
        var a = await H.AnswerAsync(created, ann, "A");
        await H.AnswerAsync(created, ann, "B");
        await H.MoveToAsync(created, Phase.Vote);
        await H.BallotAsync(created, ann, 1, a);
        return (created, ann, a);
    }
}
