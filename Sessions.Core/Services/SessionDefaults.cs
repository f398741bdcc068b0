using Sessions.Core.Domain;

namespace Sessions.Core.Services;

/// <summary>
/// Defaults for new sessions, from the "Sessions:Defaults" section of the configuration (appsettings.json,
/// or <c>Sessions__Defaults__DotsPerParticipant=5</c> and the like). The one source for what the start page's
/// form shows, what the API gives a setting left out, and what an import falls back on; the values here
/// hold where the configuration names none.
/// </summary>
public sealed class SessionDefaults
{
    public const string Section = "Sessions:Defaults";

    public string Language { get; set; } = "nl";
    public int DotsPerParticipant { get; set; } = 3;
    public int MaxDotsPerAnswer { get; set; } = 1;
    public bool LiveCounts { get; set; } = true;
    public bool SilentWriting { get; set; }
    public bool AskOrganisation { get; set; } = true;
    public bool CloseJoiningWhenVoting { get; set; }

    /// <summary>The default language as a session holds it.</summary>
    public SessionLanguage SessionLanguage => SessionCatalog.ParseLanguage(Language);

    /// <summary>The settings of a new session: each one given wins, the others are these defaults.</summary>
    public SessionSettings Settings(int? dotsPerParticipant = null, int? maxDotsPerAnswer = null, bool? liveCounts = null, bool? silentWriting = null,
        bool? askOrganisation = null, bool? closeJoiningWhenVoting = null) => new()
    {
        DotsPerParticipant = dotsPerParticipant ?? DotsPerParticipant,
        MaxDotsPerAnswer = maxDotsPerAnswer ?? MaxDotsPerAnswer,
        LiveCounts = liveCounts ?? LiveCounts,
        SilentWriting = silentWriting ?? SilentWriting,
        AskOrganisation = askOrganisation ?? AskOrganisation,
        CloseJoiningWhenVoting = closeJoiningWhenVoting ?? CloseJoiningWhenVoting,
    };
}
