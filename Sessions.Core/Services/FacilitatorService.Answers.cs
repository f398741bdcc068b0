using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Voting;

namespace Sessions.Core.Services;

/// <summary>The facilitator's hand on the answers: merge, undo a merge, edit, hide, add.</summary>
public sealed partial class FacilitatorService
{
    /// <summary>
    /// One answer absorbs another. The source stays on record with its words, marked as merged; each
    /// participant's dots on the two are added and capped, and what is over the cap is refunded.
    /// </summary>
    public Task MergeAsync(Guid sessionId, string? key, int questionNumber, Guid sourceId, Guid targetId, string? newText = null, CancellationToken cancellationToken = default) =>
        _commands.OnQuestionAsync(sessionId, key, questionNumber, async c =>
        {
            c.Question.EnsureMergingOpen();
            if (sourceId == targetId)
            {
                throw SessionRuleException.Invalid("An answer cannot be merged into itself.");
            }
            var source = await SessionQueries.AnswerAsync(c.Db, c.Question, sourceId, cancellationToken).ConfigureAwait(false);
            var target = await SessionQueries.AnswerAsync(c.Db, c.Question, targetId, cancellationToken).ConfigureAwait(false);
            source.EnsureCanMergeInto(target);
            await MergeAnswersAsync(c.Db, c.Session, c.Question, [source], target, newText, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Undoes a merge: the merged answer stands on its own again, with its own words (see <see cref="Answer.Unmerge"/>
    /// for when). The absorbing answer keeps its wording, and answers that had been merged into the restored one
    /// before it was merged itself stay with the absorbing answer (merges are flattened, so that history is not kept).
    /// </summary>
    public Task UnmergeAsync(Guid sessionId, string? key, int questionNumber, Guid answerId, CancellationToken cancellationToken = default) =>
        _commands.OnQuestionAsync(sessionId, key, questionNumber, async c =>
        {
            var answer = await SessionQueries.AnswerAsync(c.Db, c.Question, answerId, cancellationToken).ConfigureAwait(false);
            answer.Unmerge(c.Question.Phase, await SessionQueries.HasDotsAsync(c.Db, c.Question, cancellationToken).ConfigureAwait(false));
        }, cancellationToken);

    /// <summary>Edits an answer's wording and/or hides or unhides it. Dots on a hidden answer go back to their owners.</summary>
    public Task PatchAnswerAsync(Guid sessionId, string? key, int questionNumber, Guid answerId, string? text, bool? hidden, CancellationToken cancellationToken = default) =>
        _commands.OnSessionAsync(sessionId, key, async (db, _) =>
        {
            if (text is null && hidden is null)
            {
                throw SessionRuleException.Invalid("Say what to change: \"text\", \"hidden\" or both.");
            }
            var question = await SessionQueries.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            var answer = await SessionQueries.AnswerAsync(db, question, answerId, cancellationToken).ConfigureAwait(false);
            if (text is not null)
            {
                answer.Text = TextRules.Answer(text, "The answer");
            }
            if (hidden is { } h && h != answer.Hidden)
            {
                if (question.Runoff == RunoffState.Open)
                {
                    throw SessionRuleException.Conflict("Close the runoff before hiding or unhiding answers.");
                }
                answer.Hidden = h;
                if (h)
                {
                    await db.Votes.Where(v => v.AnswerId == answerId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                }
                await ClearTieAsync(db, question, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>Adds an answer on behalf of the room (for example one said aloud).</summary>
    public Task<Guid> AddAnswerAsync(Guid sessionId, string? key, int questionNumber, string? text, CancellationToken cancellationToken = default) =>
        _commands.OnSessionAsync(sessionId, key, async (db, _) =>
        {
            var clean = TextRules.Answer(text);
            var question = await SessionQueries.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            if (question.Phase is Phase.Result)
            {
                throw SessionRuleException.Conflict("The result is in; move the question back to add answers.");
            }
            var answer = new Answer
            {
                Id = Guid.NewGuid(),
                QuestionId = question.Id,
                Text = clean,
                OriginalText = clean,
                Sequence = await SessionQueries.NextSequenceAsync(db, sessionId, cancellationToken).ConfigureAwait(false),
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            db.Answers.Add(answer);
            return answer.Id;
        }, cancellationToken);

    /// <summary>
    /// The write of a merge, of two answers or of a group, once its checks have passed: the sources are marked
    /// as merged into the target, each participant's dots on all of them are added up and capped at the
    /// per-answer maximum, and what is over the cap goes back. Adding every source up and capping once is what
    /// merging them one by one gives: min(min(a+b,m)+c, m) = min(a+b+c, m).
    /// </summary>
    internal static async Task MergeAnswersAsync(SessionsDbContext db, WorkshopSession session, Question question, IReadOnlyCollection<Answer> sources, Answer target, string? newText, CancellationToken cancellationToken)
    {
        if (newText is not null)
        {
            target.Text = TextRules.Answer(newText, "The merged wording");
        }
        var into = target.Id;
        var sourceIds = sources.Select(a => a.Id).ToList();
        var votes = await db.Votes.Where(v => v.QuestionId == question.Id && v.Round == Vote.MainRound && (v.AnswerId == into || sourceIds.Contains(v.AnswerId)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var onTarget = votes.Where(v => v.AnswerId == into).ToDictionary(v => v.ParticipantId);
        var onSources = votes.Where(v => v.AnswerId != into).GroupBy(v => v.ParticipantId).ToDictionary(g => g.Key, g => g.Sum(v => v.Dots));
        db.Votes.RemoveRange(votes.Where(v => v.AnswerId != into));
        foreach (var carry in MergeRules.CarryOver(onSources, onTarget.ToDictionary(v => v.Key, v => v.Value.Dots), session.Settings.MaxDotsPerAnswer))
        {
            if (onTarget.TryGetValue(carry.ParticipantId, out var existing))
            {
                existing.Dots = carry.Result;
            }
            else if (carry.Result > 0)
            {
                db.Votes.Add(new Vote { ParticipantId = carry.ParticipantId, QuestionId = question.Id, AnswerId = into, Round = Vote.MainRound, Dots = carry.Result });
            }
        }
        foreach (var source in sources)
        {
            source.MergedIntoId = into;
        }
        // What the sources had absorbed now belongs to the target, so merges never form chains.
        var absorbed = await db.Answers.Where(a => a.MergedIntoId != null && sourceIds.Contains(a.MergedIntoId.Value)).ToListAsync(cancellationToken).ConfigureAwait(false);
        absorbed.ForEach(a => a.MergedIntoId = into);
        await ClearTieAsync(db, question, cancellationToken).ConfigureAwait(false);
    }
}
