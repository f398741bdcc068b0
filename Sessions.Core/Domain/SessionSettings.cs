namespace Sessions.Core.Domain;

/// <summary>Settings the facilitator can change at any time. A new session takes them from <c>SessionDefaults</c>.</summary>
public sealed class SessionSettings
{
    public const int MinDots = 1;
    public const int MaxDots = 20;

    public int DotsPerParticipant { get; set; }
    public int MaxDotsPerAnswer { get; set; }

    /// <summary>When false the board hides dot counts until the facilitator reveals them.</summary>
    public bool LiveCounts { get; set; }

    /// <summary>When true each participant sees only their own answers until the facilitator reveals them all.</summary>
    public bool SilentWriting { get; set; }

    public bool AskOrganisation { get; set; }

    /// <summary>When true nobody new can join once a question's voting has opened: ballot stuffing by joining again is shut out.</summary>
    public bool CloseJoiningWhenVoting { get; set; }
}
