using Microsoft.Extensions.Options;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Reports;
using Sessions.Core.Security;
using Sessions.Core.Text;

namespace Sessions.Core.Services;

/// <summary>
/// Recreates a session from its JSON archive: a new join code and facilitator key; participants come
/// back without a token anyone holds, so the archive is read, not re-entered. An archive is held to the
/// same rules as the commands that would have made it live, and to a size that imports in seconds.
/// </summary>
public sealed class SessionImporter(IDbContextFactory<SessionsDbContext> dbFactory, WriteTurns turns, IOptions<SessionDefaults> defaults, TimeProvider time)
{
    /// <summary>
    /// Larger archives are refused with 413, before they are read when their length is declared. The limit is the
    /// largest archive the app itself writes for a session within the caps below, so every export within them imports
    /// again (an export of 2.33 MB was refused when the limit was 2 MB): each character of text as six bytes (the
    /// export writes a character outside ASCII as \uXXXX), and for each answer or vote, participant, refused suggestion
    /// and question the most its indented JSON and references can take. About 38 MB; the largest archive accepted
    /// imports in under 10 s on the shared 2-core machine (docs/benchmarks.md, <c>Sessions.Bench -- import</c>).
    /// </summary>
    public const int MaxArchiveBytes =
        (6 * MaxTextLength) + (RowBytes * MaxRows) + (ParticipantBytes * MaxParticipants) + (RefusedRefBytes * MaxRefusedAnswers)
        + (QuestionBytes * TextRules.MaxQuestions) + (64 * 1024);

    /// <summary>
    /// All the text an archive holds, in UTF-16 units: title, intro, closing text, questions, each answer's wording and
    /// original wording, names and organisations. Three times what a room of 300 writes to 20 questions with 150 answers
    /// of 500 characters each (wording and original), so only a crafted archive meets it; it is what bounds the bytes.
    /// </summary>
    public const int MaxTextLength = 3_000_000;

    /// <summary>Answers named in refused suggestions, over all questions: a facilitator refuses a few dozen.</summary>
    public const int MaxRefusedAnswers = 10_000;

    /// <summary>The most one answer or vote takes beside its text: an answer object at its indentation with the longest references, or a ballot of one vote; and its place in a runoff and a tie list.</summary>
    internal const int RowBytes = 320;

    /// <summary>The most one participant takes beside the name and organisation.</summary>
    internal const int ParticipantBytes = 192;

    /// <summary>The most one answer named in a refused suggestion takes.</summary>
    internal const int RefusedRefBytes = 40;

    /// <summary>The most one question takes beside its text, answers and ballots.</summary>
    internal const int QuestionBytes = 1024;

    /// <summary>More participants than a room holds, and more answers to one question than a wall can show.</summary>
    public const int MaxParticipants = 2000;
    public const int MaxAnswersPerQuestion = 2500;

    /// <summary>
    /// Answers and votes (one participant's dots on one answer) together, refused with 413 past this: writing them is
    /// what an import costs, and 2 MB of one-letter answers and 20-dot ballots hold 274,400 votes. A room of 300 with
    /// 150 answers to each of 20 questions and 3 dots on each holds 21,000. With this limit the largest archives import
    /// in under 10 s on the shared 2-core machine, 8.3 s at worst at a load of 45 (docs/benchmarks.md, <c>Sessions.Bench -- import</c>).
    /// </summary>
    public const int MaxRows = 60_000;

    /// <summary>Rows written in one transaction: on SQLite the writers of other sessions wait at most about this long for the file.</summary>
    public const int RowsPerTransaction = 10_000;

    /// <summary>Starts the code of a session still being imported: no join code holds it.</summary>
    internal const string ImportingMark = "~";

    public async Task<CreatedSession> ImportAsync(Stream json, CancellationToken cancellationToken = default)
    {
        SessionArchive? archive;
        try
        {
            archive = await JsonSerializer.DeserializeAsync<SessionArchive>(json, SessionArchiveWriter.JsonOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw SessionRuleException.Invalid("This is not a readable Sessions archive. {0}", Text.JsonProblems.Explain(ex, typeof(SessionArchive), "The archive"));
        }
        return await ImportAsync(archive ?? throw SessionRuleException.Invalid("The archive is empty."), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The characters of text an archive holds, as <see cref="MaxTextLength"/> counts them.</summary>
    public static long TextLength(SessionArchive archive) =>
        (long)(archive.Title?.Length ?? 0) + (archive.Intro?.Length ?? 0) + (archive.ClosingText?.Length ?? 0)
        + (archive.Questions?.Sum(q => (long)(q?.Text?.Length ?? 0) + (q?.Answers?.Sum(a => (long)(a?.Text?.Length ?? 0) + (a?.OriginalText?.Length ?? 0)) ?? 0)) ?? 0)
        + (archive.Participants?.Sum(p => (long)(p?.Name?.Length ?? 0) + (p?.Organisation?.Length ?? 0)) ?? 0);

    public async Task<CreatedSession> ImportAsync(SessionArchive archive, CancellationToken cancellationToken = default)
    {
        if (archive.Format != SessionArchive.FormatName || archive.FormatVersion != SessionArchive.CurrentFormatVersion)
        {
            throw SessionRuleException.Invalid("This is not a Sessions archive of format \"{0}\" version {1}.", new Verbatim(SessionArchive.FormatName), SessionArchive.CurrentFormatVersion);
        }
        if (archive.Questions is not { Count: > 0 and <= TextRules.MaxQuestions })
        {
            throw SessionRuleException.Invalid("An archive has 1 to {0} questions.", TextRules.MaxQuestions);
        }
        if (archive.Questions.Any(q => q is null || (q.Answers?.Any(a => a is null) ?? false) || (q.Ballots?.Any(b => b is null) ?? false))
            || (archive.Participants?.Any(p => p is null) ?? false))
        {
            throw SessionRuleException.Invalid("The archive has an empty entry in its questions, answers, ballots or participants.");
        }
        var rows = archive.Questions.Sum(q => (q.Answers?.Count ?? 0) + (q.Ballots?.Sum(b => b.Dots?.Count ?? 0) ?? 0));
        if (rows > MaxRows)
        {
            throw new SessionRuleException(SessionError.TooLarge,
                "The archive holds {0:N0} answers and votes (a vote is one person's dots on one answer); an archive holds at most {1:N0}.", rows, MaxRows);
        }
        var text = TextLength(archive);
        if (text > MaxTextLength)
        {
            throw new SessionRuleException(SessionError.TooLarge,
                "The archive holds {0:N0} characters of text; an archive holds at most {1:N0}.", text, MaxTextLength);
        }
        var refused = archive.Questions.Sum(q => q.Rejections?.Sum(r => (long)(r?.Answers?.Count ?? 0) + 1) ?? 0);
        if (refused > MaxRefusedAnswers)
        {
            throw new SessionRuleException(SessionError.TooLarge,
                "The archive's refused suggestions name {0:N0} answers; an archive holds at most {1:N0}.", refused, MaxRefusedAnswers);
        }
        // As the facilitator's "go to": 0 is the lobby, 1..N a question, N+1 the wrap-up.
        if (archive.CurrentQuestion < 0 || archive.CurrentQuestion > archive.Questions.Count + 1)
        {
            throw SessionRuleException.Invalid("The archive shows question {0}, but it has {1} questions: 0 is the lobby, 1 to {1} a question, {2} the wrap-up.",
                archive.CurrentQuestion, archive.Questions.Count, archive.Questions.Count + 1);
        }
        // A setting the archive leaves out (or no settings at all) takes the configured default, as on create.
        var given = archive.Settings;
        var settings = defaults.Value.Settings(given?.DotsPerParticipant, given?.MaxDotsPerAnswer, given?.LiveCounts, given?.SilentWriting,
            given?.AskOrganisation, given?.CloseJoiningWhenVoting);
        SettingsRules.Validate(settings.DotsPerParticipant, settings.MaxDotsPerAnswer);
        // An archive always names its language; one edited by hand without it gets the configured default, as a new session does.
        var language = SessionCatalog.ParseLanguage(string.IsNullOrWhiteSpace(archive.Language) ? defaults.Value.Language : archive.Language);
        var now = time.GetUtcNow().UtcDateTime;
        var key = Secrets.NewSecret();
        var session = new WorkshopSession
        {
            Id = Guid.NewGuid(),
            Title = TextRules.Require(archive.Title, "The title", TextRules.TitleMax),
            Date = archive.Date,
            Language = language,
            Intro = TextRules.Optional(archive.Intro, "The intro", TextRules.LongTextMax, multiline: true),
            ClosingText = TextRules.Optional(archive.ClosingText, "The closing text", TextRules.LongTextMax, multiline: true),
            FacilitatorKeyHash = Secrets.Hash(key),
            Settings = settings,
            CurrentQuestion = archive.CurrentQuestion,
            CreatedAtUtc = now,
            LastActivityUtc = now,
            Version = 1,
        };

        if (archive.Participants is { Count: > MaxParticipants })
        {
            throw SessionRuleException.Invalid("The archive has {0} participants; an archive holds at most {1}.", archive.Participants.Count, MaxParticipants);
        }
        var unnamed = language == SessionLanguage.Nl ? "Deelnemer" : "Participant";
        var participants = new Dictionary<string, Participant>(StringComparer.Ordinal);
        foreach (var (p, i) in (archive.Participants ?? []).Select((p, i) => (p, i)))
        {
            if (string.IsNullOrEmpty(p.Ref) || participants.ContainsKey(p.Ref))
            {
                throw SessionRuleException.Invalid("Participant {0} of the archive has no ref, or one that is used twice.", i + 1);
            }
            participants[p.Ref] = new Participant
            {
                Id = Guid.NewGuid(),
                SessionId = session.Id,
                Name = p.Name is null ? $"{unnamed} {i + 1}" : TextRules.Require(p.Name, "A participant's name", TextRules.NameMax),
                Organisation = p.Organisation is null ? null : TextRules.Optional(p.Organisation, "An organisation", TextRules.OrganisationMax),
                MayBeNamed = p.MayBeNamed && p.Name is not null,
                TokenHash = Secrets.Hash(Secrets.NewSecret()),
                JoinOrder = i + 1,
                JoinedAtUtc = now,
            };
        }
        session.Participants = [.. participants.Values];

        var votes = new List<Vote>();
        var rejections = new List<RejectedSuggestion>();
        long sequence = 0;
        foreach (var (aq, qi) in archive.Questions.Select((q, i) => (q, i)))
        {
            if (aq.Number != qi + 1)
            {
                throw SessionRuleException.Invalid("Question {0} of the archive is numbered {1}; questions are numbered 1, 2, 3 and so on, in order.", qi + 1, aq.Number);
            }
            if (!PhaseRules.TryParse(aq.Phase, out var phase))
            {
                throw SessionRuleException.Invalid("Question {0} has an unknown phase \"{1}\".", qi + 1, new Verbatim(Shorten(aq.Phase)));
            }
            // As live: nobody votes before the question has been through converge.
            if (phase == Phase.Collect && aq.Ballots is { Count: > 0 })
            {
                throw SessionRuleException.Invalid("Question {0} is still collecting answers but has ballots; voting comes after converge.", qi + 1);
            }
            if (aq.Answers is { Count: > MaxAnswersPerQuestion })
            {
                throw SessionRuleException.Invalid("Question {0} has {1} answers; an archive holds at most {2} per question.", qi + 1, aq.Answers.Count, MaxAnswersPerQuestion);
            }
            var runoff = ParseState<RunoffState>(aq.Runoff, new LocalizableText("Question {0}'s runoff", qi + 1), "none, open, closed");
            var settled = ParseState<TieSettlement>(aq.TieSettledBy, new LocalizableText("Question {0}'s tie settlement", qi + 1), "none, runoff, choice");
            if ((runoff != RunoffState.None || settled != TieSettlement.None) && phase != Phase.Result)
            {
                throw SessionRuleException.Invalid("Question {0} is in {1} but has a runoff or a settled tie; ties are settled in the result phase.", qi + 1, new PhaseName(phase));
            }
            var question = new Question
            {
                Id = Guid.NewGuid(),
                SessionId = session.Id,
                Number = qi + 1,
                Text = TextRules.Require(aq.Text, $"Question {qi + 1}", TextRules.QuestionMax),
                Phase = phase,
                AnswersRevealed = aq.AnswersRevealed,
                CountsRevealed = aq.CountsRevealed,
                Runoff = runoff,
                TieSettledBy = settled,
            };
            var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
            var archived = new Dictionary<string, ArchiveAnswer>(StringComparer.Ordinal);
            var perAuthor = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var aa in aq.Answers ?? [])
            {
                if (string.IsNullOrEmpty(aa.Ref) || answers.ContainsKey(aa.Ref))
                {
                    throw SessionRuleException.Invalid("An answer to question {0} has no ref, or one that is used twice.", qi + 1);
                }
                if (aa.Author is not null && (perAuthor[aa.Author] = perAuthor.GetValueOrDefault(aa.Author) + 1) > ParticipantService.MaxAnswersPerQuestion)
                {
                    throw SessionRuleException.Invalid("Participant {0} has more than {1} answers to question {2}, the most one person can write.", new Verbatim(Shorten(aa.Author)), ParticipantService.MaxAnswersPerQuestion, qi + 1);
                }
                archived[aa.Ref] = aa;
                answers[aa.Ref] = new Answer
                {
                    Id = Guid.NewGuid(),
                    QuestionId = question.Id,
                    ParticipantId = aa.Author is null ? null : ParticipantRef(participants, aa.Author).Id,
                    Text = TextRules.Answer(aa.Text),
                    OriginalText = TextRules.Answer(aa.OriginalText ?? aa.Text),
                    Hidden = aa.Hidden,
                    Sequence = ++sequence,
                    CreatedAtUtc = now,
                };
            }
            foreach (var aa in aq.Answers ?? [])
            {
                if (aa.MergedInto is { } into)
                {
                    // As in a merge made live: from converge on, never into itself, into a merged answer or a hidden one.
                    if (phase == Phase.Collect)
                    {
                        throw SessionRuleException.Invalid("Question {0} is still collecting answers but has merged ones; merging starts in converge.", qi + 1);
                    }
                    var target = archived.GetValueOrDefault(into);
                    if (into == aa.Ref || target?.MergedInto is not null)
                    {
                        throw SessionRuleException.Invalid("Answer {0} of question {1} is merged into itself or into an answer that is merged too.", new Verbatim(Shorten(aa.Ref)), qi + 1);
                    }
                    if (target?.Hidden == true)
                    {
                        throw SessionRuleException.Invalid("Answer {0} of question {1} is merged into a hidden answer; answers merge only into visible ones.", new Verbatim(Shorten(aa.Ref)), qi + 1);
                    }
                    answers[aa.Ref].MergedIntoId = AnswerRef(answers, into).Id;
                }
            }
            question.Answers = [.. answers.Values];
            var runoffCandidates = (aq.RunoffCandidates ?? []).Select(r => AnswerRef(answers, r)).ToList();
            var tieWinners = (aq.TieWinners ?? []).Select(r => AnswerRef(answers, r)).ToList();
            if (runoffCandidates.Concat(tieWinners).Any(a => a.Hidden || a.MergedIntoId is not null))
            {
                throw SessionRuleException.Invalid("Question {0} names a hidden or merged answer as a runoff candidate or tie winner.", qi + 1);
            }
            if ((runoff == RunoffState.None) != (runoffCandidates.Count == 0) || (settled == TieSettlement.None) != (tieWinners.Count == 0))
            {
                throw SessionRuleException.Invalid("Question {0}'s runoff candidates or tie winners do not match its runoff and tie settlement.", qi + 1);
            }
            question.RunoffCandidateIds = [.. runoffCandidates.Select(a => a.Id)];
            question.TieWinnerIds = [.. tieWinners.Select(a => a.Id)];
            // Indexed once per question: checking each of thousands of ballots against a fresh list was what made large imports slow.
            var candidates = answers.Values.ToDictionary(a => a.Id, a => new Voting.BallotCandidate(a.Id, a.Hidden, a.MergedIntoId is not null));
            var runoffBallotCandidates = runoffCandidates.ToDictionary(a => a.Id, a => new Voting.BallotCandidate(a.Id, false, false));
            var seen = new HashSet<(string, int)>();
            foreach (var ballot in aq.Ballots ?? [])
            {
                var participant = ParticipantRef(participants, ballot.Participant);
                if (ballot.Round is not (Vote.MainRound or Vote.RunoffRound) || !seen.Add((ballot.Participant, ballot.Round)))
                {
                    throw SessionRuleException.Invalid("Question {0} has a ballot of {1} with an unknown round, or two for one round.", qi + 1, new Verbatim(Shorten(ballot.Participant)));
                }
                if (ballot.Round == Vote.RunoffRound && runoff == RunoffState.None)
                {
                    throw SessionRuleException.Invalid("Question {0} has a runoff ballot of {1} but no runoff.", qi + 1, new Verbatim(Shorten(ballot.Participant)));
                }
                if (ballot.Dots is null)
                {
                    throw SessionRuleException.Invalid("Question {0} has a ballot of {1} without its dots; an empty ballot is {{}}.", qi + 1, Shorten(ballot.Participant));
                }
                var dots = ballot.Dots.ToDictionary(d => AnswerRef(answers, d.Key).Id, d => d.Value);
                var accepted = ballot.Round == Vote.MainRound
                    ? Voting.BallotRules.Validate(dots, candidates, session.Settings.DotsPerParticipant, session.Settings.MaxDotsPerAnswer)
                    : Voting.BallotRules.Validate(dots, runoffBallotCandidates, 1, 1);
                votes.AddRange(accepted.Select(d => new Vote { ParticipantId = participant.Id, QuestionId = question.Id, AnswerId = d.Key, Round = ballot.Round, Dots = d.Value }));
            }
            AddRejections(aq, qi, question.Id, answers, now, rejections);
            session.Questions.Add(question);
        }

        await WriteAsync(session, votes, rejections, cancellationToken).ConfigureAwait(false);
        return new CreatedSession(session.Id, session.JoinCode, key);
    }

    /// <summary>
    /// The question's refused suggestions, held to the rules of a refusal made live. They keep their order (one tick
    /// apart), so the session exports as the same document again.
    /// </summary>
    private static void AddRejections(ArchiveQuestion aq, int qi, Guid questionId, Dictionary<string, Answer> answers, DateTime now, List<RejectedSuggestion> into)
    {
        if (aq.Rejections is { Count: > MaxAnswersPerQuestion })
        {
            throw SessionRuleException.Invalid("Question {0} has {1} refused suggestions; an archive holds at most {2} per question.", qi + 1, aq.Rejections.Count, MaxAnswersPerQuestion);
        }
        foreach (var (rejection, ri) in (aq.Rejections ?? []).Select((r, i) => (r, i)))
        {
            var where = new LocalizableText("Refused suggestion {0} of question {1}", ri + 1, qi + 1);
            if (rejection?.Answers is not { } refs || refs.Count > Suggestions.SuggestionService.MaxGroup || refs.Distinct(StringComparer.Ordinal).Count() != refs.Count)
            {
                throw SessionRuleException.Invalid("{0} names no answers, more than {1}, or one twice.", where, Suggestions.SuggestionService.MaxGroup);
            }
            var ids = refs.Select(r => AnswerRef(answers, r).Id).ToList();
            Guid? separated = rejection.Separated is null ? null : AnswerRef(answers, rejection.Separated).Id;
            if (ids.Count < (separated is null ? 2 : 1) || (separated is { } one && ids.Contains(one)))
            {
                throw SessionRuleException.Invalid("{0} needs two answers, or one and the answer moved out of them (not one of them).", where);
            }
            into.Add(new RejectedSuggestion
            {
                Id = Guid.NewGuid(),
                QuestionId = questionId,
                AnswerIds = [.. ids],
                SeparatedId = separated,
                CreatedAtUtc = now.AddTicks(into.Count),
            });
        }
    }

    /// <summary>
    /// Everything was checked in memory; the rows go in by multi-row inserts, in transactions of at most
    /// <see cref="RowsPerTransaction"/> rows, each in a turn of its own (<see cref="WriteTurns"/>): on SQLite one
    /// transaction holds the whole file's write lock, and the ballots of other sessions get their turns in between
    /// instead of waiting for the whole import. Until the last transaction gives the session its join code it has
    /// a code no one can type, so nobody finds it half written; if the import fails on the way, what was written
    /// is deleted (and retention removes what a crash left).
    /// </summary>
    private async Task WriteAsync(WorkshopSession session, List<Vote> votes, List<RejectedSuggestion> rejections, CancellationToken cancellationToken)
    {
        var questions = session.Questions;
        var participants = session.Participants;
        var answers = questions.SelectMany(q => q.Answers).ToList();
        // The session row goes through EF (it carries the owned settings), the rest by bulk insert.
        session.Questions = [];
        session.Participants = [];
        session.JoinCode = ImportingCode();
        await InTurnAsync(async db =>
        {
            db.Sessions.Add(session);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await BulkInsert.InsertAsync(db, questions, cancellationToken).ConfigureAwait(false);
            await BulkInsert.InsertAsync(db, participants, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            // Parents before children: SQLite checks each foreign key as the row goes in.
            foreach (var chunk in answers.Chunk(RowsPerTransaction))
            {
                await InTurnAsync(db => BulkInsert.InsertAsync(db, chunk, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            foreach (var chunk in votes.Chunk(RowsPerTransaction))
            {
                await InTurnAsync(db => BulkInsert.InsertAsync(db, chunk, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            await InTurnAsync(async db =>
            {
                // Refused suggestions are few (at most a question's answers): with the join code, in the last turn.
                db.RejectedSuggestions.AddRange(rejections);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                string code;
                do
                {
                    code = JoinCode.New();
                }
                while (await db.Sessions.AnyAsync(s => s.JoinCode == code, cancellationToken).ConfigureAwait(false));
                await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.JoinCode, code), cancellationToken).ConfigureAwait(false);
                session.JoinCode = code;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The cascades take what was written of it.
            await InTurnAsync(db => db.Sessions.Where(s => s.Id == session.Id).ExecuteDeleteAsync(CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task InTurnAsync(Func<SessionsDbContext, Task> write, CancellationToken cancellationToken)
    {
        using var turn = await turns.TakeAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await write(db).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A code that fits the join code's column and that no one can type: <see cref="JoinCode.Normalize"/> upper-cases what people type.</summary>
    private static string ImportingCode()
    {
        Span<char> code = stackalloc char[JoinCode.Length];
        code[0] = ImportingMark[0];
        for (var i = 1; i < code.Length; i++)
        {
            code[i] = (char)('a' + System.Security.Cryptography.RandomNumberGenerator.GetInt32(26));
        }
        return new string(code);
    }

    /// <summary>A state by its name only: "7" or "-1" name nothing, though Enum.TryParse would take them.</summary>
    private static T ParseState<T>(string? value, LocalizableText what, string names) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return default;
        }
        if (!value.All(char.IsAsciiLetter) || !Enum.TryParse<T>(value, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            throw SessionRuleException.Invalid("{0} \"{1}\" is not one of {2}.", what, new Verbatim(Shorten(value)), new Verbatim(names));
        }
        return parsed;
    }

    private static Answer AnswerRef(Dictionary<string, Answer> answers, string? key) =>
        key is not null && answers.TryGetValue(key, out var answer)
            ? answer
            : throw SessionRuleException.Invalid("The archive refers to an answer \"{0}\" that it does not contain.", new Verbatim(Shorten(key)));

    private static Participant ParticipantRef(Dictionary<string, Participant> participants, string? key) =>
        key is not null && participants.TryGetValue(key, out var participant)
            ? participant
            : throw SessionRuleException.Invalid("The archive refers to a participant \"{0}\" that it does not contain.", new Verbatim(Shorten(key)));

    /// <summary>Archive text quoted in a refusal: enough to find it, never the whole of a crafted one.</summary>
    private static string Shorten(string? value) => value is null ? "" : value.Length <= 20 ? value : value[..20] + "…";
}
