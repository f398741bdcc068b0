using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Nl;
using Lucene.Net.Analysis.Util;

namespace Sessions.Core.Suggestions;

/// <summary>
/// The few word lists the suggester needs beyond the Snowball stop sets: words that soften rather than
/// carry a point, words that set a direction (more against less), and common parts of Dutch compounds.
/// </summary>
internal static class Lexicon
{
    public static readonly CharArraySet DutchStop = DutchAnalyzer.DefaultStopSet;
    public static readonly CharArraySet EnglishStop = EnglishAnalyzer.DefaultStopSet;

    /// <summary>Function words the Snowball sets leave in, common in short workshop answers.</summary>
    public static readonly HashSet<string> ExtraStop = new(StringComparer.Ordinal)
    {
        // Dutch
        "we", "wij", "onze", "ons", "jullie", "elkaar", "gaan", "laten", "maken", "zorgen", "zou", "zouden", "willen",
        "moeten", "kunnen", "mogen", "worden", "wordt", "werd", "hebben", "heb", "heeft", "doen", "komen", "staan",
        "iets", "alle", "elke", "ieder", "iedere", "vaak", "soms", "nog", "even", "steeds", "gewoon", "gewoonweg",
        "dus", "daarom", "bijvoorbeeld", "bv", "bijv", "enz", "etc", "zodat", "omdat", "waardoor", "waarbij", "welke",
        "hierbij", "daarbij", "via", "per", "tussen", "binnen", "buiten", "tegen", "langs", "rond", "rondom",
        "m", "n", "s", "t", "zo", "ook",
        // English
        "we", "our", "us", "let", "make", "making", "should", "would", "could", "can", "get", "getting", "need",
        "needs", "want", "also", "e", "g", "eg", "etc", "via", "per", "within", "lot", "lots",
    };

    /// <summary>Words that colour a point without making it: they count, but little.</summary>
    public static readonly HashSet<string> Weak = new(StringComparer.Ordinal)
    {
        "meer", "vaker", "beter", "betere", "goed", "goede", "graag", "veel", "extra", "echt", "heel", "erg",
        "duidelijk", "duidelijke", "duidelijker", "nieuwe", "nieuw", "voldoende", "genoeg", "snel", "sneller",
        "meest", "hoger", "hogere", "lager", "lagere", "higher", "lower", "belangrijk", "belangrijke", "mogelijk", "mogelijkheid", "mogelijkheden", "aandacht", "ruimte",
        "more", "better", "good", "really", "much", "many", "extra", "new", "clear", "clearer", "enough", "important",
        "possible", "attention", "room", "often", "faster", "quick", "quickly",
    };

    /// <summary>Direction words: an answer asking for more of a thing is not one asking for less of it.</summary>
    public static readonly HashSet<string> Up = new(StringComparer.Ordinal)
    {
        "meer", "vaker", "hoger", "hogere", "groter", "grotere", "verhogen", "verhoging", "uitbreiden", "uitbreiding",
        "toename", "stijging", "more", "higher", "bigger", "larger", "increase", "increased", "raise", "expand", "expanding",
    };

    public static readonly HashSet<string> Down = new(StringComparer.Ordinal)
    {
        "minder", "lager", "lagere", "kleiner", "kleinere", "verlagen", "verlaging", "verminderen", "vermindering",
        "afschaffen", "afgeschaft", "schrappen", "stoppen", "geen", "nooit", "niet", "beperken", "beperking", "korter",
        "kortere", "less", "fewer", "lower", "smaller", "reduce", "reduced", "cut", "cutting", "scrap", "abolish",
        "stop", "no", "never", "not", "shorter", "limit",
    };

    /// <summary>
    /// Parts that Dutch compounds of workshop answers are often made of, so "werkdruk" splits even when no
    /// other answer says "druk". The answers of the question itself add to this list.
    /// </summary>
    public static readonly string[] CompoundParts =
    [
        "werk", "druk", "thuis", "kinder", "kind", "opvang", "woning", "markt", "huur", "koop", "prijs", "prijzen",
        "zorg", "school", "onderwijs", "les", "leraar", "docent", "team", "overleg", "vergader", "klant", "bus",
        "trein", "fiets", "auto", "pad", "baan", "weg", "parkeer", "plaats", "plek", "energie", "rekening", "loon",
        "salaris", "geld", "tijd", "dag", "week", "jaar", "uur", "personeel", "tekort", "tekorten", "regel", "regels",
        "kosten", "budget", "groen", "speel", "tuin", "buurt", "wijk", "huis", "huizen", "bouw", "zon", "panel",
        "panelen", "water", "lucht", "afval", "bak", "scheiding", "vervoer", "openbaar", "ouder", "jongeren", "jeugd",
        "sport", "club", "vereniging", "lid", "leden", "bijeenkomst", "avond", "ochtend", "middag", "pauze", "lunch",
        "koffie", "ruimte", "kantoor", "computer", "software", "systeem", "data", "informatie", "nieuws", "brief",
        "mail", "app", "website", "feedback", "gesprek", "gesprekken", "functie", "loopbaan", "opleiding", "cursus",
        "training", "stage", "starter", "senior", "pensioen", "vakantie", "verlof", "ziekte", "verzuim", "gezondheid",
        "veiligheid", "verkeer", "snelheid", "drempel", "licht", "straat", "stad", "dorp", "gemeente", "raad", "burger",
        "inspraak", "beleid", "plan", "doel", "visie", "cultuur", "sfeer", "rust", "stilte", "geluid", "belasting",
        "toeslag", "subsidie", "armoede", "schuld", "hulp", "vrijwilliger", "vrijwilligers", "mantel", "wacht", "lijst",
        "lijsten", "digitaal", "online", "scherm", "papier", "contract", "vast", "flex", "uren", "rooster", "dienst",
    ];
}
