using Sessions.Core.Services;

namespace Sessions.App.Realtime;

/// <summary>Gives back, every minute, the memory of sessions nobody watched or read for the idle time ("Sessions:Memory:IdleMinutes").</summary>
public sealed class IdleSessionWorker(IdleSessions idle, ILogger<IdleSessionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var released = idle.Release();
                if (released > 0)
                {
                    logger.LogDebug("Released the state of {Count} idle session(s)", released);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Releasing idle sessions failed; it runs again in a minute");
            }
        }
    }
}
