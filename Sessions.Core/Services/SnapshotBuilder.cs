using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Voting;

namespace Sessions.Core.Services;

internal static class SnapshotBuilder
{
    public static async Task<SessionSnapshot?> LoadAsync(SessionsDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return null;
        }
        var questions = await db.Questions.AsNoTracking().Where(q => q.SessionId == sessionId).OrderBy(q => q.Number).ToListAsync(cancellationToken).ConfigureAwait(false);
        var questionIds = questions.Select(q => q.Id).ToList();
        var answers = await db.Answers.AsNoTracking().Where(a => questionIds.Contains(a.QuestionId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var votes = await db.Votes.AsNoTracking().Where(v => questionIds.Contains(v.QuestionId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var participants = await db.Participants.AsNoTracking().Where(p => p.SessionId == sessionId).OrderBy(p => p.JoinOrder).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Build(session, questions, answers, votes, participants);
    }

    public static SessionSnapshot Build(
        WorkshopSession session,
        IReadOnlyList<Question> questions,
        IReadOnlyList<Answer> answers,
        IReadOnlyList<Vote> votes,
        IReadOnlyList<Participant> participants)
    {
        var settings = new SettingsSnapshot(
            session.Settings.DotsPerParticipant,
            session.Settings.MaxDotsPerAnswer,
            session.Settings.LiveCounts,
            session.Settings.SilentWriting,
            session.Settings.AskOrganisation,
            session.Settings.CloseJoiningWhenVoting);
        // Text stored before direction controls were balanced on the way in (or imported from an older archive) is
        // balanced here, so no screen or report gets an override that reaches past the text.
        var answersByQuestion = answers.ToLookup(a => a.QuestionId);
        var votesByQuestion = votes.ToLookup(v => v.QuestionId);

        var questionSnapshots = questions.Select(q =>
        {
            var qVotes = votesByQuestion[q.Id].ToList();
            var mainVotes = qVotes.Where(v => v.Round == Vote.MainRound).ToList();
            var runoffVotes = qVotes.Where(v => v.Round == Vote.RunoffRound).ToList();
            var dots = mainVotes.GroupBy(v => v.AnswerId).ToDictionary(g => g.Key, g => g.Sum(v => v.Dots));
            var runoffDots = runoffVotes.GroupBy(v => v.AnswerId).ToDictionary(g => g.Key, g => g.Sum(v => v.Dots));
            var answerSnapshots = answersByQuestion[q.Id]
                .OrderBy(a => a.Sequence)
                .Select(a => new AnswerSnapshot(a.Id, BidiText.Balance(a.Text), BidiText.Balance(a.OriginalText), a.ParticipantId, a.Hidden, a.MergedIntoId,
                    dots.GetValueOrDefault(a.Id), runoffDots.GetValueOrDefault(a.Id), a.Sequence))
                .ToList();
            var active = answerSnapshots.Where(a => a.IsActive).ToList();
            var tieWinners = q.TieWinnerIds;
            var ranking = Ranking.Compute(
                active.Select(a => new RankInput(a.Id, a.Text, a.Dots, a.Sequence)),
                q.TieSettledBy,
                tieWinners);
            var ballots = ToBallots(mainVotes);
            var effectiveBudget = Math.Min(settings.DotsPerParticipant, settings.MaxDotsPerAnswer * active.Count);
            var votersDone = effectiveBudget == 0 ? 0 : ballots.Count(b => b.Value.Values.Sum() >= effectiveBudget);
            var answersPublic = q.Phase != Phase.Collect || !settings.SilentWriting || q.AnswersRevealed;
            var dotsPublic = q.Phase >= Phase.Vote && (settings.LiveCounts || q.CountsRevealed || q.Phase == Phase.Result);
            return new QuestionSnapshot(q.Id, q.Number, BidiText.Balance(q.Text), q.Phase, q.AnswersRevealed, q.CountsRevealed, q.Runoff,
                q.RunoffCandidateIds, q.TieSettledBy, tieWinners, answerSnapshots, ballots, ToBallots(runoffVotes), ranking,
                answersPublic, dotsPublic, votersDone, effectiveBudget,
                q.TimerEndsAtUtc is { } end ? DateTime.SpecifyKind(end, DateTimeKind.Utc) : null, q.TimerAdvances);
        }).ToList();

        return new SessionSnapshot(session.Id, session.JoinCode, BidiText.Balance(session.Title), session.Date, session.Language,
            BidiText.Balance(session.Intro), BidiText.Balance(session.ClosingText), settings, session.CurrentQuestion, session.Version, session.JoiningLocked, questionSnapshots,
            participants.Select(p => new ParticipantSnapshot(p.Id, BidiText.Balance(p.Name), p.Organisation is null ? null : BidiText.Balance(p.Organisation), p.MayBeNamed, p.JoinOrder, p.JoinedDuringVote)).ToList(),
            session.BoardPageTurns,
            DateTime.SpecifyKind(session.LastActivityUtc, DateTimeKind.Utc));
    }

    private static Dictionary<Guid, IReadOnlyDictionary<Guid, int>> ToBallots(IEnumerable<Vote> votes) =>
        votes.GroupBy(v => v.ParticipantId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<Guid, int>)g.ToDictionary(v => v.AnswerId, v => v.Dots));
}
