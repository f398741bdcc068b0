namespace Sessions.Core.Domain;

public sealed class Participant
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public string Name { get; set; } = "";
    public string? Organisation { get; set; }

    /// <summary>Consent to appear in the report as "Name (Organisation)".</summary>
    public bool MayBeNamed { get; set; }

    public byte[] TokenHash { get; set; } = [];
    public int JoinOrder { get; set; }
    public DateTime JoinedAtUtc { get; set; }

    /// <summary>Joined while a question's voting was open: the console shows these, a sign of someone joining twice to vote twice.</summary>
    public bool JoinedDuringVote { get; set; }

    /// <summary>
    /// The highest ballot revision the phone has sent (its own counter, rising with every change).
    /// A ballot that arrives with a lower one was overtaken on the network by a newer ballot and is ignored.
    /// </summary>
    public long BallotRevision { get; set; }
}
