using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sessions.Core.Data;

namespace Sessions.Core.Services;

/// <summary>How long a session is kept ("Sessions:Retention").</summary>
public sealed class RetentionOptions
{
    public const string Section = "Sessions:Retention";

    /// <summary>Days after the session's date (or, without a date, after it was created) that it is deleted with everything in it. 0 keeps sessions for ever.</summary>
    public int Days { get; set; } = 90;
}

/// <summary>Deletes sessions past their retention: names, answers and ballots are personal data (GDPR).</summary>
public sealed class SessionRetention(
    IDbContextFactory<SessionsDbContext> dbFactory,
    SessionCatalog catalog,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<SessionRetention> logger)
{
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var days = options.Value.Days;
        if (days <= 0)
        {
            return 0;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var cutoffDate = DateOnly.FromDateTime(now).AddDays(-days);
        var cutoffCreated = now.AddDays(-days);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var expired = await db.Sessions
            .Where(s => (s.Date != null && s.Date < cutoffDate) || (s.Date == null && s.CreatedAtUtc < cutoffCreated))
            .Select(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sessionId in expired)
        {
            await catalog.RemoveAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }
        if (expired.Count > 0)
        {
            logger.LogInformation("Deleted {Count} session(s) past the retention of {Days} days", expired.Count, days);
        }
        return expired.Count;
    }
}
