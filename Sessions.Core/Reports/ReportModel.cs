namespace Sessions.Core.Reports;

/// <summary>
/// The outcome of a session as it is published: the shape of the post the 25 November 2022 session
/// produced by hand. Built from a snapshot; every writer renders this and nothing else.
/// </summary>
public sealed record ReportModel(
    string Title,
    DateOnly? Date,
    string Language,
    string Intro,
    string ClosingText,
    bool IsInterim,
    bool IncludesAllAnswers,
    IReadOnlyList<ReportQuestion> Questions,
    IReadOnlyList<ReportParticipant> Participants,
    ReportLabels Labels)
{
    public string? DateText => Date is { } d ? Labels.FormatDate(d) : null;
}

/// <param name="TieNote">How a tie across the cut-off was settled, or that it still is open; null when there was none.</param>
public sealed record ReportQuestion(
    int Number,
    string Text,
    IReadOnlyList<ReportRankedAnswer> Top3,
    string? TieNote,
    bool Settled,
    IReadOnlyList<ReportAnswer> AllAnswers);

public sealed record ReportRankedAnswer(int Rank, string Text, int Dots);

/// <param name="Rank">Its place in the top 3, if it has one.</param>
/// <param name="MergedInto">The wording of the answer that absorbed it.</param>
public sealed record ReportAnswer(string Text, int Dots, int? Rank, string? MergedInto, bool Hidden);

/// <summary>Only participants who consented to be named.</summary>
public sealed record ReportParticipant(string Name, string? Organisation)
{
    /// <summary>"Name (Organisation)", each part isolated so a right-to-left name cannot move the brackets.</summary>
    public string Display => Organisation is { Length: > 0 } o
        ? $"{Domain.BidiText.Isolate(Name)} ({Domain.BidiText.Isolate(o)})"
        : Domain.BidiText.Isolate(Name);
}
