using System.Collections.Concurrent;

namespace Sessions.Core.Services;

/// <summary>
/// Serialises the commands of one session within this server, so a burst of ballots queues instead of
/// retrying on the concurrency token. Correctness does not depend on it: the token still guards
/// writes from other servers.
/// </summary>
public sealed class SessionLocks
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> EnterAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
