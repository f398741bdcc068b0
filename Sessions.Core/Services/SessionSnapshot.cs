using Sessions.Core.Domain;
using Sessions.Core.Voting;

namespace Sessions.Core.Services;

/// <summary>
/// The whole state of a session at one version, read once and shared by every screen of that
/// session. It holds everything, authors and ballots included: only the projections
/// (<see cref="PublicStateBuilder"/>, <see cref="ParticipantView"/>) decide what a screen may show.
/// </summary>
public sealed record SessionSnapshot(
    Guid Id,
    string JoinCode,
    string Title,
    DateOnly? Date,
    SessionLanguage Language,
    string Intro,
    string ClosingText,
    SettingsSnapshot Settings,
    int CurrentQuestion,
    long Version,
    bool JoiningLocked,
    IReadOnlyList<QuestionSnapshot> Questions,
    IReadOnlyList<ParticipantSnapshot> Participants,
    long BoardPageTurns = 0,
    DateTime LastActivityUtc = default)
{
    /// <summary>True while a question's voting (or a runoff) is open: who joins now may be voting twice.</summary>
    public bool AnyVotingOpen => Questions.Any(q => q.VotingOpen);

    public bool InLobby => CurrentQuestion <= 0;
    public bool InWrapUp => CurrentQuestion > Questions.Count;
    public QuestionSnapshot? Current => InLobby || InWrapUp ? null : Questions[CurrentQuestion - 1];

    public QuestionSnapshot? Question(int number) =>
        number >= 1 && number <= Questions.Count ? Questions[number - 1] : null;
}

public sealed record SettingsSnapshot(int DotsPerParticipant, int MaxDotsPerAnswer, bool LiveCounts, bool SilentWriting, bool AskOrganisation, bool CloseJoiningWhenVoting = false);

public sealed record QuestionSnapshot(
    Guid Id,
    int Number,
    string Text,
    Phase Phase,
    bool AnswersRevealed,
    bool CountsRevealed,
    RunoffState Runoff,
    IReadOnlyList<Guid> RunoffCandidates,
    TieSettlement TieSettledBy,
    IReadOnlyList<Guid> TieWinners,
    IReadOnlyList<AnswerSnapshot> Answers,
    IReadOnlyDictionary<Guid, IReadOnlyDictionary<Guid, int>> Ballots,
    IReadOnlyDictionary<Guid, IReadOnlyDictionary<Guid, int>> RunoffBallots,
    RankingResult Ranking,
    bool AnswersPublic,
    bool DotsPublic,
    int VotersDone,
    int EffectiveBudget,
    DateTime? TimerEndsAtUtc,
    bool TimerAdvances)
{
    /// <summary>Time left on the phase's countdown at <paramref name="nowUtc"/>, or null without a timer.</summary>
    public TimeSpan? TimeLeft(DateTime nowUtc) =>
        TimerEndsAtUtc is { } end ? (end > nowUtc ? end - nowUtc : TimeSpan.Zero) : null;

    public IEnumerable<AnswerSnapshot> ActiveAnswers => Answers.Where(a => a.IsActive);

    public AnswerSnapshot? Answer(Guid id) => Answers.FirstOrDefault(a => a.Id == id);

    public IReadOnlyDictionary<Guid, int> BallotOf(Guid participantId) =>
        Ballots.TryGetValue(participantId, out var ballot) ? ballot : EmptyBallot;

    public IReadOnlyDictionary<Guid, int> RunoffBallotOf(Guid participantId) =>
        RunoffBallots.TryGetValue(participantId, out var ballot) ? ballot : EmptyBallot;

    /// <summary>
    /// Whether the question may go back to collect: not once it has dots (in either round) or merged answers, since
    /// people could then edit or withdraw answers that carry them. The same rule as
    /// <see cref="FacilitatorService.SetPhaseAsync"/>, so a screen never offers what the server refuses.
    /// </summary>
    public bool CanGoBackToCollect => Ballots.Count == 0 && RunoffBallots.Count == 0 && !Answers.Any(a => a.MergedInto is not null);

    public bool VotingOpen => Phase == Phase.Vote || (Phase == Phase.Result && Runoff == RunoffState.Open);

    private static readonly IReadOnlyDictionary<Guid, int> EmptyBallot = new Dictionary<Guid, int>();
}

public sealed record AnswerSnapshot(
    Guid Id,
    string Text,
    string OriginalText,
    Guid? AuthorId,
    bool Hidden,
    Guid? MergedInto,
    int Dots,
    int RunoffDots,
    long Sequence)
{
    public bool IsActive => !Hidden && MergedInto is null;
}

/// <param name="JoinedDuringVote">Joined while voting was open: the console lists these, a sign of someone joining again to vote again.</param>
public sealed record ParticipantSnapshot(Guid Id, string Name, string? Organisation, bool MayBeNamed, int JoinOrder, bool JoinedDuringVote = false);
