namespace Sessions.App.Resources;

/// <summary>
/// The UI's texts. The English text is the key (so a missing translation shows English, never a
/// code); SharedResource.nl.resx holds the Dutch, the board's and the phones' words too: those follow the
/// session's (or the phone's) language rather than the reader's, read through <see cref="Labels"/>. The report's
/// labels stay in Sessions.Core (ReportLabels), as the report is written without the UI.
/// </summary>
public sealed class SharedResource;
