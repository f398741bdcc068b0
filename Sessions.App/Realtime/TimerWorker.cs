using Sessions.Core.Services;

namespace Sessions.App.Realtime;

/// <summary>Once a second, moves questions whose advancing countdown has run out to their next phase.</summary>
public sealed class TimerWorker(FacilitatorService facilitator, ILogger<TimerWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await facilitator.AdvanceExpiredTimersAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Advancing expired timers failed; trying again in a second");
            }
        }
    }
}
