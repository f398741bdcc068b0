namespace Sessions.Core.Templates;

/// <summary>The built-in templates.</summary>
public static class SessionTemplates
{
    public const string Vernieuwen2022Key = "vernieuwen-2022";
    public const string BlankKey = "blank";

    /// <summary>
    /// The four questions of the platform "Vernieuwen doen we Samen", session of 25 November 2022,
    /// in Dutch exactly as published (including the no-break space after "Stel,").
    /// </summary>
    public static SessionTemplate Vernieuwen2022 { get; } = new(
        Vernieuwen2022Key,
        "Vernieuwen doen we Samen, 25 november 2022",
        "Vernieuwen doen we Samen",
        "Renewing Together",
        "In een sessie van vier uur hebben we vanuit het platform Vernieuwen doen we Samen, in kaart gebracht wat onze gedeelde visie is ten aanzien van het vormen van een ecosysteem dat de werkenden en niet het bedrijf, het systeem of de instituties centraal zet. We stelden de aanwezigen vier vragen waarna een top 3 van uit de antwoorden werd gekozen. Hieronder lees je onze opbrengst:",
        "In a four-hour session of the platform Vernieuwen doen we Samen we mapped our shared vision of forming an ecosystem that puts working people, not the company, the system or the institutions, at its centre. We asked those present four questions, and a top 3 was chosen from the answers to each. Here is what it yielded:",
        "",
        "",
        [
            "Welk doel willen we bereiken door een ecosysteem te vormen dat de werkenden en niet het bedrijf, het systeem of de instituties centraal zet? Wat levert dit op voor wie?",
            "Stel,\u00A0we hebben een greenfield, waar zouden we dan mee moeten beginnen om een ecosysteem te organiseren waarbij de werkenden en niet het bedrijf, het systeem of de instituties centraal staat?",
            "Wat willen we zeker niet meenemen in ons ecosysteem dat de werkenden en niet het bedrijf, het systeem of de instituties centraal zet?",
            "Wat zou de eerste praktische stap zijn om samen tot een ecosysteem te komen waarbij de werkenden centraal staan?",
        ],
        [
            "What goal do we want to reach by forming an ecosystem that puts working people, not the company, the system or the institutions, at its centre? What does it yield, and for whom?",
            "Suppose we have a greenfield: where should we start to organise an ecosystem in which working people, not the company, the system or the institutions, are at the centre?",
            "What do we definitely not want to bring into our ecosystem that puts working people, not the company, the system or the institutions, at its centre?",
            "What would be the first practical step towards an ecosystem, built together, in which working people are at the centre?",
        ]);

    public static SessionTemplate Blank { get; } = new(
        BlankKey, "Blank", "", "", "", "", "", "", [], []);

    public static IReadOnlyList<SessionTemplate> All { get; } = [Vernieuwen2022, Blank];

    public static SessionTemplate? Find(string? key) =>
        All.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));
}
