using Microsoft.Extensions.Options;
using Sessions.App.Components.Pages.Participant;
using Sessions.Core.Domain;
using Sessions.Core.Events;
using Sessions.Core.Metrics;
using Sessions.Core.Services;

namespace Sessions.App.Realtime;

/// <summary>
/// How the phones of a session hear of its changes: through one subscription per session rather than one per phone.
/// On a change (coalesced as a screen's renders are) the snapshot is read once, the view of each participant who has
/// a phone open is worked out once (<see cref="PhoneView"/>), and only the phones whose view changed are handed the
/// snapshot that was compared. A ballot of someone else, which no other phone shows, costs every other phone nothing:
/// no dispatch onto its circuit, no render, no render batch. A phone that starts watching is handed the next snapshot
/// whatever it holds, so from then on it holds exactly what its view was compared on.
/// </summary>
public sealed class PhoneWatch(ISessionEvents events, SessionReader reader, IOptions<RealtimeOptions> options, SessionsMetrics metrics, ILogger<PhoneWatch> logger)
{
    private static readonly PhoneJoinForm s_noForm = new(false, null, null, false);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Room> _rooms = [];

    /// <summary>
    /// Hands <paramref name="changed"/> the snapshots that change what <paramref name="me"/> sees (the join form without
    /// an identity), or null once the session is gone. Dispose to stop.
    /// </summary>
    public IDisposable Watch(Guid sessionId, ParticipantIdentity? me, Action<SessionSnapshot?> changed)
    {
        var phone = new Phone(me, changed);
        Room room;
        lock (_gate)
        {
            if (!_rooms.TryGetValue(sessionId, out room!))
            {
                room = new Room(sessionId, events, TimeSpan.FromMilliseconds(options.Value.ScreenRefreshMilliseconds), CompareAsync,
                    ex => logger.LogWarning(ex, "Could not tell the phones of session {SessionId} of a change", sessionId));
                _rooms[sessionId] = room;
            }
            room.Add(phone);
        }
        room.Signal.Signal();
        return new Subscription(this, room, phone);
    }

    /// <summary>The newest version whose snapshot the phones of a session were compared on (0 when none are watched).</summary>
    internal long ComparedVersion(Guid sessionId)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(sessionId, out var room) ? Interlocked.Read(ref room.Compared) : 0;
        }
    }

    private void Remove(Room room, Phone phone)
    {
        lock (_gate)
        {
            if (room.Remove(phone) && _rooms.TryGetValue(room.SessionId, out var current) && current == room)
            {
                _rooms.Remove(room.SessionId);
                room.Dispose();
            }
        }
    }

    private async Task CompareAsync(Room room)
    {
        var pendingSince = Interlocked.Exchange(ref room.PendingSince, 0);
        var version = Interlocked.Read(ref room.Latest);
        SessionSnapshot? snapshot;
        try
        {
            snapshot = version > 0 && !room.Deleted
                ? await reader.GetAsync(room.SessionId, version).ConfigureAwait(false)
                : await reader.GetAsync(room.SessionId).ConfigureAwait(false);
        }
        catch (SessionRuleException ex) when (ex.Error == SessionError.NotFound)
        {
            snapshot = null;
        }
        // The phones are listed under the room's lock; their views are worked out outside it (a room of thousands
        // takes milliseconds), which only this method changes, one run at a time per room (its CoalescingSignal).
        var audiences = room.List();
        List<Phone> tell = [];
        foreach (var (audience, phones) in audiences)
        {
            var view = snapshot is null ? null : PhoneView.Build(snapshot, new PhoneView.PageState(null, false, true, audience.Me, s_noForm));
            var changed = snapshot is null || !Equals(view, audience.Shown);
            audience.Shown = view;
            tell.AddRange(changed ? phones.Select(p => p.Phone) : phones.Where(p => p.New).Select(p => p.Phone));
        }
        foreach (var phone in tell)
        {
            try
            {
                phone.Changed(snapshot);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
            {
                logger.LogDebug(ex, "A phone of session {SessionId} could not be told of version {Version}", room.SessionId, snapshot?.Version);
            }
        }
        // A change that no phone shows refreshes no screen: only a change handed to some phone counts as a refresh.
        if (pendingSince != 0 && tell.Count > 0)
        {
            metrics.ScreenRefreshed("phone", SessionsMetrics.Since(pendingSince));
        }
        if (snapshot is not null)
        {
            Interlocked.Exchange(ref room.Compared, snapshot.Version);
        }
    }

    private sealed class Phone(ParticipantIdentity? me, Action<SessionSnapshot?> changed)
    {
        public ParticipantIdentity? Me { get; } = me;
        public Action<SessionSnapshot?> Changed { get; } = changed;

        /// <summary>Started watching since the last comparison: handed the next snapshot whatever it holds.</summary>
        public bool New { get; set; } = true;
    }

    /// <summary>The phones of one participant (or of nobody yet): they see the same, so their view is worked out once.</summary>
    private sealed class Audience(ParticipantIdentity? me)
    {
        public ParticipantIdentity? Me { get; } = me;
        public List<Phone> Phones { get; } = [];
        public PhoneView? Shown { get; set; }
    }

    private sealed class Room : IDisposable
    {
        private readonly IDisposable _subscription;

        public long Latest;
        public long Compared;

        /// <summary>The session was deleted: the next comparison reads the database, not a held snapshot.</summary>
        public volatile bool Deleted;

        /// <summary>When the oldest change not yet compared came (a <see cref="SessionsMetrics.Start"/> timestamp; 0: none).</summary>
        public long PendingSince;

        public Room(Guid sessionId, ISessionEvents events, TimeSpan interval, Func<Room, Task> compare, Action<Exception> onError)
        {
            SessionId = sessionId;
            Signal = new CoalescingSignal(() => compare(this), interval, onError);
            _subscription = events.Subscribe(sessionId, change =>
            {
                if (change.Deleted)
                {
                    Deleted = true;
                }
                NewestVersion.Raise(ref Latest, change.Version);
                Interlocked.CompareExchange(ref PendingSince, SessionsMetrics.Start(), 0);
                Signal.Signal();
            });
        }

        private readonly Lock _gate = new();
        private readonly Dictionary<Guid, Audience> _audiences = [];

        public Guid SessionId { get; }
        public CoalescingSignal Signal { get; }

        public void Add(Phone phone)
        {
            var key = phone.Me?.ParticipantId ?? Guid.Empty;
            lock (_gate)
            {
                if (!_audiences.TryGetValue(key, out var audience))
                {
                    audience = new Audience(phone.Me);
                    _audiences[key] = audience;
                }
                audience.Phones.Add(phone);
            }
        }

        /// <summary>True when the room has no phone left.</summary>
        public bool Remove(Phone phone)
        {
            var key = phone.Me?.ParticipantId ?? Guid.Empty;
            lock (_gate)
            {
                if (_audiences.TryGetValue(key, out var audience) && audience.Phones.Remove(phone) && audience.Phones.Count == 0)
                {
                    _audiences.Remove(key);
                }
                return _audiences.Count == 0;
            }
        }

        /// <summary>Each audience with its phones as they are now, and whether each is new (which it no longer is after this).</summary>
        public List<(Audience Audience, List<(Phone Phone, bool New)> Phones)> List()
        {
            lock (_gate)
            {
                return [.. _audiences.Values.Select(a => (a, a.Phones.Select(p =>
                {
                    var wasNew = p.New;
                    p.New = false;
                    return (p, wasNew);
                }).ToList()))];
            }
        }

        public void Dispose()
        {
            _subscription.Dispose();
            Signal.Dispose();
        }
    }

    private sealed class Subscription(PhoneWatch owner, Room room, Phone phone) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(room, phone);
            }
        }
    }
}
