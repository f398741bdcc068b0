namespace Sessions.Core.Reports;

/// <summary>
/// The whole session as JSON, enough to archive it and import it again. References are local
/// ("p3" is the third participant to join, "q2.a5" the fifth answer to question 2), so an
/// export of an imported session is the same document as the export it came from. Participants who
/// did not consent to be named are archived without name or organisation.
/// </summary>
public sealed record SessionArchive(
    string Format,
    int FormatVersion,
    string Title,
    DateOnly? Date,
    string Language,
    string Intro,
    string ClosingText,
    ArchiveSettings? Settings,
    int CurrentQuestion,
    IReadOnlyList<ArchiveQuestion> Questions,
    IReadOnlyList<ArchiveParticipant> Participants)
{
    public const string FormatName = "sessions.archive";
    public const int CurrentFormatVersion = 1;
}

/// <summary>
/// The session's settings. The app always writes every one; on import a setting left out (an archive written before
/// it existed, such as <see cref="CloseJoiningWhenVoting"/>, or one edited by hand) takes the configured default
/// (Sessions:Defaults), as it does when a session is created.
/// </summary>
public sealed record ArchiveSettings(
    int? DotsPerParticipant = null,
    int? MaxDotsPerAnswer = null,
    bool? LiveCounts = null,
    bool? SilentWriting = null,
    bool? AskOrganisation = null,
    bool? CloseJoiningWhenVoting = null);

public sealed record ArchiveQuestion(
    int Number,
    string Text,
    string Phase,
    bool AnswersRevealed,
    bool CountsRevealed,
    string Runoff,
    IReadOnlyList<string> RunoffCandidates,
    string TieSettledBy,
    IReadOnlyList<string> TieWinners,
    IReadOnlyList<ArchiveAnswer> Answers,
    IReadOnlyList<ArchiveBallot> Ballots,
    IReadOnlyList<ArchiveRejection>? Rejections = null);

/// <summary>
/// A suggested merge the facilitator said no to: these answers are not suggested together again; with
/// <paramref name="Separated"/>, only that answer was moved out and is not suggested with them. Archives written before
/// suggestions have none.
/// </summary>
public sealed record ArchiveRejection(IReadOnlyList<string> Answers, string? Separated);

/// <param name="Dots">Derived from the ballots; written for readers of the archive, ignored on import.</param>
public sealed record ArchiveAnswer(string Ref, string Text, string OriginalText, string? Author, bool Hidden, string? MergedInto, int Dots);

/// <param name="Round">0 is the vote, 1 a runoff.</param>
public sealed record ArchiveBallot(string Participant, int Round, IReadOnlyDictionary<string, int> Dots);

public sealed record ArchiveParticipant(string Ref, string? Name, string? Organisation, bool MayBeNamed);
