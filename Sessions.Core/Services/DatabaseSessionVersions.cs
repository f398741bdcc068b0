using Microsoft.EntityFrameworkCore;
using Sessions.Core.Data;
using Sessions.Core.Events;

namespace Sessions.Core.Services;

/// <summary>Reads the version and join code of the given sessions in one query.</summary>
public sealed class DatabaseSessionVersions(IDbContextFactory<SessionsDbContext> dbFactory) : ISessionVersions
{
    public async Task<IReadOnlyList<SessionChanged>> CurrentAsync(IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken = default)
    {
        if (sessionIds.Count == 0)
        {
            return [];
        }
        var ids = sessionIds.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Sessions.Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.JoinCode, s.Version })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new SessionChanged(r.Id, r.JoinCode, r.Version))];
    }
}
