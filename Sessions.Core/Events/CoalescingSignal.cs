namespace Sessions.Core.Events;

/// <summary>
/// Turns a burst of signals into few runs of <c>work</c>: the first signal after a quiet spell runs at
/// once; signals that arrive while a run is in progress, or within <c>minInterval</c> of its start,
/// collapse into one more run. A burst of 500 votes becomes a handful of renders, not 500.
/// </summary>
/// <param name="time">The clock of the window (the system's unless a test gives one it moves by hand).</param>
public sealed class CoalescingSignal(Func<Task> work, TimeSpan minInterval, Action<Exception>? onError = null, TimeProvider? time = null) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private bool _running;
    private bool _pending;
    private bool _disposed;
    private long? _lastStart;

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

    /// <summary>True while a run is in progress or waits for its window: once false, nothing runs until the next signal.</summary>
    public bool Busy
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
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
            var sinceLast = _lastStart is { } last ? _time.GetElapsedTime(last) : TimeSpan.MaxValue;
            if (sinceLast < minInterval)
            {
                await Task.Delay(minInterval - sinceLast, _time).ConfigureAwait(false);
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
            _lastStart = _time.GetTimestamp();
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
