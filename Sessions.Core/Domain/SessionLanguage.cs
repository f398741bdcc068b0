namespace Sessions.Core.Domain;

/// <summary>The language of a session's board and report labels.</summary>
public enum SessionLanguage
{
    Nl = 0,
    En = 1,
}
