using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Sessions.App.Components.Shared;
using Sessions.App.Resources;
using Sessions.Core.Domain;

namespace Sessions.Tests.Components;

/// <summary>A refusal from the core reads in the reader's language, words and phase included.</summary>
public sealed class MessageLocalizationTests : IDisposable
{
    private readonly CultureInfo _before = CultureInfo.CurrentUICulture;
    private readonly CultureInfo _beforeCulture = CultureInfo.CurrentCulture;
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();

    private IStringLocalizer<SharedResource> Localizer => _services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static SessionRuleException Refusal(Func<object> command) => Assert.Throws<SessionRuleException>(() => command());

    [Fact]
    public void A_refusal_reads_in_dutch_for_a_dutch_reader()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");

        Assert.Equal("Een antwoord mag niet leeg zijn.", Localizer.Localize(Refusal(() => TextRules.Answer("  "))));
        Assert.Equal("Een antwoord is 501 tekens lang; de grens is 500.", Localizer.Localize(Refusal(() => TextRules.Answer(new string('x', 501)))));
        Assert.Equal("Het stemmen voor vraag 2 is niet open; de vraag is bij verzamelen.",
            Localizer.Localize(SessionRuleException.Conflict("Voting is not open for question {0}; it is in {1}.", 2, new PhaseName(Phase.Collect))));
    }

    [Fact]
    public void The_same_refusal_reads_in_english_for_an_english_reader()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");
        var refusal = Refusal(() => TextRules.Answer("  "));

        Assert.Equal("An answer cannot be empty.", Localizer.Localize(refusal));
        Assert.Equal(refusal.Message, Localizer.Localize(refusal));
    }

    [Fact]
    public void A_refusal_without_a_translation_still_reads_in_english()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");

        Assert.Equal("Something new: 3.", Localizer.Localize(SessionRuleException.Invalid("Something new: {0}.", 3)));
    }

    [Fact]
    public void A_facilitators_refusal_reads_in_dutch_too()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");

        var refusal = Assert.Throws<SessionRuleException>(() => PhaseRules.EnsureCanMove(Phase.Collect, Phase.Result));

        Assert.Equal("Een vraag gaat één fase tegelijk: ze is bij verzamelen, dus niet meteen naar uitslag.", Localizer.Localize(refusal));
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _before;
        CultureInfo.CurrentCulture = _beforeCulture;
        _services.Dispose();
    }
}
