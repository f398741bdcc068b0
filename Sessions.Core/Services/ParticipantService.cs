using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Metrics;
using Sessions.Core.Security;
using Sessions.Core.Voting;

namespace Sessions.Core.Services;

/// <summary>Everything a participant can do. Every rule is checked here, inside the write.</summary>
public sealed class ParticipantService(
    IDbContextFactory<SessionsDbContext> dbFactory,
    SessionReader reader,
    SessionWriter writer,
    CommandThrottle throttle,
    TimeProvider time,
    SessionsMetrics metrics)
{
    public const int MaxAnswersPerQuestion = 50;
    public const int ClientRequestIdMax = 100;

    public async Task<JoinedParticipant> JoinAsync(string joinCode, JoinRequest request, CancellationToken cancellationToken = default)
    {
        var sessionId = await reader.ResolveAsync(joinCode, cancellationToken).ConfigureAwait(false);
        var name = TextRules.Require(request.Name, "Your name", TextRules.NameMax);
        var organisation = TextRules.Optional(request.Organisation, "The organisation", TextRules.OrganisationMax);
        var token = Secrets.NewSecret();
        var participantId = Guid.NewGuid();
        return await writer.ChangeAsync(sessionId, async (db, session) =>
        {
            // One browser is one participant: a browser that joined already comes back as itself, with its own
            // budget and ballots, even once joining has closed; it never gets a second budget.
            if (await SessionQueries.ParticipantAsync(db, sessionId, request.ExistingToken, cancellationToken).ConfigureAwait(false) is { } known)
            {
                return new JoinedParticipant(known.Id, request.ExistingToken!, Rejoined: true);
            }
            if (session.JoiningLocked)
            {
                throw SessionRuleException.Conflict("The facilitator has closed this session to new participants.");
            }
            var votingOpen = await db.Questions.AnyAsync(q => q.SessionId == sessionId
                && (q.Phase == Phase.Vote || (q.Phase == Phase.Result && q.Runoff == RunoffState.Open)), cancellationToken).ConfigureAwait(false);
            if (votingOpen && session.Settings.CloseJoiningWhenVoting)
            {
                throw SessionRuleException.Conflict("Voting has started; this session takes no new participants while voting is open.");
            }
            var order = await db.Participants.Where(p => p.SessionId == sessionId).CountAsync(cancellationToken).ConfigureAwait(false);
            db.Participants.Add(new Participant
            {
                Id = participantId,
                SessionId = sessionId,
                Name = name,
                Organisation = organisation.Length == 0 ? null : organisation,
                MayBeNamed = request.MayBeNamed,
                TokenHash = Secrets.Hash(token),
                JoinOrder = order + 1,
                JoinedAtUtc = time.GetUtcNow().UtcDateTime,
                JoinedDuringVote = votingOpen,
            });
            return new JoinedParticipant(participantId, token);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Who a stored token belongs to, or null when it is not (or no longer) valid for this session.</summary>
    public async Task<ParticipantIdentity?> IdentifyAsync(string joinCode, string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        var sessionId = await reader.ResolveAsync(joinCode, cancellationToken).ConfigureAwait(false);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var participant = await SessionQueries.ParticipantAsync(db, sessionId, token, cancellationToken).ConfigureAwait(false);
        return participant is null ? null : new ParticipantIdentity(sessionId, participant.Id, participant.Name);
    }

    /// <summary>
    /// Whether the token belongs to a participant of the session the join code names: someone who joined already
    /// and guesses nothing. False for a malformed or unknown join code too, so the address limits count that as a guess.
    /// </summary>
    public async Task<bool> IsReturningAsync(string joinCode, string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || await reader.TryResolveAsync(joinCode, cancellationToken).ConfigureAwait(false) is not { } sessionId)
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await SessionQueries.ParticipantAsync(db, sessionId, token, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>A participant gives or withdraws consent to be named in the report, at any time.</summary>
    public async Task SetConsentAsync(string joinCode, string? token, bool mayBeNamed, CancellationToken cancellationToken = default)
    {
        var sessionId = await reader.ResolveAsync(joinCode, cancellationToken).ConfigureAwait(false);
        await writer.ChangeAsync(sessionId, async (db, session) =>
        {
            var participant = await SessionQueries.RequireParticipantAsync(db, sessionId, token, cancellationToken).ConfigureAwait(false);
            participant.MayBeNamed = mayBeNamed;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<Guid> SubmitAnswerAsync(string joinCode, int questionNumber, string? token, string? text, string? clientRequestId, CancellationToken cancellationToken = default) =>
        CountedAsync(SubmitAnswerCoreAsync(joinCode, questionNumber, token, text, clientRequestId, cancellationToken), metrics.AnswerAccepted, metrics.AnswerRefused);

    private async Task<Guid> SubmitAnswerCoreAsync(string joinCode, int questionNumber, string? token, string? text, string? clientRequestId, CancellationToken cancellationToken)
    {
        var sessionId = await reader.ResolveAsync(joinCode, cancellationToken).ConfigureAwait(false);
        var clean = TextRules.Answer(text);
        var requestId = string.IsNullOrWhiteSpace(clientRequestId) ? Guid.NewGuid().ToString("N") : clientRequestId.Trim();
        if (requestId.Length > ClientRequestIdMax)
        {
            throw SessionRuleException.Invalid("clientRequestId is at most {0} characters.", ClientRequestIdMax);
        }
        return await writer.ChangeAsync(sessionId, async (db, session) =>
        {
            var participant = await SessionQueries.RequireParticipantAsync(db, sessionId, token, cancellationToken).ConfigureAwait(false);
            var question = await SessionQueries.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            var existing = await db.Answers.Where(a => a.QuestionId == question.Id && a.ParticipantId == participant.Id && a.ClientRequestId == requestId)
                .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (existing is { } id)
            {
                return id;
            }
            if (question.Phase != Phase.Collect)
            {
                throw SessionRuleException.Conflict("Answers can be written while question {0} collects them; it is now in {1}.", questionNumber, new PhaseName(question.Phase));
            }
            throttle.Ensure(CommandThrottle.Answers, participant.Id);
            var count = await db.Answers.CountAsync(a => a.QuestionId == question.Id && a.ParticipantId == participant.Id, cancellationToken).ConfigureAwait(false);
            if (count >= MaxAnswersPerQuestion)
            {
                throw SessionRuleException.Conflict("You have written {0} answers to this question, the most one person can.", MaxAnswersPerQuestion);
            }
            var sequence = await SessionQueries.NextSequenceAsync(db, sessionId, cancellationToken).ConfigureAwait(false);
            var answer = new Answer
            {
                Id = Guid.NewGuid(),
                QuestionId = question.Id,
                ParticipantId = participant.Id,
                Text = clean,
                OriginalText = clean,
                ClientRequestId = requestId,
                Sequence = sequence,
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            db.Answers.Add(answer);
            return answer.Id;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task EditAnswerAsync(string joinCode, int questionNumber, string? token, Guid answerId, string? text, CancellationToken cancellationToken = default)
    {
        var sessionId = await reader.ResolveAsync(joinCode, cancellationToken).ConfigureAwait(false);
        var clean = TextRules.Answer(text);
        await writer.ChangeAsync(sessionId, async (db, session) =>
        {
            var answer = await OwnAnswerInCollectAsync(db, sessionId, questionNumber, token, answerId, cancellationToken).ConfigureAwait(false);
            answer.Text = clean;
            answer.OriginalText = clean;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task WithdrawAnswerAsync(string joinCode, int questionNumber, string? token, Guid answerId, CancellationToken cancellationToken = default)
    {
        var sessionId = await reader.ResolveAsync(joinCode, cancellationToken).ConfigureAwait(false);
        await writer.ChangeAsync(sessionId, async (db, session) =>
        {
            var answer = await OwnAnswerInCollectAsync(db, sessionId, questionNumber, token, answerId, cancellationToken).ConfigureAwait(false);
            db.Answers.Remove(answer);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the participant's whole ballot for the question (or their runoff ballot while a runoff
    /// is open), or refuses it whole. Sending the same ballot again changes nothing.
    /// A phone that keeps ballots while offline numbers them (<paramref name="revision"/>, rising with every
    /// change); a ballot older than one already taken was overtaken on the network and is ignored: the
    /// answer is then the ballot that stands. Without a revision the ballot is simply the latest word.
    /// </summary>
    public Task<IReadOnlyDictionary<Guid, int>> PutBallotAsync(string joinCode, int questionNumber, string? token, IReadOnlyDictionary<Guid, int>? dots, long? revision = null, CancellationToken cancellationToken = default) =>
        CountedAsync(PutBallotCoreAsync(joinCode, questionNumber, token, dots, revision, cancellationToken), metrics.BallotAccepted, metrics.BallotRefused);

    private async Task<IReadOnlyDictionary<Guid, int>> PutBallotCoreAsync(string joinCode, int questionNumber, string? token, IReadOnlyDictionary<Guid, int>? dots, long? revision, CancellationToken cancellationToken)
    {
        if (revision < 0)
        {
            throw SessionRuleException.Invalid("\"revision\" is a number of 0 or more that rises with every change of ballot.");
        }
        var sessionId = await reader.ResolveAsync(joinCode, cancellationToken).ConfigureAwait(false);
        if (dots is null)
        {
            throw SessionRuleException.Invalid("A ballot needs \"dots\": an object of answerId → number of dots.");
        }
        return await writer.ChangeAsync(sessionId, async (db, session) =>
        {
            var participant = await SessionQueries.RequireParticipantAsync(db, sessionId, token, cancellationToken).ConfigureAwait(false);
            var question = await SessionQueries.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            int round, budget, cap;
            List<BallotCandidate> candidates;
            if (question.Phase == Phase.Vote)
            {
                (round, budget, cap) = (Vote.MainRound, session.Settings.DotsPerParticipant, session.Settings.MaxDotsPerAnswer);
                candidates = await db.Answers.Where(a => a.QuestionId == question.Id)
                    .Select(a => new BallotCandidate(a.Id, a.Hidden, a.MergedIntoId != null)).ToListAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (question.Phase == Phase.Result && question.Runoff == RunoffState.Open)
            {
                // A runoff: one dot among the tied answers.
                (round, budget, cap) = (Vote.RunoffRound, 1, 1);
                candidates = question.RunoffCandidateIds.Select(id => new BallotCandidate(id, false, false)).ToList();
            }
            else
            {
                throw SessionRuleException.Conflict("Voting is not open for question {0}; it is in {1}.", questionNumber, new PhaseName(question.Phase));
            }

            var current = await db.Votes.Where(v => v.QuestionId == question.Id && v.ParticipantId == participant.Id && v.Round == round)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (revision < participant.BallotRevision)
            {
                // Decided before validating: the overtaken ballot may name answers merged since, and its
                // refusal would only confuse a phone whose newer ballot already stands.
                return current.ToDictionary(v => v.AnswerId, v => v.Dots);
            }
            var accepted = BallotRules.Validate(dots, candidates, budget, cap);
            throttle.Ensure(CommandThrottle.Ballots, participant.Id);
            if (revision is { } taken)
            {
                participant.BallotRevision = taken;
            }
            var same = current.Count == accepted.Count && current.All(v => accepted.TryGetValue(v.AnswerId, out var n) && n == v.Dots);
            if (same)
            {
                return accepted;
            }
            // Update in place: a row removed and re-added under the same key would clash in the change tracker.
            foreach (var vote in current)
            {
                if (accepted.TryGetValue(vote.AnswerId, out var n))
                {
                    vote.Dots = n;
                }
                else
                {
                    db.Votes.Remove(vote);
                }
            }
            db.Votes.AddRange(accepted.Where(d => current.All(v => v.AnswerId != d.Key)).Select(d => new Vote
            {
                ParticipantId = participant.Id,
                QuestionId = question.Id,
                AnswerId = d.Key,
                Round = round,
                Dots = d.Value,
            }));
            return accepted;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts the outcome of an answer or a ballot for the metrics; a caller that went away is neither.</summary>
    private static async Task<T> CountedAsync<T>(Task<T> work, Action accepted, Action<Exception> refused)
    {
        try
        {
            var result = await work.ConfigureAwait(false);
            accepted();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            refused(ex);
            throw;
        }
    }

    private static async Task<Answer> OwnAnswerInCollectAsync(SessionsDbContext db, Guid sessionId, int questionNumber, string? token, Guid answerId, CancellationToken cancellationToken)
    {
        var participant = await SessionQueries.RequireParticipantAsync(db, sessionId, token, cancellationToken).ConfigureAwait(false);
        var question = await SessionQueries.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
        var answer = await db.Answers.SingleOrDefaultAsync(a => a.Id == answerId && a.QuestionId == question.Id, cancellationToken).ConfigureAwait(false)
            ?? throw SessionRuleException.NotFound("There is no such answer to this question.");
        if (answer.ParticipantId != participant.Id)
        {
            throw new SessionRuleException(SessionError.Forbidden, "You can change only your own answers.");
        }
        if (question.Phase != Phase.Collect)
        {
            throw SessionRuleException.Conflict("Answers can be changed or withdrawn only while the question collects them.");
        }
        if (answer.Hidden || answer.MergedIntoId is not null)
        {
            throw SessionRuleException.Conflict("The facilitator has hidden or merged this answer; it can no longer be changed.");
        }
        return answer;
    }
}
