using Microsoft.EntityFrameworkCore;
using Sessions.Core.Domain;

namespace Sessions.Core.Services;

/// <summary>A question's phases, what it reveals, and its countdown.</summary>
public sealed partial class FacilitatorService
{
    public const int MaxTimerMinutes = 120;

    public Task SetPhaseAsync(Guid sessionId, string? key, int questionNumber, Phase phase, CancellationToken cancellationToken = default) =>
        _commands.OnQuestionAsync(sessionId, key, questionNumber, async c =>
        {
            if (c.Question.Phase == phase)
            {
                return;
            }
            PhaseRules.EnsureCanMove(c.Question.Phase, phase);
            // Back in collect, people could edit or withdraw answers that carry dots or absorbed others; an import
            // refuses such a question for the same reason.
            if (phase == Phase.Collect
                && (await SessionQueries.HasDotsAsync(c.Db, c.Question, cancellationToken).ConfigureAwait(false)
                    || await c.Db.Answers.AnyAsync(a => a.QuestionId == c.Question.Id && a.MergedIntoId != null, cancellationToken).ConfigureAwait(false)))
            {
                throw SessionRuleException.Conflict("Question {0} has merged answers or dots, so it cannot go back to collect; it can stay in converge.", questionNumber);
            }
            if (c.Question.MoveTo(phase))
            {
                await ClearTieAsync(c.Db, c.Question, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>Silent writing: shows everyone's answers before the question leaves collect.</summary>
    public Task RevealAnswersAsync(Guid sessionId, string? key, int questionNumber, bool revealed = true, CancellationToken cancellationToken = default) =>
        RevealAsync(sessionId, key, questionNumber, revealed, null, cancellationToken);

    /// <summary>Hidden counts: shows the dots on the board before the result.</summary>
    public Task RevealCountsAsync(Guid sessionId, string? key, int questionNumber, bool revealed = true, CancellationToken cancellationToken = default) =>
        RevealAsync(sessionId, key, questionNumber, null, revealed, cancellationToken);

    /// <summary>Shows (or hides again) the answers of silent writing and/or the hidden counts in one change; a null leaves that one as it is.</summary>
    public Task RevealAsync(Guid sessionId, string? key, int questionNumber, bool? answers, bool? counts, CancellationToken cancellationToken = default) =>
        _commands.OnQuestionAsync(sessionId, key, questionNumber, question =>
        {
            question.AnswersRevealed = answers ?? question.AnswersRevealed;
            question.CountsRevealed = counts ?? question.CountsRevealed;
        }, cancellationToken);

    /// <summary>
    /// Starts a countdown for the question's current phase, in server time, so every screen (and a
    /// phone that reconnects) shows the same time left. With <paramref name="advanceAtZero"/> the
    /// question moves to its next phase when the time is up.
    /// </summary>
    public Task StartTimerAsync(Guid sessionId, string? key, int questionNumber, double minutes, bool advanceAtZero, CancellationToken cancellationToken = default) =>
        _commands.OnSessionAsync(sessionId, key, async (db, _) =>
        {
            // Checked before the question is looked up, as the refusal says what a timer may be whatever the question.
            if (double.IsNaN(minutes) || minutes <= 0 || minutes > MaxTimerMinutes)
            {
                throw SessionRuleException.Invalid("A timer runs for more than 0 and at most {0} minutes.", MaxTimerMinutes);
            }
            var question = await SessionQueries.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            question.StartTimer(time.GetUtcNow().UtcDateTime.AddSeconds(Math.Round(minutes * 60)), advanceAtZero);
        }, cancellationToken);

    public Task StopTimerAsync(Guid sessionId, string? key, int questionNumber, CancellationToken cancellationToken = default) =>
        _commands.OnQuestionAsync(sessionId, key, questionNumber, question => question.StopTimer(), cancellationToken);

    /// <summary>
    /// Moves every question whose advancing timer has run out to its next phase. Called by the
    /// server's timer, not by a person: it checks inside the write that the time really is up.
    /// </summary>
    public async Task<int> AdvanceExpiredTimersAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<(Guid SessionId, Guid QuestionId)> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            due = (await db.Questions.Where(q => q.TimerAdvances && q.TimerEndsAtUtc != null && q.TimerEndsAtUtc <= now && q.Phase != Phase.Result)
                .Select(q => new { q.SessionId, q.Id }).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(q => (q.SessionId, q.Id)).ToList();
        }
        foreach (var (sessionId, questionId) in due)
        {
            await writer.ChangeAsync(sessionId, async (db, _) =>
            {
                var question = await db.Questions.SingleAsync(q => q.Id == questionId, cancellationToken).ConfigureAwait(false);
                question.AdvanceByTimer(time.GetUtcNow().UtcDateTime);
            }, cancellationToken).ConfigureAwait(false);
        }
        return due.Count;
    }
}
