using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Sessions.App.Hubs;
using Sessions.Core.Events;

namespace Sessions.App.Realtime;

/// <summary>
/// Feeds the hub from the same events the Blazor screens hear, one group per session, coalescing a
/// burst per session into few messages that carry the newest version.
/// </summary>
public sealed class HubEventRelay(
    ISessionEvents events,
    IHubContext<SessionHub, ISessionClient> hub,
    IOptions<RealtimeOptions> options,
    ILogger<HubEventRelay> logger) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<Guid, Relay> _relays = new();
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.SubscribeAll(OnChanged);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        foreach (var relay in _relays.Values)
        {
            relay.Signal.Dispose();
        }
        _relays.Clear();
    }

    private void OnChanged(SessionChanged change)
    {
        var relay = _relays.GetOrAdd(change.SessionId, _ => CreateRelay(change.JoinCode));
        relay.Offer(change.Version);
        relay.Signal.Signal();
        if (change.Version == long.MaxValue && _relays.TryRemove(change.SessionId, out var gone))
        {
            // Deleted: one last message goes out, then the relay is dropped.
            _ = Task.Delay(TimeSpan.FromSeconds(5)).ContinueWith(_ => gone.Signal.Dispose(), TaskScheduler.Default);
        }
    }

    private Relay CreateRelay(string joinCode)
    {
        Relay? relay = null;
        relay = new Relay(new CoalescingSignal(
            () => hub.Clients.Group(SessionHub.GroupName(joinCode))
                .SessionChanged(new SessionChangedMessage(joinCode, relay!.Version, relay.Version == long.MaxValue)),
            TimeSpan.FromMilliseconds(options.Value.HubNotifyMilliseconds),
            ex => logger.LogWarning(ex, "Could not notify the watchers of session {JoinCode}", joinCode)));
        return relay;
    }

    private sealed class Relay(CoalescingSignal signal)
    {
        private long _version;

        public CoalescingSignal Signal { get; } = signal;
        public long Version => Interlocked.Read(ref _version);

        public void Offer(long version)
        {
            var current = Interlocked.Read(ref _version);
            while (version > current)
            {
                var seen = Interlocked.CompareExchange(ref _version, version, current);
                if (seen == current)
                {
                    return;
                }
                current = seen;
            }
        }
    }
}
