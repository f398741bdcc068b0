using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Core.Voting;

namespace Sessions.Core.Suggestions;

/// <summary>
/// Suggested duplicates for the facilitator, and the two answers to a suggestion: merge the group at
/// once, or say no (to the group, or to one answer in it). Everything stays on this server.
/// </summary>
public sealed class SuggestionService(SessionWriter writer, IDbContextFactory<SessionsDbContext> dbFactory, TimeProvider time)
{
    private readonly FacilitatorCommands _commands = new(writer);

    /// <summary>More than a room writes to one question; keeps a request from naming a whole database.</summary>
    public const int MaxGroup = 500;

    /// <summary>The work one computation may do (<see cref="SuggestionBudget"/>); a test sets less.</summary>
    internal long WorkUnits { get; set; } = SuggestionBudget.DefaultUnits;

    // The last result per question, keyed by what it was computed from: consoles refreshing on a vote
    // (which changes no answer) get it again without recomputing.
    private readonly ConcurrentDictionary<Guid, (string Fingerprint, SuggestionSet Result)> _cache = new();

    /// <summary>
    /// The suggested groups of a question's visible, unmerged answers, best first; of the first
    /// <see cref="DuplicateSuggester.MaxAnswers"/> of them when there are more, which the result says.
    /// </summary>
    public async Task<SuggestionSet> SuggestAsync(Guid sessionId, string? key, int questionNumber, CancellationToken cancellationToken = default)
    {
        List<SuggestionInput> answers;
        List<SuggestionRejection> rejections;
        SessionLanguage language;
        Guid questionId;
        int total;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false)
                ?? throw SessionRuleException.NotFound("There is no such session (it may have been deleted).");
            FacilitatorGuard.Ensure(key, session.FacilitatorKeyHash);
            language = session.Language;
            var question = await SessionQueries.QuestionAsync(db, sessionId, questionNumber, cancellationToken).ConfigureAwait(false);
            questionId = question.Id;
            var open = db.Answers.AsNoTracking().Where(a => a.QuestionId == question.Id && !a.Hidden && a.MergedIntoId == null);
            total = await open.CountAsync(cancellationToken).ConfigureAwait(false);
            answers = await open
                .OrderBy(a => a.Sequence)
                .Take(DuplicateSuggester.MaxAnswers)
                .Select(a => new SuggestionInput(a.Id, a.Text))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            rejections = (await db.RejectedSuggestions.AsNoTracking().Where(r => r.QuestionId == question.Id)
                    .OrderBy(r => r.CreatedAtUtc).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(r => new SuggestionRejection(r.AnswerIds, r.SeparatedId))
                .ToList();
        }
        var fingerprint = $"{total}:{Fingerprint(language, answers, rejections)}";
        if (_cache.TryGetValue(questionId, out var cached) && cached.Fingerprint == fingerprint)
        {
            return cached.Result;
        }
        // Off the caller's thread: a console asking for suggestions never waits on the computation in its render.
        // Within a work budget (about a second of one core), whatever the answers hold; a request that goes away stops it.
        var outcome = await Task.Run(() => DuplicateSuggester.SuggestWithin(answers, language, rejections, new SuggestionBudget(WorkUnits, cancellationToken)), cancellationToken).ConfigureAwait(false);
        var result = new SuggestionSet(outcome.Groups, outcome.Considered, total, !outcome.Complete);
        _cache[questionId] = (fingerprint, result);
        return result;
    }

    /// <summary>
    /// Merges several answers into one in a single write: each participant's dots on all of them are added
    /// up and capped at the per-answer maximum, what is over the cap goes back, as with a merge of two.
    /// </summary>
    public Task MergeGroupAsync(Guid sessionId, string? key, int questionNumber, Guid into, IReadOnlyList<Guid>? answerIds, string? newText = null, CancellationToken cancellationToken = default) =>
        _commands.OnQuestionAsync(sessionId, key, questionNumber, async c =>
        {
            var (db, session, question) = c;
            question.EnsureMergingOpen();
            var sources = Distinct(answerIds, "Name the answers to merge in \"answerIds\".");
            if (sources.Contains(into))
            {
                throw SessionRuleException.Invalid("The answer merged into (\"into\") cannot also be one of the answers merged.");
            }
            var answers = await SessionQueries.AnswersAsync(db, question, [.. sources, into], cancellationToken).ConfigureAwait(false);
            foreach (var answer in answers.Values)
            {
                answer.EnsureCanJoinMerge();
            }
            await FacilitatorService.MergeAnswersAsync(db, session, question, [.. sources.Select(id => answers[id])], answers[into], newText, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Says no to a suggestion: without <paramref name="separated"/> the answers are not suggested together
    /// again; with it, that one answer leaves the group and is not suggested with the others.
    /// </summary>
    public Task RejectAsync(Guid sessionId, string? key, int questionNumber, IReadOnlyList<Guid>? answerIds, Guid? separated = null, CancellationToken cancellationToken = default) =>
        _commands.OnQuestionAsync(sessionId, key, questionNumber, async c =>
        {
            var (db, _, question) = c;
            var ids = Distinct(answerIds, "Name the answers of the suggestion in \"answerIds\".");
            if (separated is { } one)
            {
                ids.Remove(one);
            }
            if (ids.Count < (separated is null ? 2 : 1))
            {
                throw SessionRuleException.Invalid("A suggestion has at least two answers; name them all in \"answerIds\".");
            }
            await SessionQueries.AnswersAsync(db, question, separated is { } s ? [.. ids, s] : ids, cancellationToken).ConfigureAwait(false);
            db.RejectedSuggestions.Add(new RejectedSuggestion
            {
                Id = Guid.NewGuid(),
                QuestionId = question.Id,
                AnswerIds = [.. ids],
                SeparatedId = separated,
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            });
        }, cancellationToken);

    private static List<Guid> Distinct(IReadOnlyList<Guid>? ids, string missing)
    {
        if (ids is null || ids.Count == 0)
        {
            throw SessionRuleException.Invalid(missing);
        }
        if (ids.Count > MaxGroup)
        {
            throw SessionRuleException.Invalid("At most {0} answers at once.", MaxGroup);
        }
        if (ids.Distinct().Count() != ids.Count)
        {
            throw SessionRuleException.Invalid("An answer is named twice in \"answerIds\".");
        }
        return [.. ids];
    }

    private static string Fingerprint(SessionLanguage language, List<SuggestionInput> answers, List<SuggestionRejection> rejections)
    {
        var hash = new HashCode();
        hash.Add(language);
        foreach (var answer in answers)
        {
            hash.Add(answer.Id);
            hash.Add(answer.Text);
        }
        foreach (var rejection in rejections)
        {
            hash.Add(rejection.Separated);
            foreach (var id in rejection.AnswerIds)
            {
                hash.Add(id);
            }
        }
        return $"{answers.Count}:{rejections.Count}:{hash.ToHashCode()}";
    }
}
