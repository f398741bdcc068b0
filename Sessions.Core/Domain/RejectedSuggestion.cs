namespace Sessions.Core.Domain;

/// <summary>
/// The facilitator said no to a suggested group: its answers are not suggested together again. When
/// <see cref="SeparatedId"/> is set, only that answer was moved out of the group and is not suggested
/// with the others; they may still be suggested together.
/// </summary>
public sealed class RejectedSuggestion
{
    public Guid Id { get; set; }
    public Guid QuestionId { get; set; }

    /// <summary>The answers of the group (without the separated one).</summary>
    public List<Guid> AnswerIds { get; set; } = [];

    public Guid? SeparatedId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
