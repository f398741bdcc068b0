using Sessions.Core.Data;
using Sessions.Core.Domain;

namespace Sessions.Core.Services;

/// <summary>
/// The opening every facilitator command shares: the change runs inside the session's write once the
/// facilitator key is checked, with the question the command names loaded (or refused as unknown).
/// </summary>
internal sealed class FacilitatorCommands(SessionWriter writer)
{
    public Task<T> OnSessionAsync<T>(Guid sessionId, string? key, Func<SessionsDbContext, WorkshopSession, Task<T>> change, CancellationToken cancellationToken) =>
        writer.ChangeAsync(sessionId, (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            return change(db, session);
        }, cancellationToken);

    public Task OnSessionAsync(Guid sessionId, string? key, Func<SessionsDbContext, WorkshopSession, Task> change, CancellationToken cancellationToken) =>
        OnSessionAsync(sessionId, key, async (db, session) =>
        {
            await change(db, session).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Like <see cref="OnSessionAsync{T}"/>, with the question the command names loaded (or refused as unknown).</summary>
    public Task<T> OnQuestionAsync<T>(Guid sessionId, string? key, int questionNumber, Func<QuestionCommand, Task<T>> change, CancellationToken cancellationToken) =>
        OnSessionAsync(sessionId, key, async (db, session) =>
        {
            var question = await SessionQueries.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            return await change(new QuestionCommand(db, session, question)).ConfigureAwait(false);
        }, cancellationToken);

    public Task OnQuestionAsync(Guid sessionId, string? key, int questionNumber, Func<QuestionCommand, Task> change, CancellationToken cancellationToken) =>
        OnQuestionAsync(sessionId, key, questionNumber, async command =>
        {
            await change(command).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task OnQuestionAsync(Guid sessionId, string? key, int questionNumber, Action<Question> change, CancellationToken cancellationToken) =>
        OnQuestionAsync(sessionId, key, questionNumber, command =>
        {
            change(command.Question);
            return Task.CompletedTask;
        }, cancellationToken);
}

/// <summary>What a command on one question works with, inside its write.</summary>
internal sealed record QuestionCommand(SessionsDbContext Db, WorkshopSession Session, Question Question);
