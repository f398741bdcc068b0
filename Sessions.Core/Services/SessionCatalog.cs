using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Events;
using Sessions.Core.Security;
using Sessions.Core.Templates;

namespace Sessions.Core.Services;

/// <summary>Creating, finding and deleting sessions, and checking the facilitator key.</summary>
public sealed class SessionCatalog(
    IDbContextFactory<SessionsDbContext> dbFactory,
    SessionReader reader,
    ISessionEvents events,
    IOptions<SessionDefaults> defaults,
    TimeProvider time)
{
    public async Task<CreatedSession> CreateAsync(CreateSessionRequest request, CancellationToken cancellationToken = default)
    {
        var d = defaults.Value;
        SessionTemplate? template = null;
        if (!string.IsNullOrWhiteSpace(request.Template))
        {
            template = SessionTemplates.Find(request.Template)
                ?? throw SessionRuleException.Invalid("Unknown template \"{0}\"; the templates are {1}.", new Text.Verbatim(request.Template), new Text.Verbatim(string.Join(", ", SessionTemplates.All.Select(t => t.Key))));
        }
        var language = ParseLanguage(request.Language ?? (template == SessionTemplates.Vernieuwen2022 ? "nl" : d.Language));
        var questionTexts = request.Questions is { Count: > 0 } ? request.Questions : template?.Questions(language) ?? [];
        if (questionTexts.Count == 0)
        {
            throw SessionRuleException.Invalid("A session needs at least one question.");
        }
        if (questionTexts.Count > TextRules.MaxQuestions)
        {
            throw SessionRuleException.Invalid("A session has at most {0} questions.", TextRules.MaxQuestions);
        }
        var title = string.IsNullOrWhiteSpace(request.Title) ? template?.Title(language) : request.Title;
        var settings = d.Settings(request.DotsPerParticipant, request.MaxDotsPerAnswer, request.LiveCounts, request.SilentWriting,
            request.AskOrganisation, request.CloseJoiningWhenVoting);
        SettingsRules.Validate(settings.DotsPerParticipant, settings.MaxDotsPerAnswer);

        var key = Secrets.NewSecret();
        var session = new WorkshopSession
        {
            Id = Guid.NewGuid(),
            Title = TextRules.Require(title, "The title", TextRules.TitleMax),
            // A template's session takes place today unless told otherwise; the date is only what the report says.
            Date = request.Date ?? (template is null ? null : DateOnly.FromDateTime(time.GetLocalNow().DateTime)),
            Language = language,
            Intro = TextRules.Optional(request.Intro ?? template?.Intro(language), "The intro", TextRules.LongTextMax, multiline: true),
            ClosingText = TextRules.Optional(request.ClosingText ?? template?.Closing(language), "The closing text", TextRules.LongTextMax, multiline: true),
            FacilitatorKeyHash = Secrets.Hash(key),
            Settings = settings,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            Version = 1,
        };
        session.LastActivityUtc = session.CreatedAtUtc;
        session.Questions = questionTexts.Select((text, i) => new Question
        {
            Id = Guid.NewGuid(),
            SessionId = session.Id,
            Number = i + 1,
            Text = TextRules.Require(text, $"Question {i + 1}", TextRules.QuestionMax),
        }).ToList();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            session.JoinCode = JoinCode.New();
            if (!await db.Sessions.AnyAsync(s => s.JoinCode == session.JoinCode, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
            if (attempt > 20)
            {
                throw new InvalidOperationException("Could not find a free join code.");
            }
        }
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new CreatedSession(session.Id, session.JoinCode, key);
    }

    /// <summary>Throws unless <paramref name="facilitatorKey"/> is this session's key.</summary>
    public async Task EnsureFacilitatorAsync(Guid sessionId, string? facilitatorKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var hashes = await db.Sessions.Where(s => s.Id == sessionId).Select(s => s.FacilitatorKeyHash).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (hashes.Count == 0)
        {
            throw SessionRuleException.NotFound("There is no such session (it may have been deleted).");
        }
        FacilitatorGuard.Ensure(facilitatorKey, hashes[0]);
    }

    public async Task DeleteAsync(Guid sessionId, string? facilitatorKey, CancellationToken cancellationToken = default)
    {
        await EnsureFacilitatorAsync(sessionId, facilitatorKey, cancellationToken).ConfigureAwait(false);
        await RemoveAsync(sessionId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes a session with everything in it (the cascades take questions, answers, participants
    /// and votes) and tells its screens. The caller has decided it may: the facilitator, or retention.
    /// </summary>
    /// <param name="idleBefore">For retention: delete only if the session's last activity is still before this (a write since keeps it).</param>
    internal async Task<bool> RemoveAsync(Guid sessionId, CancellationToken cancellationToken, DateTime? idleBefore = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Sessions.Where(s => s.Id == sessionId).Select(s => new { s.JoinCode, s.Version }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await db.Sessions.Where(s => s.Id == sessionId && (idleBefore == null || s.LastActivityUtc < idleBefore))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (deleted == 0)
        {
            return false;
        }
        reader.Forget(sessionId);
        foreach (var row in rows)
        {
            await events.PublishAsync(SessionChanged.Gone(sessionId, row.JoinCode, row.Version), CancellationToken.None).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>A new session with this one's texts, questions and settings, and nobody in it yet.</summary>
    public async Task<CreatedSession> DuplicateAsync(Guid sessionId, string? facilitatorKey, CancellationToken cancellationToken = default)
    {
        await EnsureFacilitatorAsync(sessionId, facilitatorKey, cancellationToken).ConfigureAwait(false);
        var s = await reader.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var copyTitle = s.Title.Length + 7 <= TextRules.TitleMax ? $"{s.Title} (copy)" : s.Title;
        return await CreateAsync(new CreateSessionRequest(
            copyTitle, s.Date, s.Language == SessionLanguage.Nl ? "nl" : "en", null, s.Intro,
            s.Questions.Select(q => q.Text).ToList(), s.Settings.DotsPerParticipant, s.Settings.MaxDotsPerAnswer,
            s.Settings.LiveCounts, s.Settings.SilentWriting, s.Settings.AskOrganisation, s.ClosingText, s.Settings.CloseJoiningWhenVoting), cancellationToken).ConfigureAwait(false);
    }

    public static SessionLanguage ParseLanguage(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "nl" or "nl-nl" or "dutch" or "nederlands" => SessionLanguage.Nl,
        "en" or "en-gb" or "en-us" or "english" or "engels" => SessionLanguage.En,
        _ => throw SessionRuleException.Invalid("Unknown language \"{0}\"; use \"nl\" or \"en\".", new Text.Verbatim(value ?? "")),
    };
}
