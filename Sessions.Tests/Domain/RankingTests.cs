using Sessions.Core.Domain;
using Sessions.Core.Voting;

namespace Sessions.Tests.Domain;

public class RankingTests
{
    private static long s_sequence;

    private static RankInput Answer(string text, int dots) => new(Guid.NewGuid(), text, dots, Interlocked.Increment(ref s_sequence));

    [Fact]
    public void Fewer_than_three_answers_with_dots_all_rank_without_a_tie()
    {
        var a = Answer("a", 2);
        var b = Answer("b", 1);

        var result = Ranking.Compute([b, a]);

        Assert.Equal([a.AnswerId, b.AnswerId], result.Top.Select(r => r.AnswerId));
        Assert.Equal([1, 2], result.Top.Select(r => r.Rank));
        Assert.False(result.HasOpenTie);
        Assert.Equal(0, result.OpenPlaces);
    }

    [Fact]
    public void Clear_top_three_is_ranked_by_dots()
    {
        var a = Answer("a", 5);
        var b = Answer("b", 4);
        var c = Answer("c", 3);
        var d = Answer("d", 2);

        var result = Ranking.Compute([d, c, b, a]);

        Assert.Equal([a.AnswerId, b.AnswerId, c.AnswerId], result.Top.Select(r => r.AnswerId));
        Assert.Equal([5, 4, 3], result.Top.Select(r => r.Dots));
        Assert.Equal("a", result.Top[0].Text);
        Assert.False(result.HasOpenTie);
    }

    [Fact]
    public void Equal_dots_inside_the_top_three_are_ordered_by_submission_and_are_not_a_tie()
    {
        var first = Answer("first", 2);
        var second = Answer("second", 2);
        var third = Answer("third", 1);

        var result = Ranking.Compute([second, third, first]);

        Assert.Equal([first.AnswerId, second.AnswerId, third.AnswerId], result.Top.Select(r => r.AnswerId));
        Assert.False(result.HasOpenTie);
    }

    [Fact]
    public void Tie_at_third_place_leaves_the_place_open()
    {
        var a = Answer("a", 5);
        var b = Answer("b", 4);
        var c = Answer("c", 2);
        var d = Answer("d", 2);
        var e = Answer("e", 1);

        var result = Ranking.Compute([a, b, c, d, e]);

        Assert.Equal([a.AnswerId, b.AnswerId], result.Top.Select(r => r.AnswerId));
        Assert.Equal([c.AnswerId, d.AnswerId], result.Tied.Select(t => t.AnswerId));
        Assert.Equal(1, result.OpenPlaces);
        Assert.True(result.HasOpenTie);
        Assert.Equal(TieSettlement.None, result.SettledBy);
    }

    [Fact]
    public void Tie_across_second_and_third_place_leaves_two_places_open()
    {
        var a = Answer("a", 5);
        var b = Answer("b", 3);
        var c = Answer("c", 3);
        var d = Answer("d", 3);

        var result = Ranking.Compute([a, b, c, d]);

        var top = Assert.Single(result.Top);
        Assert.Equal(a.AnswerId, top.AnswerId);
        Assert.Equal(3, result.Tied.Count);
        Assert.Equal(2, result.OpenPlaces);
    }

    [Fact]
    public void Answers_without_dots_never_rank()
    {
        var a = Answer("a", 1);
        var b = Answer("b", 0);
        var c = Answer("c", 0);
        var d = Answer("d", 0);

        var result = Ranking.Compute([a, b, c, d]);

        var top = Assert.Single(result.Top);
        Assert.Equal(a.AnswerId, top.AnswerId);
        Assert.False(result.HasOpenTie);
    }

    [Fact]
    public void No_dots_at_all_gives_an_empty_top_three()
    {
        var result = Ranking.Compute([Answer("a", 0), Answer("b", 0), Answer("c", 0), Answer("d", 0)]);

        Assert.Empty(result.Top);
        Assert.False(result.HasOpenTie);
    }

    [Fact]
    public void Valid_settlement_fills_the_open_places_in_the_given_order()
    {
        var a = Answer("a", 5);
        var b = Answer("b", 3);
        var c = Answer("c", 3);
        var d = Answer("d", 3);

        var result = Ranking.Compute([a, b, c, d], TieSettlement.Runoff, [d.AnswerId, b.AnswerId]);

        Assert.Equal([a.AnswerId, d.AnswerId, b.AnswerId], result.Top.Select(r => r.AnswerId));
        Assert.Equal([1, 2, 3], result.Top.Select(r => r.Rank));
        Assert.False(result.HasOpenTie);
        Assert.Equal(TieSettlement.Runoff, result.SettledBy);
    }

    [Fact]
    public void Stale_settlement_naming_an_answer_that_is_not_tied_is_ignored()
    {
        var a = Answer("a", 5);
        var b = Answer("b", 4);
        var c = Answer("c", 2);
        var d = Answer("d", 2);

        var result = Ranking.Compute([a, b, c, d], TieSettlement.Choice, [b.AnswerId]);

        Assert.Equal([a.AnswerId, b.AnswerId], result.Top.Select(r => r.AnswerId));
        Assert.True(result.HasOpenTie);
        Assert.Equal(1, result.OpenPlaces);
        Assert.Equal(TieSettlement.None, result.SettledBy);
    }

    [Fact]
    public void Settlement_with_too_many_winners_is_ignored()
    {
        var a = Answer("a", 5);
        var b = Answer("b", 4);
        var c = Answer("c", 2);
        var d = Answer("d", 2);

        var result = Ranking.Compute([a, b, c, d], TieSettlement.Choice, [c.AnswerId, d.AnswerId]);

        Assert.Equal(2, result.Top.Count);
        Assert.True(result.HasOpenTie);
    }

    [Fact]
    public void Settlement_without_a_tie_changes_nothing()
    {
        var a = Answer("a", 3);
        var b = Answer("b", 2);
        var c = Answer("c", 1);

        var result = Ranking.Compute([a, b, c], TieSettlement.Choice, [c.AnswerId]);

        Assert.Equal([a.AnswerId, b.AnswerId, c.AnswerId], result.Top.Select(r => r.AnswerId));
        Assert.Equal(TieSettlement.None, result.SettledBy);
    }
}
