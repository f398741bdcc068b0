using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Templates;

namespace Sessions.Core.Services;

/// <summary>A template listed on the start page: built in, or saved from a session.</summary>
public sealed record TemplateChoice(string Key, string Name, bool BuiltIn);

/// <summary>Saved templates: a session's questions and settings, to start the next session from.</summary>
public sealed class TemplateService(IDbContextFactory<SessionsDbContext> dbFactory, SessionReader reader, SessionCatalog catalog, TimeProvider time)
{
    public const string SavedPrefix = "saved:";

    public async Task<IReadOnlyList<TemplateChoice>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var saved = await db.Templates.OrderByDescending(t => t.CreatedAtUtc).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return SessionTemplates.All.Select(t => new TemplateChoice(t.Key, t.Name, true))
            .Concat(saved.Select(t => new TemplateChoice(SavedPrefix + t.Id, t.Name, false)))
            .ToList();
    }

    /// <summary>Keeps the session's questions, texts and settings (never its people, answers or dots).</summary>
    public async Task<TemplateChoice> SaveFromSessionAsync(Guid sessionId, string? key, string? name, CancellationToken cancellationToken = default)
    {
        await catalog.EnsureFacilitatorAsync(sessionId, key, cancellationToken).ConfigureAwait(false);
        var session = await reader.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var template = new SavedTemplate
        {
            Id = Guid.NewGuid(),
            Name = TextRules.Require(name, "The template's name", TextRules.TitleMax),
            Language = session.Language,
            Title = session.Title,
            Intro = session.Intro,
            ClosingText = session.ClosingText,
            Questions = string.Join('\n', session.Questions.Select(q => q.Text)),
            Settings = new SessionSettings
            {
                DotsPerParticipant = session.Settings.DotsPerParticipant,
                MaxDotsPerAnswer = session.Settings.MaxDotsPerAnswer,
                LiveCounts = session.Settings.LiveCounts,
                SilentWriting = session.Settings.SilentWriting,
                AskOrganisation = session.Settings.AskOrganisation,
            },
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Templates.Add(template);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new TemplateChoice(SavedPrefix + template.Id, template.Name, false);
    }

    /// <summary>What a new session from a saved template starts with; null for a key that names none.</summary>
    public async Task<CreateSessionRequest?> DraftAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!key.StartsWith(SavedPrefix, StringComparison.Ordinal) || !Guid.TryParse(key[SavedPrefix.Length..], out var id))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var t = await db.Templates.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken).ConfigureAwait(false);
        return t is null
            ? null
            : new CreateSessionRequest(t.Title, null, t.Language == SessionLanguage.Nl ? "nl" : "en", null, t.Intro,
                t.Questions.Split('\n', StringSplitOptions.RemoveEmptyEntries), t.Settings.DotsPerParticipant, t.Settings.MaxDotsPerAnswer,
                t.Settings.LiveCounts, t.Settings.SilentWriting, t.Settings.AskOrganisation, t.ClosingText);
    }
}
