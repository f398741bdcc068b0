namespace Sessions.Core.Services;

/// <summary>Defaults for new sessions, from the "Sessions:Defaults" section of appsettings.json.</summary>
public sealed class SessionDefaults
{
    public const string Section = "Sessions:Defaults";

    public string Language { get; set; } = "nl";
    public int DotsPerParticipant { get; set; } = 3;
    public int MaxDotsPerAnswer { get; set; } = 1;
    public bool LiveCounts { get; set; } = true;
    public bool SilentWriting { get; set; }
    public bool AskOrganisation { get; set; } = true;
}
