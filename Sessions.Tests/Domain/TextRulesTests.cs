using System.Text;
using Sessions.Core.Domain;

namespace Sessions.Tests.Domain;

public class TextRulesTests
{
    [Fact]
    public void Text_is_trimmed()
    {
        Assert.Equal("hello world", TextRules.Require("  hello world \t ", "An answer", 500));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_is_refused_with_what_was_empty(string? text)
    {
        var ex = Assert.Throws<SessionRuleException>(() => TextRules.Require(text, "An answer", 500));

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Equal("An answer cannot be empty.", ex.Message);
    }

    [Fact]
    public void Optional_text_may_be_empty()
    {
        Assert.Equal("", TextRules.Optional("   ", "The intro", 10));
        Assert.Equal("", TextRules.Optional(null, "The intro", 10));
    }

    [Fact]
    public void Text_of_exactly_the_limit_is_accepted()
    {
        var text = new string('x', TextRules.AnswerMax);

        Assert.Equal(text, TextRules.Require(text, "An answer", TextRules.AnswerMax));
    }

    [Fact]
    public void Text_one_over_the_limit_is_refused_with_its_length()
    {
        var ex = Assert.Throws<SessionRuleException>(() => TextRules.Require(new string('x', 501), "An answer", TextRules.AnswerMax));

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Contains("501", ex.Message, StringComparison.Ordinal);
        Assert.Contains("500", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Length_counts_what_people_see_not_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F44D", TextRules.AnswerMax));

        Assert.Equal(emoji, TextRules.Require(emoji, "An answer", TextRules.AnswerMax));
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\u0007b")]
    [InlineData("line\nbreak")]
    [InlineData("a\u2028b")]
    [InlineData("a\u001Bb")]
    public void Control_characters_and_line_breaks_are_refused_in_single_line_text(string text)
    {
        var ex = Assert.Throws<SessionRuleException>(() => TextRules.Require(text, "An answer", 500));

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Contains("control character", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multiline_text_keeps_line_breaks_as_newlines()
    {
        Assert.Equal("one\ntwo", TextRules.Require("one\r\ntwo", "The intro", 100, multiline: true));
    }

    [Fact]
    public void Text_is_normalised_to_nfc()
    {
        var decomposed = "cafe\u0301";

        var clean = TextRules.Require(decomposed, "An answer", 500);

        Assert.Equal("caf\u00E9", clean);
        Assert.True(clean.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void An_answer_typed_over_several_lines_becomes_one_paragraph()
    {
        Assert.Equal("First line second line", TextRules.Answer("First line\r\nsecond line"));
        Assert.Equal("a b", TextRules.Answer("a\nb"));
    }

    [Fact]
    public void An_answer_with_other_control_characters_is_still_refused()
    {
        Assert.Throws<SessionRuleException>(() => TextRules.Answer("bell\u0007"));
    }
}
