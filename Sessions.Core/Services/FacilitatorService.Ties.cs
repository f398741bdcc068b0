using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Voting;

namespace Sessions.Core.Services;

/// <summary>A tie across the cut-off of the top 3: settled by the facilitator's choice or by a runoff.</summary>
public sealed partial class FacilitatorService
{
    /// <summary>Settles a tie across the cut-off by the facilitator's explicit choice, in rank order.</summary>
    public Task ChooseTieWinnersAsync(Guid sessionId, string? key, int questionNumber, IReadOnlyList<Guid> winners, CancellationToken cancellationToken = default) =>
        _commands.OnQuestionAsync(sessionId, key, questionNumber, async c =>
        {
            var ranking = await OpenTieAsync(c.Db, c.Question, cancellationToken).ConfigureAwait(false);
            if (c.Question.Runoff == RunoffState.Open)
            {
                throw SessionRuleException.Conflict("A runoff is open; close it first, then choose if it tied again.");
            }
            if (!Ranking.IsValidSettlement(ranking.Tied, ranking.OpenPlaces, winners))
            {
                throw SessionRuleException.Invalid("The top 3 has room for {0} of the {1} tied answers: choose exactly that many, each once.", ranking.OpenPlaces, ranking.Tied.Count);
            }
            c.Question.SettleTie(TieSettlement.Choice, winners);
        }, cancellationToken);

    /// <summary>Opens a runoff among the tied answers: each participant has one dot.</summary>
    public Task StartRunoffAsync(Guid sessionId, string? key, int questionNumber, CancellationToken cancellationToken = default) =>
        _commands.OnQuestionAsync(sessionId, key, questionNumber, async c =>
        {
            var ranking = await OpenTieAsync(c.Db, c.Question, cancellationToken).ConfigureAwait(false);
            if (c.Question.Runoff == RunoffState.Open)
            {
                return;
            }
            await DeleteRunoffDotsAsync(c.Db, c.Question, cancellationToken).ConfigureAwait(false);
            c.Question.OpenRunoff(ranking.Tied.Select(t => t.AnswerId));
        }, cancellationToken);

    /// <summary>Closes the runoff and settles the tie by it, unless the runoff tied again.</summary>
    public Task<bool> CloseRunoffAsync(Guid sessionId, string? key, int questionNumber, CancellationToken cancellationToken = default) =>
        _commands.OnQuestionAsync(sessionId, key, questionNumber, async c =>
        {
            c.Question.EnsureRunoffOpen();
            var ranking = await OpenTieAsync(c.Db, c.Question, cancellationToken).ConfigureAwait(false);
            var runoffDots = await SessionQueries.DotsPerAnswerAsync(c.Db, c.Question, Vote.RunoffRound, cancellationToken).ConfigureAwait(false);
            return c.Question.CloseRunoff(RunoffRules.Winners(ranking.Tied, runoffDots, ranking.OpenPlaces));
        }, cancellationToken);

    private static async Task<RankingResult> OpenTieAsync(SessionsDbContext db, Question question, CancellationToken cancellationToken)
    {
        if (question.Phase != Phase.Result)
        {
            throw SessionRuleException.Conflict("Ties are settled in the result phase.");
        }
        var ranking = Ranking.Compute(await SessionQueries.RankInputsAsync(db, question, cancellationToken).ConfigureAwait(false));
        if (!ranking.HasOpenTie)
        {
            throw SessionRuleException.Conflict("There is no tie across the cut-off to settle for this question.");
        }
        return ranking;
    }

    /// <summary>The ranking a runoff or settlement was made for has changed: both go, with the runoff's dots.</summary>
    internal static async Task ClearTieAsync(SessionsDbContext db, Question question, CancellationToken cancellationToken)
    {
        if (question.ClearTie())
        {
            await DeleteRunoffDotsAsync(db, question, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task<int> DeleteRunoffDotsAsync(SessionsDbContext db, Question question, CancellationToken cancellationToken) =>
        db.Votes.Where(v => v.QuestionId == question.Id && v.Round == Vote.RunoffRound).ExecuteDeleteAsync(cancellationToken);
}
