namespace Sessions.Core.Services;

/// <summary>
/// Serialises the commands of one session within this server, so a burst of ballots queues instead of
/// retrying on the concurrency token. Correctness does not depend on it: the token still guards
/// writes from other servers.
/// </summary>
/// <remarks>
/// A session's gate lives only while someone holds or waits for it: the last one out removes it, so
/// thousands of sessions written once leave nothing behind. Taking and dropping the count happens under
/// one small lock, so a gate is never removed while someone is about to wait on it.
/// </remarks>
public sealed class SessionLocks
{
    private readonly Dictionary<Guid, Gate> _gates = [];
    private readonly Lock _sync = new();

    /// <summary>Sessions that have a gate right now (for tests of what idle sessions leave behind).</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _gates.Count;
            }
        }
    }

    public async Task<IDisposable> EnterAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_sync)
        {
            if (!_gates.TryGetValue(sessionId, out gate!))
            {
                gate = new Gate();
                _gates[sessionId] = gate;
            }
            gate.Users++;
        }
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(sessionId, gate);
            throw;
        }
        return new Releaser(this, sessionId, gate);
    }

    private void Leave(Guid sessionId, Gate gate)
    {
        lock (_sync)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(sessionId);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Releaser(SessionLocks owner, Guid sessionId, Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(sessionId, gate);
            }
        }
    }
}
