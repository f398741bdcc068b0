namespace Sessions.Core.Domain;

/// <summary>Settings the facilitator can change at any time.</summary>
public sealed class SessionSettings
{
    public const int MinDots = 1;
    public const int MaxDots = 20;

    public int DotsPerParticipant { get; set; } = 3;
    public int MaxDotsPerAnswer { get; set; } = 1;

    /// <summary>When false the board hides dot counts until the facilitator reveals them.</summary>
    public bool LiveCounts { get; set; } = true;

    /// <summary>When true each participant sees only their own answers until the facilitator reveals them all.</summary>
    public bool SilentWriting { get; set; }

    public bool AskOrganisation { get; set; } = true;

    /// <summary>When true nobody new can join once a question's voting has opened: ballot stuffing by joining again is shut out.</summary>
    public bool CloseJoiningWhenVoting { get; set; }
}
