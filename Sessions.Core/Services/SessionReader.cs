using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Domain;

namespace Sessions.Core.Services;

/// <summary>
/// Reads sessions for screens. One snapshot per session and version is built and shared: when a
/// change reaches a thousand screens they all ask for the same version and one read serves them.
/// </summary>
public sealed class SessionReader(IDbContextFactory<SessionsDbContext> dbFactory, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, SessionSnapshot> _latest = new();
    // When each cached snapshot was last asked for: a snapshot nobody asks for is released after an idle time.
    private readonly ConcurrentDictionary<Guid, long> _lastUsed = new();
    private readonly ConcurrentDictionary<Guid, Lazy<Task<SessionSnapshot?>>> _loading = new();
    private readonly ConcurrentDictionary<string, Guid> _joinCodes = new(StringComparer.Ordinal);

    private const string MalformedJoinCode = "\"{0}\" is not a join code: a join code has {1} characters, letters without I, L and O, and digits 2 to 9.";
    private const string UnknownJoinCode = "No session has the join code {0}. Check the code on the board.";

    /// <summary>True when a refusal says a join code led nowhere: what the guard against guessing counts.</summary>
    public static bool IsUnknownJoinCode(SessionRuleException refusal) =>
        refusal.Template is MalformedJoinCode or UnknownJoinCode;

    /// <summary>The current state, checked against the database's version.</summary>
    public async Task<SessionSnapshot> GetAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        long version;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var versions = await db.Sessions.Where(s => s.Id == sessionId).Select(s => (long?)s.Version)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (versions.Count == 0)
            {
                Forget(sessionId);
                throw SessionRuleException.NotFound("There is no such session (it may have been deleted).");
            }
            version = versions[0]!.Value;
        }
        return await GetAsync(sessionId, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A state at least as new as <paramref name="minVersion"/>; used on an event, which carries the version.</summary>
    public async Task<SessionSnapshot> GetAsync(Guid sessionId, long minVersion, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (_latest.TryGetValue(sessionId, out var cached) && cached.Version >= minVersion)
            {
                _lastUsed[sessionId] = time.GetUtcNow().UtcTicks;
                return cached;
            }
            // The load runs on the thread pool, not inside the Lazy's lock: SQLite reads complete synchronously, and a
            // thousand screens asking at once would otherwise block a thousand pool threads on that lock for the whole read.
            var lazy = _loading.GetOrAdd(sessionId, id => new Lazy<Task<SessionSnapshot?>>(() => Task.Run(() => LoadAsync(id))));
            SessionSnapshot? loaded;
            try
            {
                loaded = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _loading.TryRemove(new KeyValuePair<Guid, Lazy<Task<SessionSnapshot?>>>(sessionId, lazy));
            }
            if (loaded is null)
            {
                Forget(sessionId);
                throw SessionRuleException.NotFound("There is no such session (it may have been deleted).");
            }
            _latest.AddOrUpdate(sessionId, loaded, (_, old) => old.Version >= loaded.Version ? old : loaded);
            _lastUsed[sessionId] = time.GetUtcNow().UtcTicks;
            if (loaded.Version >= minVersion)
            {
                return loaded;
            }
            // A load that started before the change committed; go round once more.
        }
        throw new InvalidOperationException($"Session {sessionId} did not reach version {minVersion}.");
    }

    public async Task<SessionSnapshot> GetByJoinCodeAsync(string joinCode, CancellationToken cancellationToken = default) =>
        await GetAsync(await ResolveAsync(joinCode, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The session id behind a join code; join codes never change, so the answer is remembered.</summary>
    public async Task<Guid> ResolveAsync(string joinCode, CancellationToken cancellationToken = default)
    {
        var code = JoinCode.Normalize(joinCode);
        if (!JoinCode.IsValid(code))
        {
            throw SessionRuleException.NotFound(MalformedJoinCode, Shorten(joinCode), JoinCode.Length);
        }
        return await TryResolveAsync(code, cancellationToken).ConfigureAwait(false)
            ?? throw SessionRuleException.NotFound(UnknownJoinCode, code);
    }

    /// <summary>As <see cref="ResolveAsync"/>, but null for a malformed or unknown join code.</summary>
    public async Task<Guid?> TryResolveAsync(string joinCode, CancellationToken cancellationToken = default)
    {
        var code = JoinCode.Normalize(joinCode);
        if (!JoinCode.IsValid(code))
        {
            return null;
        }
        if (_joinCodes.TryGetValue(code, out var id))
        {
            return id;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ids = await db.Sessions.Where(s => s.JoinCode == code).Select(s => s.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
        {
            return null;
        }
        _joinCodes[code] = ids[0];
        return ids[0];
    }

    public void Forget(Guid sessionId)
    {
        _lastUsed.TryRemove(sessionId, out _);
        if (_latest.TryRemove(sessionId, out var snapshot))
        {
            _joinCodes.TryRemove(new KeyValuePair<string, Guid>(snapshot.JoinCode, sessionId));
            return;
        }
        foreach (var entry in _joinCodes.Where(e => e.Value == sessionId).ToList())
        {
            _joinCodes.TryRemove(entry);
        }
    }

    /// <summary>Sessions whose state is held here (for tests of what idle sessions leave behind).</summary>
    public int CachedCount => _latest.Count;

    /// <summary>
    /// Releases the snapshots nobody asked for in <paramref name="idle"/>, unless <paramref name="watched"/> says a
    /// screen here still follows the session. A later read loads the session again; only memory is given back.
    /// </summary>
    public int ReleaseIdle(TimeSpan idle, Func<Guid, bool> watched)
    {
        var released = 0;
        foreach (var (sessionId, used) in _lastUsed)
        {
            if (time.GetUtcNow().UtcTicks - used >= idle.Ticks && !watched(sessionId))
            {
                Forget(sessionId);
                released++;
            }
        }
        // Join codes resolved without a read (a refused command, a wrong token) leave only their mapping behind.
        foreach (var entry in _joinCodes)
        {
            if (!_latest.ContainsKey(entry.Value) && !watched(entry.Value))
            {
                _joinCodes.TryRemove(entry);
            }
        }
        return released;
    }

    private async Task<SessionSnapshot?> LoadAsync(Guid sessionId)
    {
        await using var db = await dbFactory.CreateDbContextAsync().ConfigureAwait(false);
        return await SnapshotBuilder.LoadAsync(db, sessionId, CancellationToken.None).ConfigureAwait(false);
    }

    private static string Shorten(string? text) =>
        text is null ? "" : text.Length <= 20 ? text : text[..20] + "…";
}
