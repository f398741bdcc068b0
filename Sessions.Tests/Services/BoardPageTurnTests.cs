using Sessions.Core.Domain;

namespace Sessions.Tests.Services;

/// <summary>The facilitator turns the pages of every board: one page at a time, forward or back.</summary>
public class BoardPageTurnTests : ServiceTestBase
{
    [Fact]
    public async Task A_page_turn_reaches_the_public_state_that_every_board_reads()
    {
        var created = await H.CreateAsync();
        Assert.Equal(0, (await H.PublicAsync(created)).BoardPageTurns);

        await H.Facilitator.TurnBoardPageAsync(created.SessionId, created.FacilitatorKey, 1);
        await H.Facilitator.TurnBoardPageAsync(created.SessionId, created.FacilitatorKey, 1);
        await H.Facilitator.TurnBoardPageAsync(created.SessionId, created.FacilitatorKey, -1);

        Assert.Equal(1, (await H.PublicAsync(created)).BoardPageTurns);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(-5)]
    public async Task A_turn_of_other_than_one_page_is_refused_and_changes_nothing(int by)
    {
        var created = await H.CreateAsync();
        var before = (await H.SnapshotAsync(created)).Version;

        var refusal = await Assert.ThrowsAsync<SessionRuleException>(() => H.Facilitator.TurnBoardPageAsync(created.SessionId, created.FacilitatorKey, by));

        Assert.Equal(SessionError.Invalid, refusal.Error);
        Assert.Contains("one page at a time", refusal.Message, StringComparison.Ordinal);
        var after = await H.SnapshotAsync(created);
        Assert.Equal(before, after.Version);
        Assert.Equal(0, after.BoardPageTurns);
    }
}

[Trait("Database", "PostgreSQL")]
public sealed class BoardPageTurnTestsOnPostgres : BoardPageTurnTests
{
    protected override Sessions.Core.Data.DatabaseProvider Provider => Sessions.Core.Data.DatabaseProvider.Postgres;
}
