using Sessions.Core.Voting;

namespace Sessions.Tests.Domain;

public class RunoffRulesTests
{
    private static readonly RankInput s_c = new(Guid.NewGuid(), "c", 2, 3);
    private static readonly RankInput s_d = new(Guid.NewGuid(), "d", 2, 4);
    private static readonly RankInput s_e = new(Guid.NewGuid(), "e", 2, 5);

    [Fact]
    public void Decisive_runoff_names_the_answer_with_most_runoff_dots()
    {
        var winners = RunoffRules.Winners([s_c, s_d], new Dictionary<Guid, int> { [s_c.AnswerId] = 1, [s_d.AnswerId] = 3 }, 1);

        Assert.Equal([s_d.AnswerId], winners);
    }

    [Fact]
    public void Decisive_runoff_for_two_places_names_them_in_order()
    {
        var winners = RunoffRules.Winners([s_c, s_d, s_e],
            new Dictionary<Guid, int> { [s_c.AnswerId] = 1, [s_d.AnswerId] = 2, [s_e.AnswerId] = 3 }, 2);

        Assert.Equal([s_e.AnswerId, s_d.AnswerId], winners);
    }

    [Fact]
    public void Runoff_that_ties_again_across_the_cut_off_has_no_winners()
    {
        var winners = RunoffRules.Winners([s_c, s_d], new Dictionary<Guid, int> { [s_c.AnswerId] = 2, [s_d.AnswerId] = 2 }, 1);

        Assert.Null(winners);
    }

    [Fact]
    public void Runoff_without_any_votes_has_no_winners()
    {
        var winners = RunoffRules.Winners([s_c, s_d], new Dictionary<Guid, int>(), 1);

        Assert.Null(winners);
    }

    [Fact]
    public void Runoff_tie_above_the_cut_off_still_settles()
    {
        var winners = RunoffRules.Winners([s_c, s_d, s_e],
            new Dictionary<Guid, int> { [s_c.AnswerId] = 2, [s_d.AnswerId] = 2, [s_e.AnswerId] = 1 }, 2);

        Assert.NotNull(winners);
        Assert.Equal(new HashSet<Guid> { s_c.AnswerId, s_d.AnswerId }, winners.ToHashSet());
    }
}
