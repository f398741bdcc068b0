using Sessions.Core.Domain;
using Sessions.Core.Voting;

namespace Sessions.Tests.Domain;

public class BallotRulesTests
{
    private static readonly Guid s_a = Guid.NewGuid();
    private static readonly Guid s_b = Guid.NewGuid();
    private static readonly Guid s_c = Guid.NewGuid();
    private static readonly Guid s_hidden = Guid.NewGuid();
    private static readonly Guid s_merged = Guid.NewGuid();

    private static readonly BallotCandidate[] s_candidates =
    [
        new(s_a, false, false),
        new(s_b, false, false),
        new(s_c, false, false),
        new(s_hidden, true, false),
        new(s_merged, false, true),
    ];

    private static SessionRuleException Refused(Dictionary<Guid, int> dots, int budget = 3, int cap = 1) =>
        Assert.Throws<SessionRuleException>(() => BallotRules.Validate(dots, s_candidates, budget, cap));

    [Fact]
    public void Ballot_within_budget_and_cap_is_accepted_as_given()
    {
        var accepted = BallotRules.Validate(new Dictionary<Guid, int> { [s_a] = 1, [s_b] = 1, [s_c] = 1 }, s_candidates, 3, 1);

        Assert.Equal(3, accepted.Count);
        Assert.All(accepted.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public void Ballot_over_budget_is_refused_with_the_numbers()
    {
        var ex = Refused(new Dictionary<Guid, int> { [s_a] = 2, [s_b] = 2 }, budget: 3, cap: 2);

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Contains("4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ballot_exactly_at_budget_is_accepted()
    {
        var accepted = BallotRules.Validate(new Dictionary<Guid, int> { [s_a] = 2, [s_b] = 1 }, s_candidates, 3, 2);

        Assert.Equal(3, accepted.Values.Sum());
    }

    [Fact]
    public void More_dots_on_one_answer_than_the_cap_is_refused()
    {
        var ex = Refused(new Dictionary<Guid, int> { [s_a] = 2 }, budget: 3, cap: 1);

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Contains("at most 1 of your dots", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_on_a_hidden_answer_is_refused()
    {
        var ex = Refused(new Dictionary<Guid, int> { [s_hidden] = 1 });

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Contains("hidden", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_on_a_merged_answer_is_refused()
    {
        var ex = Refused(new Dictionary<Guid, int> { [s_merged] = 1 });

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Contains("merged", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_on_an_unknown_answer_is_refused()
    {
        var unknown = Guid.NewGuid();
        var ex = Refused(new Dictionary<Guid, int> { [unknown] = 1 });

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Contains(unknown.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_dots_are_refused_even_when_they_would_balance_the_budget()
    {
        var ex = Refused(new Dictionary<Guid, int> { [s_a] = 1, [s_b] = -1, [s_c] = 1 }, budget: 1, cap: 1);

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Contains("negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_entries_are_dropped_from_the_accepted_ballot()
    {
        var accepted = BallotRules.Validate(new Dictionary<Guid, int> { [s_a] = 1, [s_b] = 0, [s_c] = 0 }, s_candidates, 3, 1);

        var only = Assert.Single(accepted);
        Assert.Equal(s_a, only.Key);
        Assert.Equal(1, only.Value);
    }

    [Fact]
    public void Empty_ballot_is_accepted_and_takes_all_dots_back()
    {
        var accepted = BallotRules.Validate(new Dictionary<Guid, int>(), s_candidates, 3, 1);

        Assert.Empty(accepted);
    }

    [Fact]
    public void A_stale_zero_on_an_answer_hidden_or_merged_since_is_dropped_not_refused()
    {
        var accepted = BallotRules.Validate(new Dictionary<Guid, int> { [s_a] = 1, [s_hidden] = 0, [s_merged] = 0 }, s_candidates, 3, 1);

        Assert.Equal(new Dictionary<Guid, int> { [s_a] = 1 }, accepted);
    }
}
