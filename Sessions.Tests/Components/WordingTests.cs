using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Sessions.App.Components.Shared;
using Sessions.App.Resources;
using Sessions.Core.Domain;
using Sessions.Core.Reports;
using Sessions.Core.Voting;

namespace Sessions.Tests.Components;

/// <summary>Natural Dutch (and English): real singular and plural forms, one word for a tie, one language per text.</summary>
public sealed partial class WordingTests : IDisposable
{
    private const string TiedOne = "{0} answers are tied for 1 place. Settle it: open a runoff, or choose.";
    private const string TiedMany = "{0} answers are tied for {1} places. Settle it: open a runoff, or choose.";
    private const string ChooseOne = "Or choose the answer that gets the place yourself:";
    private const string ChooseMany = "Or choose {0} answers yourself, in the order of their places:";

    private readonly CultureInfo _before = CultureInfo.CurrentUICulture;
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();

    private IStringLocalizer<SharedResource> T => _services.GetRequiredService<IStringLocalizer<SharedResource>>();

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _before;
        _services.Dispose();
    }

    [Fact]
    public void The_consoles_tie_text_says_one_place_or_places_in_dutch()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");

        Assert.Equal("3 antwoorden staan gelijk voor 1 plaats. Beslis: open een herstemming, of kies.", T.Plural(1, TiedOne, TiedMany, 3, 1));
        Assert.Equal("3 antwoorden staan gelijk voor 2 plaatsen. Beslis: open een herstemming, of kies.", T.Plural(2, TiedOne, TiedMany, 3, 2));
        Assert.Equal("Of kies zelf het antwoord dat de plaats krijgt:", T.Plural(1, ChooseOne, ChooseMany, 1));
        Assert.Equal("Of kies zelf 2 antwoorden, in de volgorde van hun plaats:", T.Plural(2, ChooseOne, ChooseMany, 2));
    }

    [Fact]
    public void The_consoles_tie_text_says_one_place_or_places_in_english()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");

        Assert.Equal("2 answers are tied for 1 place. Settle it: open a runoff, or choose.", T.Plural(1, TiedOne, TiedMany, 2, 1));
        Assert.Equal("4 answers are tied for 3 places. Settle it: open a runoff, or choose.", T.Plural(3, TiedOne, TiedMany, 4, 3));
    }

    [Fact]
    public void Removing_one_person_speaks_of_their_dots_by_name_not_of_hun_stippen()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");

        Assert.Equal("Ann verwijderen? De stippen van Ann vervallen; de antwoorden blijven zonder naam staan.",
            T["Remove {0}? Their dots go; their answers stay without their name.", "Ann"].Value);
    }

    [Fact]
    public void A_refusal_about_the_dots_per_answer_reads_right_for_a_cap_of_one()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
        var answer = Guid.NewGuid();
        var refusal = Assert.Throws<SessionRuleException>(() => BallotRules.Validate(
            new Dictionary<Guid, int> { [answer] = 2 }, [new BallotCandidate(answer, Hidden: false, Merged: false)], budget: 3, maxPerAnswer: 1));

        Assert.Equal("Eén antwoord kan hoogstens 1 van je stippen krijgen; deze stem zet er 2 op één antwoord.", T.Localize(refusal));
    }

    [Fact]
    public void Dutch_calls_a_tie_gelijke_stand_on_the_board_the_phone_the_console_and_in_the_report()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
        string[] texts =
        [
            Labels.Dutch.Tie, Labels.Dutch.SettledByRunoff, Labels.Dutch.SettledByChoice,
            ReportLabels.Dutch.TieByRunoff, ReportLabels.Dutch.TieByChoice,
            T["Tie settled by a runoff vote."], T["Tie settled by your choice."], T["Ties are settled in the result phase."],
        ];

        Assert.All(texts, t => Assert.Contains("gelijke stand", t, StringComparison.OrdinalIgnoreCase));
        Assert.All(texts, t => Assert.DoesNotContain("gelijkspel", t, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_merge_fields_read_as_two_whole_labels_in_dutch()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");

        Assert.Equal("Dit antwoord samenvoegen", T["Merge this answer"].Value);
        Assert.Equal("met dit antwoord", T["into this one"].Value);
    }

    [Fact]
    public void An_open_tie_in_the_report_reads_right_for_one_place_and_for_two()
    {
        Assert.Equal("Nog niet beslist: 2 antwoorden staan gelijk; de top 3 heeft nog plaats voor 1 van hen.",
            string.Format(CultureInfo.InvariantCulture, ReportLabels.Dutch.TieOpenFormat, 2, 1));
        Assert.Equal("Not settled yet: 3 answers are tied; the top 3 has room for 2 of them.",
            string.Format(CultureInfo.InvariantCulture, ReportLabels.English.TieOpenFormat, 3, 2));
    }

    /// <summary>Every Dutch and English text the app shows: the resource file (keys are the English) and the label records.</summary>
    private static IEnumerable<string> AllTexts()
    {
        var resx = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Sessions.App", "Resources", "SharedResource.nl.resx");
        foreach (var data in XDocument.Load(resx).Root!.Elements("data"))
        {
            yield return (string)data.Attribute("name")!;
            yield return (string)data.Element("value")!;
        }
        foreach (var labels in new object[] { Labels.Dutch, Labels.English, ReportLabels.Dutch, ReportLabels.English })
        {
            foreach (var property in labels.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string)))
            {
                yield return (string)property.GetValue(labels)!;
            }
        }
    }

    [GeneratedRegex(@"(?:SessionRuleException\.(?:Invalid|NotFound|Unauthorized|Conflict)\(|new SessionRuleException\(SessionError\.\w+,\s*|new LocalizableText\()\s*(?<interpolated>\$?)""(?<template>(?:[^""\\]|\\.)*)""")]
    private static partial Regex RefusalTemplate();

    /// <summary>
    /// Every refusal and API sentence the code writes is an English template with {0}-style places, and the Dutch
    /// resources know it: an outsider found some twenty that a Dutch phone or script saw in English, and refusals built
    /// with $"..." that no resource can match.
    /// </summary>
    [Fact]
    public void Every_refusal_the_code_writes_is_a_template_with_a_dutch_translation()
    {
        // Normalised: the unresolved path runs through bin/, which the filter below leaves out.
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
        var dutch = XDocument.Load(Path.Combine(root, "Sessions.App", "Resources", "SharedResource.nl.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var found = new List<string>();
        var untranslated = new List<string>();
        foreach (var file in new[] { "Sessions.Core", "Sessions.App" }.SelectMany(p => Directory.EnumerateFiles(Path.Combine(root, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match match in RefusalTemplate().Matches(File.ReadAllText(file)))
            {
                var template = match.Groups["template"].Value.Replace("\\\"", "\"", StringComparison.Ordinal);
                found.Add(template);
                if (match.Groups["interpolated"].Length > 0 || !dutch.Contains(template))
                {
                    untranslated.Add($"{Path.GetFileName(file)}: {(match.Groups["interpolated"].Length > 0 ? "$" : "")}\"{template}\"");
                }
            }
        }

        Assert.True(found.Count > 100, $"only {found.Count} refusal templates found: the pattern no longer matches the code");
        Assert.Empty(untranslated);
    }

    [GeneratedRegex(@"\w\((en|s|pen|n)\)")]
    private static partial Regex MaybePlural();

    [Fact]
    public void No_text_hedges_its_plural_with_en_or_s_in_brackets()
    {
        Assert.DoesNotContain(AllTexts(), t => MaybePlural().IsMatch(t));
    }

    [Fact]
    public void No_text_says_the_same_thing_in_both_languages()
    {
        // "Weer verbonden · Connected again" was one: a Dutch text and its English one side by side.
        string[] englishWords = [" the ", " again", " connected", " your "];
        var dutch = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Sessions.App", "Resources", "SharedResource.nl.resx"))
            .Root!.Elements("data").Select(d => " " + ((string)d.Element("value")!).ToLowerInvariant() + " ")
            .Concat(typeof(Labels).GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => " " + ((string)p.GetValue(Labels.Dutch)!).ToLowerInvariant() + " "));

        Assert.DoesNotContain(dutch, t => englishWords.Any(w => t.Contains(w, StringComparison.Ordinal)) && !t.Contains("--urls", StringComparison.Ordinal));
    }
}
