using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Core.Reports;

public static class ReportBuilder
{
    /// <summary>
    /// The report of a session as it stands. A question counts as settled once it is in the result
    /// phase with no open tie; until every question is, the report says it is interim.
    /// </summary>
    public static ReportModel Build(SessionSnapshot session, bool includeAllAnswers = false)
    {
        var labels = ReportLabels.For(session.Language);
        var questions = session.Questions.Select(q => Question(q, labels, includeAllAnswers)).ToList();
        var participants = session.Participants
            .Where(p => p.MayBeNamed)
            .OrderBy(p => p.JoinOrder)
            .Select(p => new ReportParticipant(p.Name, p.Organisation))
            .ToList();
        return new ReportModel(
            session.Title,
            session.Date,
            session.Language == SessionLanguage.Nl ? "nl" : "en",
            session.Intro,
            session.ClosingText,
            questions.Any(q => !q.Settled),
            includeAllAnswers,
            questions,
            participants,
            labels);
    }

    private static ReportQuestion Question(QuestionSnapshot q, ReportLabels labels, bool includeAllAnswers)
    {
        var ranking = q.Ranking;
        var settled = q.Phase == Phase.Result && !ranking.HasOpenTie;
        string? tieNote = q.Phase != Phase.Result ? labels.NotYet : ranking.SettledBy switch
        {
            TieSettlement.Runoff => labels.TieByRunoff,
            TieSettlement.Choice => labels.TieByChoice,
            _ => ranking.HasOpenTie ? string.Format(labels.Culture, labels.TieOpenFormat, ranking.Tied.Count, ranking.OpenPlaces) : null,
        };
        // Before its result a question has no top 3 yet, only a standing.
        var top = q.Phase == Phase.Result ? ranking.Top.Select(r => new ReportRankedAnswer(r.Rank, r.Text, r.Dots)).ToList() : [];
        var ranks = ranking.Top.ToDictionary(r => r.AnswerId, r => r.Rank);
        var all = includeAllAnswers
            ? q.Answers
                .OrderBy(a => a.MergedInto is null ? 0 : 1)
                .ThenByDescending(a => a.Dots)
                .ThenBy(a => a.Sequence)
                .Select(a => new ReportAnswer(
                    a.MergedInto is null ? a.Text : a.OriginalText,
                    a.Dots,
                    ranks.TryGetValue(a.Id, out var rank) ? rank : null,
                    a.MergedInto is { } into ? q.Answer(into)?.Text : null,
                    a.Hidden))
                .ToList()
            : [];
        return new ReportQuestion(q.Number, q.Text, top, tieNote, settled, all);
    }
}
