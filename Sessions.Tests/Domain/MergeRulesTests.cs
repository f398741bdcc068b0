using Sessions.Core.Voting;

namespace Sessions.Tests.Domain;

public class MergeRulesTests
{
    private static readonly Guid s_ann = Guid.NewGuid();
    private static readonly Guid s_bob = Guid.NewGuid();
    private static readonly Guid s_cas = Guid.NewGuid();

    [Fact]
    public void Dots_on_both_answers_are_added_up_when_under_the_cap()
    {
        var carries = MergeRules.CarryOver(
            new Dictionary<Guid, int> { [s_ann] = 1 },
            new Dictionary<Guid, int> { [s_ann] = 1 },
            maxPerAnswer: 3);

        var ann = Assert.Single(carries);
        Assert.Equal(new MergeCarry(s_ann, 1, 1, 2, 0), ann);
    }

    [Fact]
    public void Sum_over_the_cap_is_capped_and_the_excess_refunded()
    {
        var carries = MergeRules.CarryOver(
            new Dictionary<Guid, int> { [s_ann] = 2 },
            new Dictionary<Guid, int> { [s_ann] = 2 },
            maxPerAnswer: 3);

        var ann = Assert.Single(carries);
        Assert.Equal(3, ann.Result);
        Assert.Equal(1, ann.Refunded);
    }

    [Fact]
    public void With_a_cap_of_one_a_dot_on_each_side_keeps_one_and_refunds_one()
    {
        var carries = MergeRules.CarryOver(
            new Dictionary<Guid, int> { [s_ann] = 1 },
            new Dictionary<Guid, int> { [s_ann] = 1 },
            maxPerAnswer: 1);

        var ann = Assert.Single(carries);
        Assert.Equal(1, ann.Result);
        Assert.Equal(1, ann.Refunded);
    }

    [Fact]
    public void Participants_on_only_one_side_keep_their_dots()
    {
        var carries = MergeRules.CarryOver(
            new Dictionary<Guid, int> { [s_ann] = 1, [s_cas] = 1 },
            new Dictionary<Guid, int> { [s_bob] = 1, [s_cas] = 1 },
            maxPerAnswer: 1).ToDictionary(c => c.ParticipantId);

        Assert.Equal(3, carries.Count);
        Assert.Equal(new MergeCarry(s_ann, 1, 0, 1, 0), carries[s_ann]);
        Assert.Equal(new MergeCarry(s_bob, 0, 1, 1, 0), carries[s_bob]);
        Assert.Equal(new MergeCarry(s_cas, 1, 1, 1, 1), carries[s_cas]);
    }

    [Fact]
    public void No_dots_on_either_side_gives_no_carries()
    {
        var carries = MergeRules.CarryOver(new Dictionary<Guid, int>(), new Dictionary<Guid, int>(), 1);

        Assert.Empty(carries);
    }
}
