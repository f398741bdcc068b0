using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Security;
using Sessions.Core.Voting;

namespace Sessions.Core.Services;

/// <summary>
/// The lookups that the commands share, each with the refusal it gives when nothing is found. They run on
/// the context of the write that calls them, so what they read is what that write checks.
/// </summary>
internal static class SessionQueries
{
    public static async Task<Question> QuestionAsync(SessionsDbContext db, Guid sessionId, int number, CancellationToken cancellationToken) =>
        await db.Questions.SingleOrDefaultAsync(q => q.SessionId == sessionId && q.Number == number, cancellationToken).ConfigureAwait(false)
        ?? throw SessionRuleException.NotFound("This session has no question {0}.", number);

    public static async Task<Answer> AnswerAsync(SessionsDbContext db, Question question, Guid answerId, CancellationToken cancellationToken) =>
        await db.Answers.SingleOrDefaultAsync(a => a.Id == answerId && a.QuestionId == question.Id, cancellationToken).ConfigureAwait(false)
        ?? throw SessionRuleException.NotFound("Question {0} has no answer {1}.", question.Number, answerId);

    /// <summary>The named answers, each checked to exist and to belong to this question.</summary>
    public static async Task<Dictionary<Guid, Answer>> AnswersAsync(SessionsDbContext db, Question question, List<Guid> ids, CancellationToken cancellationToken)
    {
        var found = await db.Answers.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            if (!found.TryGetValue(id, out var answer))
            {
                throw SessionRuleException.NotFound("There is no answer {0}.", id);
            }
            if (answer.QuestionId != question.Id)
            {
                throw SessionRuleException.Invalid("Answer {0} belongs to another question, not to question {1}.", id, question.Number);
            }
        }
        return found;
    }

    /// <summary>The participant a token belongs to in this session, or null.</summary>
    public static async Task<Participant?> ParticipantAsync(SessionsDbContext db, Guid sessionId, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }
        var hash = Secrets.Hash(token);
        var participant = await db.Participants.SingleOrDefaultAsync(p => p.TokenHash == hash, cancellationToken).ConfigureAwait(false);
        // The hash lookup finds the row; the comparison that decides is constant-time and checks the session too.
        return participant is not null && participant.SessionId == sessionId && Secrets.Matches(token, participant.TokenHash)
            ? participant
            : null;
    }

    /// <summary>The participant a token belongs to, or the refusal a participant command gives without one.</summary>
    public static async Task<Participant> RequireParticipantAsync(SessionsDbContext db, Guid sessionId, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw SessionRuleException.Unauthorized("Join the session first: this needs your participant token.");
        }
        return await ParticipantAsync(db, sessionId, token, cancellationToken).ConfigureAwait(false)
            ?? throw SessionRuleException.Unauthorized("That participant token is not valid for this session; join again.");
    }

    public static async Task<long> NextSequenceAsync(SessionsDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var max = await db.Answers.Where(a => db.Questions.Any(q => q.Id == a.QuestionId && q.SessionId == sessionId))
            .MaxAsync(a => (long?)a.Sequence, cancellationToken).ConfigureAwait(false);
        return (max ?? 0) + 1;
    }

    /// <summary>Whether anyone has dots on the question, in any round.</summary>
    public static Task<bool> HasDotsAsync(SessionsDbContext db, Question question, CancellationToken cancellationToken) =>
        db.Votes.AnyAsync(v => v.QuestionId == question.Id, cancellationToken);

    /// <summary>The question's visible, unmerged answers with their dots of the main round, for the ranking.</summary>
    public static async Task<List<RankInput>> RankInputsAsync(SessionsDbContext db, Question question, CancellationToken cancellationToken)
    {
        var answers = await db.Answers.Where(a => a.QuestionId == question.Id && !a.Hidden && a.MergedIntoId == null)
            .Select(a => new { a.Id, a.Text, a.Sequence }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var dots = await DotsPerAnswerAsync(db, question, Vote.MainRound, cancellationToken).ConfigureAwait(false);
        return answers.Select(a => new RankInput(a.Id, a.Text, dots.GetValueOrDefault(a.Id), a.Sequence)).ToList();
    }

    public static Task<Dictionary<Guid, int>> DotsPerAnswerAsync(SessionsDbContext db, Question question, int round, CancellationToken cancellationToken) =>
        db.Votes.Where(v => v.QuestionId == question.Id && v.Round == round)
            .GroupBy(v => v.AnswerId).Select(g => new { g.Key, Dots = g.Sum(v => v.Dots) })
            .ToDictionaryAsync(x => x.Key, x => x.Dots, cancellationToken);
}
