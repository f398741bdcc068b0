namespace Sessions.App.Background;

/// <summary>
/// The app's timed jobs, together: the phase timers (every second), giving back idle sessions' memory (every
/// minute) and the retention purge (at start and every hour). Each runs until the app stops; a run that fails
/// is logged by the job and tried again at the next tick.
/// </summary>
public abstract class PeriodicWorker(TimeSpan period, bool runAtStart) : BackgroundService
{
    protected abstract Task RunOnceAsync(CancellationToken stoppingToken);

    protected abstract void OnFailure(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period);
        if (runAtStart)
        {
            await RunGuardedAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunGuardedAsync(stoppingToken);
        }
    }

    private async Task RunGuardedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            OnFailure(ex);
        }
    }
}

public static class BackgroundWorkers
{
    public static IServiceCollection AddSessionWorkers(this IServiceCollection services) =>
        services.AddHostedService<IdleSessionWorker>()
            .AddHostedService<RetentionWorker>()
            .AddHostedService<TimerWorker>();
}
