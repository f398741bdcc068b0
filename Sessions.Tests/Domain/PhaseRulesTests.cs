using Sessions.Core.Domain;

namespace Sessions.Tests.Domain;

public class PhaseRulesTests
{
    [Theory]
    [InlineData(Phase.Collect, Phase.Converge)]
    [InlineData(Phase.Converge, Phase.Vote)]
    [InlineData(Phase.Vote, Phase.Result)]
    [InlineData(Phase.Result, Phase.Vote)]
    [InlineData(Phase.Vote, Phase.Converge)]
    [InlineData(Phase.Converge, Phase.Collect)]
    public void One_step_forward_or_back_is_allowed(Phase from, Phase to)
    {
        var ex = Record.Exception(() => PhaseRules.EnsureCanMove(from, to));

        Assert.Null(ex);
    }

    [Theory]
    [InlineData(Phase.Collect, Phase.Vote)]
    [InlineData(Phase.Converge, Phase.Result)]
    [InlineData(Phase.Result, Phase.Converge)]
    [InlineData(Phase.Result, Phase.Collect)]
    public void Two_or_more_steps_are_a_conflict_that_names_the_neighbours(Phase from, Phase to)
    {
        var ex = Assert.Throws<SessionRuleException>(() => PhaseRules.EnsureCanMove(from, to));

        Assert.Equal(SessionError.Conflict, ex.Error);
        Assert.Contains(PhaseRules.Name(to), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_phase_is_invalid()
    {
        var ex = Assert.Throws<SessionRuleException>(() => PhaseRules.EnsureCanMove(Phase.Collect, (Phase)7));

        Assert.Equal(SessionError.Invalid, ex.Error);
    }

    [Theory]
    [InlineData("collect", Phase.Collect)]
    [InlineData("Vote", Phase.Vote)]
    [InlineData("RESULT", Phase.Result)]
    public void Phase_names_parse_regardless_of_case(string text, Phase expected)
    {
        Assert.True(PhaseRules.TryParse(text, out var phase));
        Assert.Equal(expected, phase);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("voting")]
    [InlineData("")]
    [InlineData(null)]
    public void Numbers_and_unknown_words_are_not_phases(string? text)
    {
        Assert.False(PhaseRules.TryParse(text, out _));
    }
}
