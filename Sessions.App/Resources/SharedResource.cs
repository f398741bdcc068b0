namespace Sessions.App.Resources;

/// <summary>
/// The UI's texts. The English text is the key (so a missing translation shows English, never a
/// code); SharedResource.nl.resx holds the Dutch. Board and report labels follow the session's
/// language instead, through Sessions.Core.Text.Labels and ReportLabels.
/// </summary>
public sealed class SharedResource;
