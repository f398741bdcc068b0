namespace Sessions.Core.Events;

/// <summary>
/// Turns a burst of signals into few runs of <c>work</c>: the first signal after a quiet spell runs at
/// once; signals that arrive while a run is in progress, or within <c>minInterval</c> of its start,
/// collapse into one more run. A burst of 500 votes becomes a handful of renders, not 500.
/// </summary>
public sealed class CoalescingSignal(Func<Task> work, TimeSpan minInterval, Action<Exception>? onError = null) : IDisposable
{
    private readonly Lock _gate = new();
    private bool _running;
    private bool _pending;
    private bool _disposed;
    private long _lastStart = long.MinValue;

    public void Signal()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            if (_running)
            {
                _pending = true;
                return;
            }
            _running = true;
        }
        _ = RunAsync();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            var sinceLast = _lastStart == long.MinValue ? TimeSpan.MaxValue : TimeSpan.FromTicks(Environment.TickCount64 * TimeSpan.TicksPerMillisecond - _lastStart);
            if (sinceLast < minInterval)
            {
                await Task.Delay(minInterval - sinceLast).ConfigureAwait(false);
            }
            lock (_gate)
            {
                _pending = false;
                if (_disposed)
                {
                    _running = false;
                    return;
                }
            }
            _lastStart = Environment.TickCount64 * TimeSpan.TicksPerMillisecond;
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                onError?.Invoke(ex);
            }
            lock (_gate)
            {
                if (!_pending || _disposed)
                {
                    _running = false;
                    return;
                }
            }
        }
    }
}
