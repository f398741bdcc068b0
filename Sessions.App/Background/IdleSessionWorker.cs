using Sessions.Core.Services;

namespace Sessions.App.Background;

/// <summary>Gives back, every minute, the memory of sessions nobody watched or read for the idle time ("Sessions:Memory:IdleMinutes").</summary>
public sealed class IdleSessionWorker(IdleSessions idle, ILogger<IdleSessionWorker> logger) : PeriodicWorker(TimeSpan.FromMinutes(1), runAtStart: false)
{
    protected override Task RunOnceAsync(CancellationToken stoppingToken)
    {
        var released = idle.Release();
        if (released > 0)
        {
            logger.LogDebug("Released the state of {Count} idle session(s)", released);
        }
        return Task.CompletedTask;
    }

    protected override void OnFailure(Exception exception) =>
        logger.LogError(exception, "Releasing idle sessions failed; it runs again in a minute");
}
