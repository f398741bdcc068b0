using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Security;
using Sessions.Core.Templates;

namespace Sessions.Core.Services;

/// <summary>A template listed on the start page: built in, or saved from a session.</summary>
public sealed record TemplateChoice(string Key, string Name, bool BuiltIn);

/// <summary>
/// Saved templates: a session's questions and settings, to start the next session from. A saved template
/// belongs to the facilitator who saved it: it is listed, and deleted, only with the key of the session it
/// was saved from (a browser holds the keys of its facilitator's sessions).
/// </summary>
public sealed class TemplateService(IDbContextFactory<SessionsDbContext> dbFactory, SessionReader reader, SessionCatalog catalog, TimeProvider time)
{
    public const string SavedPrefix = "saved:";

    /// <summary>Templates one facilitator key may keep: enough for any practice, not a store for anything else.</summary>
    public const int MaxPerOwner = 50;

    /// <summary>The built-in templates, and the saved ones whose owner's key is among <paramref name="facilitatorKeys"/>.</summary>
    public async Task<IReadOnlyList<TemplateChoice>> ListAsync(IEnumerable<string>? facilitatorKeys = null, CancellationToken cancellationToken = default)
    {
        var owners = OwnerHashes(facilitatorKeys);
        var builtIn = SessionTemplates.All.Select(t => new TemplateChoice(t.Key, t.Name, true)).ToList();
        if (owners.Count == 0)
        {
            return builtIn;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var saved = new List<(Guid Id, string Name, DateTime Created)>();
        // One query per key: a browser holds the keys of a facilitator's own sessions, a handful.
        foreach (var owner in owners)
        {
            saved.AddRange((await db.Templates.Where(t => t.OwnerKeyHash == owner).Select(t => new { t.Id, t.Name, t.CreatedAtUtc })
                .ToListAsync(cancellationToken).ConfigureAwait(false)).Select(t => (t.Id, t.Name, t.CreatedAtUtc)));
        }
        return [.. builtIn, .. saved.OrderByDescending(t => t.Created).Select(t => new TemplateChoice(SavedPrefix + t.Id, t.Name, false))];
    }

    /// <summary>Deletes a saved template; only a key of its owner may, and to anyone else it does not exist.</summary>
    public async Task DeleteAsync(string templateKey, IEnumerable<string>? facilitatorKeys, CancellationToken cancellationToken = default)
    {
        var owners = OwnerHashes(facilitatorKeys);
        if (owners.Count == 0)
        {
            throw SessionRuleException.Unauthorized("Deleting a template needs the facilitator key of the session it was saved from.");
        }
        var id = ParseKey(templateKey) ?? throw SessionRuleException.NotFound("There is no such saved template.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var stored = await db.Templates.Where(t => t.Id == id).Select(t => t.OwnerKeyHash).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (stored is not [{ } ownerHash] || !owners.Any(o => CryptographicOperations.FixedTimeEquals(o, ownerHash)))
        {
            throw SessionRuleException.NotFound("There is no such saved template.");
        }
        await db.Templates.Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps the session's questions, texts and settings (never its people, answers or dots).</summary>
    public async Task<TemplateChoice> SaveFromSessionAsync(Guid sessionId, string? key, string? name, CancellationToken cancellationToken = default)
    {
        await catalog.EnsureFacilitatorAsync(sessionId, key, cancellationToken).ConfigureAwait(false);
        var session = await reader.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var owner = Secrets.Hash(key!);
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
                CloseJoiningWhenVoting = session.Settings.CloseJoiningWhenVoting,
            },
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            OwnerKeyHash = owner,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.Templates.CountAsync(t => t.OwnerKeyHash == owner, cancellationToken).ConfigureAwait(false) >= MaxPerOwner)
        {
            throw SessionRuleException.Conflict("This session has saved {0} templates already, the most it can; delete one first.", MaxPerOwner);
        }
        db.Templates.Add(template);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new TemplateChoice(SavedPrefix + template.Id, template.Name, false);
    }

    /// <summary>What a new session from a saved template starts with; null for a key that names none.</summary>
    public async Task<CreateSessionRequest?> DraftAsync(string key, CancellationToken cancellationToken = default)
    {
        if (ParseKey(key) is not { } id)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var t = await db.Templates.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken).ConfigureAwait(false);
        return t is null
            ? null
            : new CreateSessionRequest(t.Title, null, t.Language == SessionLanguage.Nl ? "nl" : "en", null, t.Intro,
                t.Questions.Split('\n', StringSplitOptions.RemoveEmptyEntries), t.Settings.DotsPerParticipant, t.Settings.MaxDotsPerAnswer,
                t.Settings.LiveCounts, t.Settings.SilentWriting, t.Settings.AskOrganisation, t.ClosingText, t.Settings.CloseJoiningWhenVoting);
    }

    private static Guid? ParseKey(string? key) =>
        key is not null && key.StartsWith(SavedPrefix, StringComparison.Ordinal) && Guid.TryParse(key[SavedPrefix.Length..], out var id) ? id : null;

    private static List<byte[]> OwnerHashes(IEnumerable<string>? facilitatorKeys) =>
        (facilitatorKeys ?? []).Where(k => !string.IsNullOrEmpty(k) && k.Length <= 200).Distinct(StringComparer.Ordinal).Take(500).Select(Secrets.Hash).ToList();
}
