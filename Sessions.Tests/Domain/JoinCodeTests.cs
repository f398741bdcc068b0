using Sessions.Core.Domain;

namespace Sessions.Tests.Domain;

public class JoinCodeTests
{
    [Fact]
    public void New_codes_are_six_characters_from_the_alphabet_and_valid()
    {
        for (var i = 0; i < 500; i++)
        {
            var code = JoinCode.New();

            Assert.Equal(6, code.Length);
            Assert.All(code, c => Assert.Contains(c, JoinCode.Alphabet));
            Assert.True(JoinCode.IsValid(code));
        }
    }

    [Fact]
    public void Alphabet_has_no_look_alikes()
    {
        foreach (var lookAlike in "0O1IL")
        {
            Assert.DoesNotContain(lookAlike, JoinCode.Alphabet);
        }
    }

    [Fact]
    public void New_codes_never_contain_look_alikes()
    {
        var codes = Enumerable.Range(0, 500).Select(_ => JoinCode.New());

        Assert.All(codes, code => Assert.DoesNotMatch("[0O1IL]", code));
    }

    [Theory]
    [InlineData("abc234", "ABC234")]
    [InlineData("abc-234", "ABC234")]
    [InlineData("ABC 234", "ABC234")]
    [InlineData(" a-b c-2 3 4 ", "ABC234")]
    public void Normalize_upper_cases_and_drops_spaces_and_dashes(string input, string expected)
    {
        var normalized = JoinCode.Normalize(input);

        Assert.Equal(expected, normalized);
        Assert.True(JoinCode.IsValid(normalized));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Normalize_of_nothing_is_empty(string? input)
    {
        Assert.Equal("", JoinCode.Normalize(input));
    }

    [Theory]
    [InlineData("ABC23")]
    [InlineData("ABC2345")]
    [InlineData("ABC230")]
    [InlineData("ABCO23")]
    [InlineData("abc234")]
    [InlineData(null)]
    public void Codes_of_the_wrong_length_or_with_look_alikes_are_not_valid(string? code)
    {
        Assert.False(JoinCode.IsValid(code));
    }
}
