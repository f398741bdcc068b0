using Sessions.Core.Domain;

namespace Sessions.Core.Services;

public static class PublicStateBuilder
{
    public const string Lobby = "lobby";
    public const string QuestionStage = "question";
    public const string WrapUp = "wrap-up";

    public static PublicSessionState Build(SessionSnapshot s, DateTime? nowUtc = null) => new(
        s.JoinCode,
        s.Title,
        s.Date,
        s.Language == SessionLanguage.Nl ? "nl" : "en",
        s.Version,
        s.CurrentQuestion,
        s.InLobby ? Lobby : s.InWrapUp ? WrapUp : QuestionStage,
        s.Participants.Count,
        s.Settings.DotsPerParticipant,
        s.Settings.MaxDotsPerAnswer,
        s.Questions.Select(q => Build(q, nowUtc)).ToList(),
        s.JoiningLocked,
        s.BoardPageTurns);

    public static PublicQuestion Build(QuestionSnapshot q, DateTime? nowUtc = null)
    {
        var visible = q.Answers.Where(a => !a.Hidden).ToList();
        var answers = q.AnswersPublic
            ? visible.Select(a => new PublicAnswer(a.Id, a.Text, q.DotsPublic && a.MergedInto is null ? a.Dots : null, a.MergedInto)).ToList()
            : [];
        var result = q.Phase == Phase.Result;
        var top3 = result
            ? q.Ranking.Top.Select(r => new PublicRankedAnswer(r.Rank, r.AnswerId, r.Text, r.Dots)).ToList()
            : [];
        PublicTie? tie = null;
        if (result && q.Ranking.HasOpenTie)
        {
            tie = new PublicTie(
                q.Ranking.OpenPlaces,
                q.Ranking.Tied.Select(t => new PublicRankedAnswer(q.Ranking.Top.Count + 1, t.AnswerId, t.Text, t.Dots)).ToList(),
                q.Runoff.ToString().ToLowerInvariant());
        }
        return new PublicQuestion(
            q.Number,
            q.Text,
            PhaseRules.Name(q.Phase),
            visible.Count(a => a.MergedInto is null),
            q.AnswersPublic,
            q.DotsPublic,
            answers,
            top3,
            tie,
            result && q.Ranking.SettledBy != TieSettlement.None ? q.Ranking.SettledBy.ToString().ToLowerInvariant() : null,
            q.VotersDone,
            q.TimerEndsAtUtc is { } end
                ? new PublicTimer(end, (int)Math.Ceiling(q.TimeLeft(nowUtc ?? DateTime.UtcNow)!.Value.TotalSeconds), q.TimerAdvances)
                : null);
    }
}
