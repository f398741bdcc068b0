namespace Sessions.Core.Services;

/// <summary>
/// What everyone may see: the board renders this and nothing else, and <c>GET /api/sessions/{joinCode}</c>
/// returns it. Answers and dots are present only where the phase and settings let everyone see them.
/// </summary>
/// <param name="JoiningClosed">The facilitator closed the session to new participants: the board hides the way in.</param>
/// <param name="BoardPageTurns">Pages the facilitator turned the board (forward minus back); a board moves by the change.</param>
public sealed record PublicSessionState(
    string JoinCode,
    string Title,
    DateOnly? Date,
    string Language,
    long Version,
    int CurrentQuestion,
    string Stage,
    int ParticipantCount,
    int DotsPerParticipant,
    int MaxDotsPerAnswer,
    IReadOnlyList<PublicQuestion> Questions,
    bool JoiningClosed = false,
    long BoardPageTurns = 0);

public sealed record PublicQuestion(
    int Number,
    string Text,
    string Phase,
    int AnswerCount,
    bool AnswersVisible,
    bool DotsVisible,
    IReadOnlyList<PublicAnswer> Answers,
    IReadOnlyList<PublicRankedAnswer> Top3,
    PublicTie? Tie,
    string? TieSettledBy,
    int VotersDone,
    PublicTimer? Timer);

/// <param name="EndsAt">When the countdown reaches zero, in server time (UTC).</param>
/// <param name="SecondsLeft">Seconds left when this state was read.</param>
/// <param name="Advances">At zero the question moves to its next phase.</param>
public sealed record PublicTimer(DateTime EndsAt, int SecondsLeft, bool Advances);

/// <param name="Dots">Null while the counts are hidden.</param>
public sealed record PublicAnswer(Guid AnswerId, string Text, int? Dots, Guid? MergedInto);

public sealed record PublicRankedAnswer(int Rank, Guid AnswerId, string Text, int Dots);

/// <param name="Places">How many of the tied answers can still get into the top 3.</param>
/// <param name="Runoff">"none", "open" or "closed" (a closed runoff that tied again).</param>
public sealed record PublicTie(int Places, IReadOnlyList<PublicRankedAnswer> Answers, string Runoff);
