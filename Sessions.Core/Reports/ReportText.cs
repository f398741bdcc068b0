namespace Sessions.Core.Reports;

/// <summary>Text helpers every report writer shares.</summary>
public static class ReportText
{
    /// <summary>The paragraphs of an intro or closing text (blank lines between them), each trimmed; line breaks inside stay.</summary>
    public static IEnumerable<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>What follows an answer in the list of every answer: its dots, or what it was merged into.</summary>
    /// <remarks>The answer merged into is isolated (<see cref="Domain.BidiText.Isolate"/>): its direction stays inside the quotes.</remarks>
    public static string AnswerNote(ReportAnswer answer, ReportLabels labels) =>
        answer.MergedInto is { } into ? $"{labels.MergedInto} “{Domain.BidiText.Isolate(into)}”" : labels.Dots(answer.Dots);
}
