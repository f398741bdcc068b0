using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Voting;

namespace Sessions.Core.Services;

/// <summary>The facilitator's commands. Each one checks the facilitator key inside the write.</summary>
public sealed class FacilitatorService(SessionWriter writer, IDbContextFactory<SessionsDbContext> dbFactory, TimeProvider time)
{
    public Task SetPhaseAsync(Guid sessionId, string? key, int questionNumber, Phase phase, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            var question = await ParticipantService.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            if (question.Phase == phase)
            {
                return;
            }
            PhaseRules.EnsureCanMove(question.Phase, phase);
            // Back in collect, people could edit or withdraw answers that carry dots or absorbed others; an import
            // refuses such a question for the same reason.
            if (phase == Phase.Collect
                && (await db.Votes.AnyAsync(v => v.QuestionId == question.Id, cancellationToken).ConfigureAwait(false)
                    || await db.Answers.AnyAsync(a => a.QuestionId == question.Id && a.MergedIntoId != null, cancellationToken).ConfigureAwait(false)))
            {
                throw SessionRuleException.Conflict("Question {0} has merged answers or dots, so it cannot go back to collect; it can stay in converge.", questionNumber);
            }
            // A countdown belongs to the phase it was set for.
            question.TimerEndsAtUtc = null;
            question.TimerAdvances = false;
            if (question.Phase == Phase.Result)
            {
                // Leaving the result reopens the ranking: a settlement made for it no longer holds.
                await ClearTieAsync(db, question, cancellationToken).ConfigureAwait(false);
            }
            question.Phase = phase;
        }, cancellationToken);

    /// <summary>Moves the whole room: 0 is the lobby, 1..N a question, N+1 the wrap-up.</summary>
    public Task GoToAsync(Guid sessionId, string? key, int position, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            var count = await db.Questions.CountAsync(q => q.SessionId == sessionId, cancellationToken).ConfigureAwait(false);
            if (position < 0 || position > count + 1)
            {
                throw SessionRuleException.Invalid("Go to 0 (lobby), 1 to {0} (a question) or {1} (wrap-up).", count, count + 1);
            }
            session.CurrentQuestion = position;
        }, cancellationToken);

    /// <summary>
    /// One answer absorbs another. The source stays on record with its words, marked as merged; each
    /// participant's dots on the two are added and capped, and what is over the cap is refunded.
    /// </summary>
    public Task MergeAsync(Guid sessionId, string? key, int questionNumber, Guid sourceId, Guid targetId, string? newText = null, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            var question = await ParticipantService.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            if (question.Phase == Phase.Collect)
            {
                throw SessionRuleException.Conflict("Merging starts in converge; this question is still collecting answers.");
            }
            if (question.Runoff == RunoffState.Open)
            {
                throw SessionRuleException.Conflict("Close the runoff before merging answers.");
            }
            if (sourceId == targetId)
            {
                throw SessionRuleException.Invalid("An answer cannot be merged into itself.");
            }
            var source = await AnswerAsync(db, question, sourceId, cancellationToken).ConfigureAwait(false);
            var target = await AnswerAsync(db, question, targetId, cancellationToken).ConfigureAwait(false);
            if (source.MergedIntoId is not null || target.MergedIntoId is not null)
            {
                throw SessionRuleException.Conflict("One of these answers is already merged into another; merge into the one that absorbed it.");
            }
            if (target.Hidden)
            {
                throw SessionRuleException.Conflict("Unhide the answer first, or merge into a visible one.");
            }
            if (newText is not null)
            {
                target.Text = TextRules.Answer(newText, "The merged wording");
            }

            var votes = await db.Votes.Where(v => v.QuestionId == question.Id && v.Round == Vote.MainRound && (v.AnswerId == sourceId || v.AnswerId == targetId))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var onSource = votes.Where(v => v.AnswerId == sourceId).ToDictionary(v => v.ParticipantId, v => v.Dots);
            var targetVotes = votes.Where(v => v.AnswerId == targetId).ToDictionary(v => v.ParticipantId);
            db.Votes.RemoveRange(votes.Where(v => v.AnswerId == sourceId));
            var carries = MergeRules.CarryOver(onSource, targetVotes.ToDictionary(v => v.Key, v => v.Value.Dots), session.Settings.MaxDotsPerAnswer);
            foreach (var carry in carries)
            {
                if (targetVotes.TryGetValue(carry.ParticipantId, out var existing))
                {
                    existing.Dots = carry.Result;
                }
                else if (carry.Result > 0)
                {
                    db.Votes.Add(new Vote { ParticipantId = carry.ParticipantId, QuestionId = question.Id, AnswerId = targetId, Round = Vote.MainRound, Dots = carry.Result });
                }
            }

            source.MergedIntoId = targetId;
            // Answers the source had absorbed now belong to the target, so merges never form chains.
            var absorbed = await db.Answers.Where(a => a.MergedIntoId == sourceId).ToListAsync(cancellationToken).ConfigureAwait(false);
            absorbed.ForEach(a => a.MergedIntoId = targetId);
            await ClearTieAsync(db, question, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Undoes a merge: the merged answer stands on its own again, with its own words. Only in converge
    /// and only while nobody has dots on the question, because a merge moves each participant's dots
    /// onto the absorbing answer (capped, with refunds) and nothing records which of them came from
    /// where, so after a vote the dots could not be split back honestly. The absorbing answer keeps its
    /// wording, and answers that had been merged into the restored one before it was merged itself stay
    /// with the absorbing answer (merges are flattened, so that history is not kept).
    /// </summary>
    public Task UnmergeAsync(Guid sessionId, string? key, int questionNumber, Guid answerId, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            var question = await ParticipantService.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            var answer = await AnswerAsync(db, question, answerId, cancellationToken).ConfigureAwait(false);
            if (answer.MergedIntoId is null)
            {
                throw SessionRuleException.Conflict("This answer is not merged into another one; there is no merge to undo.");
            }
            if (question.Phase != Phase.Converge)
            {
                throw SessionRuleException.Conflict("A merge can only be undone while the question is in converge; it is in {0}.", new PhaseName(question.Phase));
            }
            if (await db.Votes.AnyAsync(v => v.QuestionId == question.Id, cancellationToken).ConfigureAwait(false))
            {
                throw SessionRuleException.Conflict("Dots have been placed on this question: the merge moved them onto the answer that absorbed this one and they cannot be split back, so the merge stays.");
            }
            answer.MergedIntoId = null;
        }, cancellationToken);

    /// <summary>Edits an answer's wording and/or hides or unhides it. Dots on a hidden answer go back to their owners.</summary>
    public Task PatchAnswerAsync(Guid sessionId, string? key, int questionNumber, Guid answerId, string? text, bool? hidden, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            if (text is null && hidden is null)
            {
                throw SessionRuleException.Invalid("Say what to change: \"text\", \"hidden\" or both.");
            }
            var question = await ParticipantService.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            var answer = await AnswerAsync(db, question, answerId, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Settles a tie across the cut-off by the facilitator's explicit choice, in rank order.</summary>
    public Task ChooseTieWinnersAsync(Guid sessionId, string? key, int questionNumber, IReadOnlyList<Guid> winners, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            var question = await ParticipantService.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            var ranking = await OpenTieAsync(db, question, cancellationToken).ConfigureAwait(false);
            if (question.Runoff == RunoffState.Open)
            {
                throw SessionRuleException.Conflict("A runoff is open; close it first, then choose if it tied again.");
            }
            if (!Ranking.IsValidSettlement(ranking.Tied, ranking.OpenPlaces, winners))
            {
                throw SessionRuleException.Invalid("The top 3 has room for {0} of the {1} tied answers: choose exactly that many, each once.", ranking.OpenPlaces, ranking.Tied.Count);
            }
            question.TieSettledBy = TieSettlement.Choice;
            question.TieWinnerIds = IdList.Format(winners);
        }, cancellationToken);

    /// <summary>Opens a runoff among the tied answers: each participant has one dot.</summary>
    public Task StartRunoffAsync(Guid sessionId, string? key, int questionNumber, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            var question = await ParticipantService.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            var ranking = await OpenTieAsync(db, question, cancellationToken).ConfigureAwait(false);
            if (question.Runoff == RunoffState.Open)
            {
                return;
            }
            await db.Votes.Where(v => v.QuestionId == question.Id && v.Round == Vote.RunoffRound).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            question.Runoff = RunoffState.Open;
            question.RunoffCandidateIds = IdList.Format(ranking.Tied.Select(t => t.AnswerId));
        }, cancellationToken);

    /// <summary>Closes the runoff and settles the tie by it, unless the runoff tied again.</summary>
    public Task<bool> CloseRunoffAsync(Guid sessionId, string? key, int questionNumber, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            var question = await ParticipantService.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            if (question.Runoff != RunoffState.Open)
            {
                throw SessionRuleException.Conflict("No runoff is open for this question.");
            }
            var ranking = await OpenTieAsync(db, question, cancellationToken).ConfigureAwait(false);
            var runoffDots = await db.Votes.Where(v => v.QuestionId == question.Id && v.Round == Vote.RunoffRound)
                .GroupBy(v => v.AnswerId).Select(g => new { g.Key, Dots = g.Sum(v => v.Dots) })
                .ToDictionaryAsync(x => x.Key, x => x.Dots, cancellationToken).ConfigureAwait(false);
            question.Runoff = RunoffState.Closed;
            var winners = RunoffRules.Winners(ranking.Tied, runoffDots, ranking.OpenPlaces);
            if (winners is null)
            {
                return false;
            }
            question.TieSettledBy = TieSettlement.Runoff;
            question.TieWinnerIds = IdList.Format(winners);
            return true;
        }, cancellationToken);

    public Task UpdateSettingsAsync(Guid sessionId, string? key, SettingsChange change, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
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
        writer.ChangeAsync(sessionId, (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            session.Title = TextRules.Require(change.Title, "The title", TextRules.TitleMax);
            session.Date = change.Date;
            session.Language = SessionCatalog.ParseLanguage(change.Language);
            session.Intro = TextRules.Optional(change.Intro, "The intro", TextRules.LongTextMax, multiline: true);
            session.ClosingText = TextRules.Optional(change.ClosingText, "The closing text", TextRules.LongTextMax, multiline: true);
            return Task.CompletedTask;
        }, cancellationToken);

    public const int MaxTimerMinutes = 120;

    /// <summary>
    /// Starts a countdown for the question's current phase, in server time, so every screen (and a
    /// phone that reconnects) shows the same time left. With <paramref name="advanceAtZero"/> the
    /// question moves to its next phase when the time is up.
    /// </summary>
    public Task StartTimerAsync(Guid sessionId, string? key, int questionNumber, double minutes, bool advanceAtZero, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            if (double.IsNaN(minutes) || minutes <= 0 || minutes > MaxTimerMinutes)
            {
                throw SessionRuleException.Invalid("A timer runs for more than 0 and at most {0} minutes.", MaxTimerMinutes);
            }
            var question = await ParticipantService.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            if (advanceAtZero && question.Phase == Phase.Result)
            {
                throw SessionRuleException.Conflict("The result is the last phase: there is no next phase to move to at zero.");
            }
            question.TimerEndsAtUtc = time.GetUtcNow().UtcDateTime.AddSeconds(Math.Round(minutes * 60));
            question.TimerAdvances = advanceAtZero;
        }, cancellationToken);

    public Task StopTimerAsync(Guid sessionId, string? key, int questionNumber, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            var question = await ParticipantService.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            question.TimerEndsAtUtc = null;
            question.TimerAdvances = false;
        }, cancellationToken);

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
            await writer.ChangeAsync(sessionId, async (db, session) =>
            {
                var question = await db.Questions.SingleAsync(q => q.Id == questionId, cancellationToken).ConfigureAwait(false);
                if (!question.TimerAdvances || question.TimerEndsAtUtc is not { } end || end > time.GetUtcNow().UtcDateTime || question.Phase == Phase.Result)
                {
                    return;
                }
                question.Phase += 1;
                question.TimerEndsAtUtc = null;
                question.TimerAdvances = false;
            }, cancellationToken).ConfigureAwait(false);
        }
        return due.Count;
    }

    /// <summary>
    /// Turns the pages of every board one page forward (1) or back (-1), for when the answers do not fit
    /// a screen and the room should not wait for the board to turn them by itself.
    /// </summary>
    public Task TurnBoardPageAsync(Guid sessionId, string? key, int by, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            if (by is not (1 or -1))
            {
                throw SessionRuleException.Invalid("The board turns one page at a time: send 1 (forward) or -1 (back).");
            }
            session.BoardPageTurns += by;
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Closes (or reopens) the session to new participants; those already in stay.</summary>
    public Task SetJoiningLockedAsync(Guid sessionId, string? key, bool locked, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            session.JoiningLocked = locked;
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Removes a participant: their token stops working and their dots go (every ballot, runoffs too).
    /// Their answers stay, without an author, since the room may have merged or voted on them.
    /// </summary>
    public Task RemoveParticipantAsync(Guid sessionId, string? key, Guid participantId, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
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

    /// <summary>Silent writing: shows everyone's answers before the question leaves collect.</summary>
    public Task RevealAnswersAsync(Guid sessionId, string? key, int questionNumber, bool revealed = true, CancellationToken cancellationToken = default) =>
        RevealAsync(sessionId, key, questionNumber, revealed, null, cancellationToken);

    /// <summary>Hidden counts: shows the dots on the board before the result.</summary>
    public Task RevealCountsAsync(Guid sessionId, string? key, int questionNumber, bool revealed = true, CancellationToken cancellationToken = default) =>
        RevealAsync(sessionId, key, questionNumber, null, revealed, cancellationToken);

    /// <summary>Shows (or hides again) the answers of silent writing and/or the hidden counts in one change; a null leaves that one as it is.</summary>
    public Task RevealAsync(Guid sessionId, string? key, int questionNumber, bool? answers, bool? counts, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            var question = await ParticipantService.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            question.AnswersRevealed = answers ?? question.AnswersRevealed;
            question.CountsRevealed = counts ?? question.CountsRevealed;
        }, cancellationToken);

    /// <summary>Adds an answer on behalf of the room (for example one said aloud).</summary>
    public Task<Guid> AddAnswerAsync(Guid sessionId, string? key, int questionNumber, string? text, CancellationToken cancellationToken = default) =>
        writer.ChangeAsync(sessionId, async (db, session) =>
        {
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            var clean = TextRules.Answer(text);
            var question = await ParticipantService.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
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
                Sequence = await ParticipantService.NextSequenceAsync(db, sessionId, cancellationToken).ConfigureAwait(false),
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            db.Answers.Add(answer);
            return answer.Id;
        }, cancellationToken);

    private static async Task<Answer> AnswerAsync(SessionsDbContext db, Question question, Guid answerId, CancellationToken cancellationToken) =>
        await db.Answers.SingleOrDefaultAsync(a => a.Id == answerId && a.QuestionId == question.Id, cancellationToken).ConfigureAwait(false)
        ?? throw SessionRuleException.NotFound($"Question {question.Number} has no answer {answerId}.");

    private static async Task<RankingResult> OpenTieAsync(SessionsDbContext db, Question question, CancellationToken cancellationToken)
    {
        if (question.Phase != Phase.Result)
        {
            throw SessionRuleException.Conflict("Ties are settled in the result phase.");
        }
        var inputs = await RankInputsAsync(db, question, cancellationToken).ConfigureAwait(false);
        var ranking = Ranking.Compute(inputs);
        if (!ranking.HasOpenTie)
        {
            throw SessionRuleException.Conflict("There is no tie across the cut-off to settle for this question.");
        }
        return ranking;
    }

    private static async Task<List<RankInput>> RankInputsAsync(SessionsDbContext db, Question question, CancellationToken cancellationToken)
    {
        var answers = await db.Answers.Where(a => a.QuestionId == question.Id && !a.Hidden && a.MergedIntoId == null)
            .Select(a => new { a.Id, a.Text, a.Sequence }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var dots = await db.Votes.Where(v => v.QuestionId == question.Id && v.Round == Vote.MainRound)
            .GroupBy(v => v.AnswerId).Select(g => new { g.Key, Dots = g.Sum(v => v.Dots) })
            .ToDictionaryAsync(x => x.Key, x => x.Dots, cancellationToken).ConfigureAwait(false);
        return answers.Select(a => new RankInput(a.Id, a.Text, dots.GetValueOrDefault(a.Id), a.Sequence)).ToList();
    }

    internal static async Task ClearTieAsync(SessionsDbContext db, Question question, CancellationToken cancellationToken)
    {
        if (question.Runoff != RunoffState.None)
        {
            await db.Votes.Where(v => v.QuestionId == question.Id && v.Round == Vote.RunoffRound).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
        question.Runoff = RunoffState.None;
        question.RunoffCandidateIds = "";
        question.TieSettledBy = TieSettlement.None;
        question.TieWinnerIds = "";
    }
}
