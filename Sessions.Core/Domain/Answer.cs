namespace Sessions.Core.Domain;

public sealed class Answer
{
    public Guid Id { get; set; }
    public Guid QuestionId { get; set; }

    /// <summary>The participant who wrote it; null for answers added by the facilitator or an import.</summary>
    public Guid? ParticipantId { get; set; }

    public string Text { get; set; } = "";

    /// <summary>The words as first submitted; kept when the facilitator edits or merges.</summary>
    public string OriginalText { get; set; } = "";

    /// <summary>Lets a client resubmit after a reconnect without creating a second answer.</summary>
    public string? ClientRequestId { get; set; }

    public bool Hidden { get; set; }
    public Guid? MergedIntoId { get; set; }

    /// <summary>Submission order within the session; breaks equal dot counts in favour of the earlier answer.</summary>
    public long Sequence { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
