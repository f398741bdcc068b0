namespace Sessions.Core.Domain;

/// <summary>
/// The dots one participant put on one answer in one round (0 is the vote, 1 a runoff).
/// A participant's ballot for a question is the set of their rows for that question and round.
/// </summary>
public sealed class Vote
{
    public const int MainRound = 0;
    public const int RunoffRound = 1;

    public Guid ParticipantId { get; set; }
    public Guid QuestionId { get; set; }
    public Guid AnswerId { get; set; }
    public int Round { get; set; }
    public int Dots { get; set; }
}
