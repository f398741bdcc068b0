using System.Globalization;
using Sessions.Core.Domain;

namespace Sessions.Core.Reports;

/// <summary>The report's words in the session's language.</summary>
public sealed record ReportLabels(
    string CultureName,
    string Top3,
    string Question,
    string DotSingular,
    string DotPlural,
    string AllAnswers,
    string MergedInto,
    string Hidden,
    string ParticipantsIntroFormat,
    string ParticipantsIntroNoDate,
    string Interim,
    string TieByRunoff,
    string TieByChoice,
    string TieOpenFormat,
    string NoResult,
    string NotYet,
    string CsvQuestionNumber,
    string CsvQuestion,
    string CsvAnswer,
    string CsvDots,
    string CsvRank,
    string CsvMergedInto,
    string CsvHidden,
    string Yes,
    string No)
{
    public CultureInfo Culture => CultureInfo.GetCultureInfo(CultureName);

    public string FormatDate(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    public string Dots(int count) => $"{count} {(count == 1 ? DotSingular : DotPlural)}";

    public string ParticipantsIntro(DateOnly? date) =>
        date is { } d ? string.Format(Culture, ParticipantsIntroFormat, FormatDate(d)) : ParticipantsIntroNoDate;

    public static ReportLabels For(SessionLanguage language) => language == SessionLanguage.Nl ? Dutch : English;

    public static ReportLabels Dutch { get; } = new(
        "nl-NL",
        Top3: "Top 3",
        Question: "Vraag",
        DotSingular: "stip",
        DotPlural: "stippen",
        AllAnswers: "Alle antwoorden",
        MergedInto: "samengevoegd met",
        Hidden: "verborgen",
        ParticipantsIntroFormat: "Aan deze sessie van {0} namen de volgende personen deel:",
        ParticipantsIntroNoDate: "Aan deze sessie namen de volgende personen deel:",
        Interim: "Tussentijds verslag: nog niet elke vraag heeft een vaste top 3.",
        TieByRunoff: "Een gelijke stand is beslist door een herstemming.",
        TieByChoice: "Een gelijke stand is beslist door de keuze van de facilitator.",
        TieOpenFormat: "Nog niet beslist: {0} antwoorden staan gelijk; de top 3 heeft nog plaats voor {1} van hen.",
        NoResult: "Geen antwoord kreeg een stip.",
        NotYet: "Deze vraag heeft nog geen top 3.",
        CsvQuestionNumber: "vraagnummer",
        CsvQuestion: "vraag",
        CsvAnswer: "antwoord",
        CsvDots: "stippen",
        CsvRank: "plaats",
        CsvMergedInto: "samengevoegd met",
        CsvHidden: "verborgen",
        Yes: "ja",
        No: "nee");

    public static ReportLabels English { get; } = new(
        "en-GB",
        Top3: "Top 3",
        Question: "Question",
        DotSingular: "dot",
        DotPlural: "dots",
        AllAnswers: "All answers",
        MergedInto: "merged into",
        Hidden: "hidden",
        ParticipantsIntroFormat: "The following people took part in this session of {0}:",
        ParticipantsIntroNoDate: "The following people took part in this session:",
        Interim: "Interim report: not every question has a settled top 3 yet.",
        TieByRunoff: "A tie was settled by a runoff vote.",
        TieByChoice: "A tie was settled by the facilitator's choice.",
        TieOpenFormat: "Not settled yet: {0} answers are tied; the top 3 has room for {1} of them.",
        NoResult: "No answer received a dot.",
        NotYet: "This question has no top 3 yet.",
        CsvQuestionNumber: "question_number",
        CsvQuestion: "question",
        CsvAnswer: "answer",
        CsvDots: "dots",
        CsvRank: "rank",
        CsvMergedInto: "merged_into",
        CsvHidden: "hidden",
        Yes: "yes",
        No: "no");
}
