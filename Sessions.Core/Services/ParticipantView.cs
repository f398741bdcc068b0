using Sessions.Core.Domain;

namespace Sessions.Core.Services;

/// <summary>What one participant's phone shows for one question: everything public, plus their own answers and dots.</summary>
public sealed record ParticipantView(
    QuestionSnapshot Question,
    IReadOnlyList<AnswerSnapshot> Answers,
    IReadOnlyList<AnswerSnapshot> OwnAnswers,
    IReadOnlyDictionary<Guid, int> Ballot,
    int Budget,
    int MaxPerAnswer,
    bool Runoff)
{
    public int Placed => Ballot.Values.Sum();
    public int Remaining => Budget - Placed;

    public static ParticipantView For(SessionSnapshot session, QuestionSnapshot question, Guid participantId)
    {
        var own = question.Answers.Where(a => a.AuthorId == participantId && !a.Hidden && a.MergedInto is null).ToList();
        var runoff = question.Phase == Phase.Result && question.Runoff == RunoffState.Open;
        IReadOnlyList<AnswerSnapshot> answers = runoff
            ? question.RunoffCandidates.Select(id => question.Answer(id)).OfType<AnswerSnapshot>().ToList()
            : question.AnswersPublic
                ? question.ActiveAnswers.ToList()
                : own;
        return runoff
            ? new ParticipantView(question, answers, own, question.RunoffBallotOf(participantId), 1, 1, true)
            : new ParticipantView(question, answers, own, question.BallotOf(participantId),
                session.Settings.DotsPerParticipant, session.Settings.MaxDotsPerAnswer, false);
    }
}
