using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;

namespace Sessions.Core.Services;

/// <summary>
/// The facilitator's commands, one file per concern: this one holds the session as a whole; the question's
/// phases and timers, its answers and its ties follow in FacilitatorService.*.cs. Each command opens through
/// <see cref="FacilitatorCommands"/>, which checks the facilitator key inside the write.
/// </summary>
public sealed partial class FacilitatorService(SessionWriter writer, IDbContextFactory<SessionsDbContext> dbFactory, TimeProvider time)
{
    private readonly FacilitatorCommands _commands = new(writer);

    /// <summary>Moves the whole room: 0 is the lobby, 1..N a question, N+1 the wrap-up.</summary>
    public Task GoToAsync(Guid sessionId, string? key, int position, CancellationToken cancellationToken = default) =>
        _commands.OnSessionAsync(sessionId, key, async (db, session) =>
        {
            var count = await db.Questions.CountAsync(q => q.SessionId == sessionId, cancellationToken).ConfigureAwait(false);
            session.GoTo(position, count);
        }, cancellationToken);

    public Task UpdateSettingsAsync(Guid sessionId, string? key, SettingsChange change, CancellationToken cancellationToken = default) =>
        _commands.OnSessionAsync(sessionId, key, async (db, session) =>
        {
            // Unchanged settings are merged in here, inside the write, so two changes at once cannot undo each other.
            var current = session.Settings;
            var dots = change.DotsPerParticipant ?? current.DotsPerParticipant;
            var cap = change.MaxDotsPerAnswer ?? current.MaxDotsPerAnswer;
            SettingsRules.Validate(dots, cap);
            if (dots < current.DotsPerParticipant || cap < current.MaxDotsPerAnswer)
            {
                // Lowering a limit must not leave ballots that break it behind.
                var questionIds = db.Questions.Where(q => q.SessionId == sessionId).Select(q => q.Id);
                var mainVotes = db.Votes.Where(v => v.Round == Vote.MainRound && questionIds.Contains(v.QuestionId));
                var overCap = await mainVotes.AnyAsync(v => v.Dots > cap, cancellationToken).ConfigureAwait(false);
                var overBudget = await mainVotes.GroupBy(v => new { v.ParticipantId, v.QuestionId })
                    .AnyAsync(g => g.Sum(v => v.Dots) > dots, cancellationToken).ConfigureAwait(false);
                if (overCap || overBudget)
                {
                    throw SessionRuleException.Conflict("Some ballots already use more dots than the new limits allow; the limits can only go up now.");
                }
            }
            current.DotsPerParticipant = dots;
            current.MaxDotsPerAnswer = cap;
            current.LiveCounts = change.LiveCounts ?? current.LiveCounts;
            current.SilentWriting = change.SilentWriting ?? current.SilentWriting;
            current.AskOrganisation = change.AskOrganisation ?? current.AskOrganisation;
            current.CloseJoiningWhenVoting = change.CloseJoiningWhenVoting ?? current.CloseJoiningWhenVoting;
        }, cancellationToken);

    public Task UpdateDetailsAsync(Guid sessionId, string? key, DetailsChange change, CancellationToken cancellationToken = default) =>
        _commands.OnSessionAsync(sessionId, key, (_, session) =>
        {
            session.Title = TextRules.Require(change.Title, "The title", TextRules.TitleMax);
            session.Date = change.Date;
            session.Language = SessionCatalog.ParseLanguage(change.Language);
            session.Intro = TextRules.Optional(change.Intro, "The intro", TextRules.LongTextMax, multiline: true);
            session.ClosingText = TextRules.Optional(change.ClosingText, "The closing text", TextRules.LongTextMax, multiline: true);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Turns the pages of every board one page forward (1) or back (-1), for when the answers do not fit
    /// a screen and the room should not wait for the board to turn them by itself.
    /// </summary>
    public Task TurnBoardPageAsync(Guid sessionId, string? key, int by, CancellationToken cancellationToken = default) =>
        _commands.OnSessionAsync(sessionId, key, (_, session) =>
        {
            session.TurnBoardPage(by);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Closes (or reopens) the session to new participants; those already in stay.</summary>
    public Task SetJoiningLockedAsync(Guid sessionId, string? key, bool locked, CancellationToken cancellationToken = default) =>
        _commands.OnSessionAsync(sessionId, key, (_, session) =>
        {
            session.JoiningLocked = locked;
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Removes a participant: their token stops working and their dots go (every ballot, runoffs too).
    /// Their answers stay, without an author, since the room may have merged or voted on them.
    /// </summary>
    public Task RemoveParticipantAsync(Guid sessionId, string? key, Guid participantId, CancellationToken cancellationToken = default) =>
        _commands.OnSessionAsync(sessionId, key, async (db, _) =>
        {
            var participant = await db.Participants.SingleOrDefaultAsync(p => p.Id == participantId && p.SessionId == sessionId, cancellationToken).ConfigureAwait(false)
                ?? throw SessionRuleException.NotFound("There is no such participant in this session.");
            await db.Votes.Where(v => v.ParticipantId == participantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.Answers.Where(a => a.ParticipantId == participantId).ExecuteUpdateAsync(a => a.SetProperty(x => x.ParticipantId, (Guid?)null), cancellationToken).ConfigureAwait(false);
            db.Participants.Remove(participant);
            // A ranking that counted their dots may have changed: settlements made on it no longer hold.
            foreach (var question in await db.Questions.Where(q => q.SessionId == sessionId && q.TieSettledBy != TieSettlement.None).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                await ClearTieAsync(db, question, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);
}
