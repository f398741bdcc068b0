using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Services;

/// <summary>The room the browser tests look at holds what it promises, so a board test that passes has really seen it.</summary>
public sealed class RoomFixtureTests
{
    [Fact]
    public async Task A_room_has_a_crowd_long_answers_a_compound_merges_a_tie_for_third_and_a_runoff_that_settles_it()
    {
        await using var core = await CoreHarness.StartAsync();
        var room = await Room.CreateAsync(core.Services);

        await room.CollectAsync(1);
        var collected = (await room.SnapshotAsync()).Questions[0].Answers;
        Assert.True(collected.Count >= 60);
        Assert.Contains(collected, a => a.Text.Length == 500);
        Assert.Contains(collected, a => a.Text.Contains(Room.Compound, StringComparison.Ordinal));
        Assert.Contains(collected, a => a.Text.Any(c => c is '\u200B' or '\u200F' or '\u202E'));

        await room.ConvergeAsync(1);
        await room.VoteAsync(1);
        await room.ResultAsync(1);
        var snapshot = await room.SnapshotAsync();
        Assert.True(snapshot.Participants.Count >= 30);
        Assert.Equal(new DateOnly(2022, 11, 25), snapshot.Date);
        Assert.Equal(SessionLanguage.Nl, snapshot.Language);
        var result = PublicStateBuilder.Build(snapshot).Questions[0];
        Assert.Contains(result.Answers, a => a.MergedInto is not null);
        Assert.Equal(2, result.Top3.Count);
        Assert.NotNull(result.Tie);
        Assert.Equal(room.Tied(1).Order(), result.Tie!.Answers.Select(a => a.AnswerId).Order());
        Assert.Contains(result.Tie.Answers, a => a.Text.Length == 500);

        await room.StartRunoffAsync(1);
        await room.SettleByRunoffAsync(1);
        var settled = PublicStateBuilder.Build(await room.SnapshotAsync()).Questions[0];
        Assert.Equal(3, settled.Top3.Count);
        Assert.Equal("runoff", settled.TieSettledBy);
    }

    [Fact]
    public async Task An_english_room_speaks_english()
    {
        await using var core = await CoreHarness.StartAsync();
        var room = await Room.CreateAsync(core.Services, new RoomOptions(Language: "en", Participants: 30, AnswersPerQuestion: 60));

        await room.CollectAsync(1);

        var snapshot = await room.SnapshotAsync();
        Assert.Equal(SessionLanguage.En, snapshot.Language);
        Assert.Equal(30, snapshot.Participants.Count);
        Assert.Equal(60, snapshot.Questions[0].Answers.Count);
        Assert.Contains(snapshot.Questions[0].Answers, a => a.Text.StartsWith("Let residents", StringComparison.Ordinal));
    }
}
