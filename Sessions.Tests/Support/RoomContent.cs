using System.Globalization;
using System.Text;

namespace Sessions.Tests.Support;

/// <summary>
/// What the people of <see cref="Room"/> are called and write. Deterministic, so a failing board can be
/// reproduced. Position 1 and 2 of every question are a 500-character answer and the long compound,
/// position 0 and 3 the favourites (see <see cref="Room.VoteAsync"/>).
/// </summary>
public static class RoomContent
{
    private static readonly string[] FirstNames = ["Anouk", "Bram", "Chaima", "Daan", "Esra", "Fleur", "Gijs", "Hanna", "Ilias", "Joke", "Kees", "Lotte", "Mohamed", "Noor", "Okke", "Priya"];
    private static readonly string[] Organisations = ["Gemeente Utrecht", "Buurtteam Oost", "Stichting Samen Sterk", "Provincie Gelderland", "Wijkcentrum De Boog", "Ministerie van BZK"];

    private static readonly string[] DutchShort =
    [
        "Bewoners vanaf het begin laten meedenken",
        "Eerlijk zijn over wat wel en niet kan",
        "Meer tijd voor ontmoeting, minder vergaderen",
        "Kleine experimenten in de wijk",
        "Ambtenaren die de straat op gaan",
        "Vertrouwen geven aan initiatiefnemers",
        "Geen schijnparticipatie meer",
        "Resultaten terugkoppelen aan iedereen die meedeed",
        "Jongeren betrekken via school en sportclub",
        "Budget dat bewoners zelf mogen verdelen",
        "Regels versoepelen voor burgerinitiatieven",
        "Een vast aanspreekpunt bij de gemeente",
        "Leren van wat misging, zonder schuldvraag",
        "Samenwerken over de grenzen van afdelingen heen",
        "Taal die iedereen begrijpt",
        "Vergaderingen op plekken waar mensen al komen",
    ];

    private static readonly string[] EnglishShort =
    [
        "Let residents think along from the start",
        "Be honest about what can and cannot be done",
        "More time to meet, fewer meetings",
        "Small experiments in the neighbourhood",
        "Civil servants who walk the streets",
        "Trust the people who take the initiative",
        "No more token participation",
        "Report results back to everyone who took part",
        "Reach young people through schools and sports clubs",
        "A budget residents may divide themselves",
        "Fewer rules for citizens' initiatives",
        "One fixed point of contact at the council",
        "Learn from what went wrong, without blame",
        "Work across the borders between departments",
        "Language everyone understands",
        "Meetings where people already are",
    ];

    private static readonly string[] DutchLong =
    [
        "Wat mij betreft begint vernieuwing bij de vraag wie er eigenlijk aan tafel zit. Te vaak praten professionals met elkaar over bewoners, in plaats van met hen. Als we werkelijk iets willen veranderen, moeten we de vergaderingen verplaatsen naar de buurthuizen, de bibliotheek en het schoolplein, op tijden dat werkende mensen en ouders kunnen. En we moeten terugkoppelen wat er met hun inbreng is gebeurd, ook als het antwoord nee is. Dat kost tijd en geld, maar schijnparticipatie kost uiteindelijk veel meer vertrouwen.",
        "Ik zie in mijn werk bij het wijkteam dat mensen afhaken zodra het ingewikkeld wordt: formulieren, termijnen, verwijzingen naar weer een ander loket. Vernieuwen betekent voor mij dat we de organisatie om de vraag van de bewoner heen bouwen, niet andersom. Dat vraagt ruimte voor professionals om af te wijken van protocollen als dat nodig is, en leidinggevenden die daar achter staan. Begin klein, met één straat of één school, leer wat werkt en vertel dat verhaal eerlijk verder aan anderen.",
    ];

    private static readonly string[] EnglishLong =
    [
        "For me renewal starts with the question of who is actually at the table. Too often professionals talk to each other about residents instead of with them. If we really want to change something, we should move the meetings to community centres, the library and the school yard, at times when working people and parents can come. And we should report back what happened to their input, even when the answer is no. That takes time and money, but token participation costs far more trust in the end.",
        "In my work with the neighbourhood team I see people give up as soon as things get complicated: forms, deadlines, referrals to yet another desk. Renewal to me means building the organisation around the resident's question, not the other way round. That needs room for professionals to depart from protocols where needed, and managers who back them. Start small, with one street or one school, learn what works and pass that story on honestly to others, including what failed along the way too.",
    ];

    // Invisible and right-to-left characters that real phones send: a zero-width space, a soft hyphen,
    // Arabic with right-to-left marks, an override that must not flip the rest of the board.
    private static readonly string[] Unusual =
    [
        "Samen\u200Bwerken met zorg\u00ADverzekeraars en woningcorporaties",
        "\u200Fمشاركة السكان\u200F in elke wijk",
        "\u202Eomgekeerd\u202C? Nee: gewoon luisteren",
        "👩🏽‍🤝‍👩🏻 Meer mensen van buiten de gemeente erbij",
    ];

    public static string Name(int i) => $"{FirstNames[i % FirstNames.Length]} {i + 1}";

    public static string Organisation(int i) => Organisations[i % Organisations.Length];

    /// <summary>The answers of a question, <paramref name="count"/> of them, each at most 500 characters.</summary>
    public static IReadOnlyList<string> Answers(string language, int question, int count)
    {
        var dutch = language == "nl";
        var shortOnes = dutch ? DutchShort : EnglishShort;
        var longOnes = dutch ? DutchLong : EnglishLong;
        var compound = dutch
            ? $"Een {Room.Compound} voor de hele regio"
            : $"A regional {Room.Compound} (the Dutch word for it)";
        var answers = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            answers.Add(i switch
            {
                1 => Exactly500(longOnes[question % 2]),
                2 => compound,
                _ when i % 17 == 9 => Exactly500(longOnes[(question + 1) % 2]),
                _ when i % 13 == 7 => Unusual[(i / 13) % Unusual.Length],
                _ when i < shortOnes.Length + 3 => shortOnes[(i + question) % shortOnes.Length],
                // Beyond the list, variations on it, as a big room writes them.
                _ => string.Create(CultureInfo.InvariantCulture, $"{shortOnes[(i * 7 + question) % shortOnes.Length]} ({(dutch ? "idee" : "idea")} {i + 1})"),
            });
        }
        return answers;
    }

    /// <summary>The text made exactly 500 characters long, the most an answer may have, of whole words.</summary>
    private static string Exactly500(string text)
    {
        var words = text.Split(' ');
        var built = new StringBuilder(words[0]);
        // Near the end, words that would run over the limit are passed over for shorter ones that fill it.
        for (var i = 1; built.Length < 499 && i < words.Length * 4; i++)
        {
            var word = words[i % words.Length];
            if (built.Length + 1 + word.Length <= 499)
            {
                built.Append(' ').Append(word);
            }
        }
        return built.Append('.', 500 - built.Length).ToString();
    }
}
