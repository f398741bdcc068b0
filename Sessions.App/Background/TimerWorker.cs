using Sessions.Core.Services;

namespace Sessions.App.Background;

/// <summary>Once a second, moves questions whose advancing countdown has run out to their next phase.</summary>
public sealed class TimerWorker(FacilitatorService facilitator, ILogger<TimerWorker> logger) : PeriodicWorker(TimeSpan.FromSeconds(1), runAtStart: false)
{
    protected override Task RunOnceAsync(CancellationToken stoppingToken) => facilitator.AdvanceExpiredTimersAsync(stoppingToken);

    protected override void OnFailure(Exception exception) =>
        logger.LogWarning(exception, "Advancing expired timers failed; trying again in a second");
}
