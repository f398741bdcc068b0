using Sessions.Core.Services;

namespace Sessions.App.Background;

/// <summary>Runs the retention purge at start-up and every hour.</summary>
public sealed class RetentionWorker(SessionRetention retention, ILogger<RetentionWorker> logger) : PeriodicWorker(TimeSpan.FromHours(1), runAtStart: true)
{
    protected override Task RunOnceAsync(CancellationToken stoppingToken) => retention.PurgeExpiredAsync(stoppingToken);

    protected override void OnFailure(Exception exception) =>
        logger.LogError(exception, "The retention purge failed; it runs again in an hour");
}
