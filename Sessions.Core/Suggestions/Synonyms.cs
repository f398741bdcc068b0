using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Sessions.Core.Suggestions;

/// <summary>
/// A small thesaurus of words that workshop answers use for the same thing, in Dutch and English together
/// (so "salaris", "loon" and "pay" meet). Each set becomes one key; it is kept to everyday words of
/// work, neighbourhood, school and club life, where a room says one thing in many ways.
/// </summary>
internal static class Synonyms
{
    private static readonly string[][] s_sets =
    [
        ["vergadering", "vergaderingen", "vergaderen", "vergaderd", "overleg", "overleggen", "meeting", "meetings", "bijeenkomst", "bijeenkomsten"],
        ["personeel", "medewerkers", "medewerker", "collega", "collegas", "collega's", "mensen", "staff", "colleagues", "employees", "people", "bezetting"],
        ["loon", "lonen", "salaris", "salarissen", "beloning", "verdienen", "verdienen", "pay", "wage", "wages", "salary", "salaries", "inkomen", "income"],
        ["geld", "budget", "financiering", "money", "funding"],
        ["tekort", "tekorten", "gebrek", "weinig", "shortage", "lack"],
        ["woning", "woningen", "huis", "huizen", "housing", "house", "houses", "appartement", "appartementen", "flat"],
        ["kind", "kinderen", "kinder", "kids", "children", "child"],
        ["jongeren", "jongere", "jonge", "jong", "jeugd", "tieners", "youth", "young", "teenagers", "teens"],
        ["ouderen", "senioren", "elderly", "seniors"],
        ["afval", "vuilnis", "rommel", "zwerfafval", "litter", "rubbish", "trash", "waste", "garbage"],
        ["snelheid", "hardrijders", "hardrijden", "snel", "speed", "speeding", "hard"],
        ["groen", "groene", "groener", "groenere", "bomen", "boom", "planten", "natuur", "green", "trees", "plants", "nature"],
        ["verlichting", "lampen", "lamp", "licht", "lantaarnpalen", "lighting", "lights", "lamps", "donker", "donkere", "dark"],
        ["fiets", "fietsen", "fietser", "fietsers", "bike", "bikes", "bicycle", "cycling"],
        ["bus", "busverbinding", "tram", "openbaar", "vervoer", "transport"],
        ["contributie", "lidmaatschap", "fee", "fees", "membership"],
        ["notulen", "verslag", "minutes"],
        ["actiepunten", "actiepunt", "afspraken", "afspraak", "acties", "besluiten", "besluit", "decisions", "actions"],
        ["online", "digitaal", "digitale", "hybride", "virtueel", "video", "remote"],
        ["thuis", "home"],
        ["informatie", "info", "uitleg", "information", "explanation"],
        ["communicatie", "communiceren", "praten", "talk", "talking", "communication", "communicate"],
        ["welkom", "welkomst", "kennismaking", "kennismaken", "kennismakings", "introductie", "welcome", "introduction", "onboarding"],
        ["maatje", "buddy", "mentor", "mentoring", "begeleider", "aanspreekpunt"],
        ["pensioen", "pension", "retirement"],
        ["opleiding", "scholing", "cursus", "cursussen", "training", "trainingen", "course", "courses"],
        ["vergoeding", "compensatie", "toelage", "allowance", "reimbursement"],
        ["tijdelijk", "tijdelijke", "flex", "temporary"],
        ["ziek", "ziekte", "verzuim", "ziekteverzuim", "sick", "sickness", "illness"],
        ["pauze", "pauzes", "lunchpauze", "break", "breaks"],
        ["lawaai", "geluid", "geluidsoverlast", "herrie", "rumoerig", "noise", "noisy", "loud"],
        ["administratie", "administratieve", "papierwerk", "formulieren", "registratie", "bureaucratie", "paperwork", "admin", "forms", "bureaucracy"],
        ["waardering", "erkenning", "appreciation", "recognition"],
        ["leidinggevende", "leidinggevenden", "manager", "managers", "management", "baas", "boss", "leiding"],
        ["telefoon", "telefoons", "mobiel", "mobieltjes", "smartphone", "phone", "phones"],
        ["voorzitter", "gespreksleider", "chair", "chairperson"],
        ["beginnen", "begin", "starten", "start", "aanvang"],
        ["feedback", "terugkoppeling"],
        ["flexibel", "flexibele", "flexibiliteit", "flexible", "flexibility"],
        ["vieren", "feest", "celebrate", "celebration", "successen", "succes", "wins", "successes"],
        ["mail", "email", "mails", "emails"],
        ["parkeren", "parkeerplaats", "parkeerplaatsen", "parking"],
        ["toilet", "toiletten", "wc", "toilets"],
        ["prijs", "prijzen", "duur", "dure", "goedkoop", "goedkoper", "betaalbaar", "betaalbare", "cheap", "cheaper", "price", "prices", "expensive", "affordable"],
        ["internet", "wifi", "wlan"],
        ["toegankelijk", "toegankelijkheid", "rolstoel", "lift", "accessible", "wheelchair", "accessibility"],
        ["avond", "avonden", "evening", "evenings", "night", "nights"],
        ["activiteit", "activiteiten", "activity", "activities", "evenement", "evenementen", "events"],
        ["zon", "zonne", "solar"],
        ["moestuin", "schooltuin", "tuin", "tuinieren", "garden", "gardening"],
        ["papier", "printen", "uitprinten", "print", "paper", "printing"],
        ["verwarming", "stoken", "verwarmen", "heating"],
        ["klimaat", "duurzaamheid", "duurzaam", "climate", "sustainability"],
        ["les", "lessen", "lesson", "lessons", "class", "classes", "workshop", "workshops"],
        ["huiswerk", "homework"],
        ["verantwoordelijk", "verantwoordelijkheid", "verantwoordelijkheden", "responsible", "responsibility", "responsibilities"],
        ["rollen", "rol", "taken", "taak", "taakverdeling", "roles", "role", "tasks"],
    ];

    private static readonly Dictionary<string, string> s_canonical = Build();

    /// <summary>The key a stem stands for: its set's key when it is in one, else itself.</summary>
    public static string Canonical(string stem) => s_canonical.TryGetValue(stem, out var key) ? key : stem;

    private static Dictionary<string, string> Build()
    {
        SnowballProgram dutch = new DutchStemmer();
        SnowballProgram english = new EnglishStemmer();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var set in s_sets)
        {
            var key = "=" + set[0];
            foreach (var word in set)
            {
                var folded = AnswerText.Fold(word.Replace("'", "", StringComparison.Ordinal));
                foreach (var stemmer in (ReadOnlySpan<SnowballProgram>)[dutch, english])
                {
                    stemmer.SetCurrent(folded);
                    stemmer.Stem();
                    map.TryAdd(stemmer.Current, key);
                }
                map.TryAdd(folded, key);
            }
        }
        return map;
    }
}
