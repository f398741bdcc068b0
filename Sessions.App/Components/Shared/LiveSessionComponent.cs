using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Sessions.App.Realtime;
using Sessions.Core.Domain;
using Sessions.Core.Events;
using Sessions.Core.Metrics;
using Sessions.Core.Services;

namespace Sessions.App.Components.Shared;

/// <summary>
/// The one way a screen follows a session: subscribe once, and on every change re-read the shared
/// snapshot at the event's version and render. A burst of changes is coalesced into few renders;
/// disposing unsubscribes, so a closed screen never renders again.
/// </summary>
public abstract class LiveSessionComponent : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private CoalescingSignal? _signal;
    private Guid _sessionId;
    private long _latestVersion;
    private volatile bool _deleted;
    // When the oldest change this screen has not rendered yet reached it (a Stopwatch timestamp; 0: none pending).
    private long _pendingSince;
    private bool _disposed;
    private CultureInfo _culture = CultureInfo.CurrentCulture;
    private CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    [Inject] protected ISessionEvents Events { get; set; } = default!;
    [Inject] protected SessionReader Reader { get; set; } = default!;
    [Inject] protected IOptions<RealtimeOptions> Realtime { get; set; } = default!;
    // Resolved lazily and optional: a component test need not register the metrics.
    [Inject] private IServiceProvider Services { get; set; } = default!;

    /// <summary>The state this screen shows; null until loaded, or when the session is gone.</summary>
    protected SessionSnapshot? Snapshot { get; private set; }

    /// <summary>The version of the state this screen holds, whether or not it rendered it (tests wait for it).</summary>
    internal long HeldVersion => Snapshot?.Version ?? 0;

    /// <summary>True once the session was deleted (or never existed).</summary>
    protected bool SessionGone { get; private set; }

    /// <summary>Starts following a session and loads its current state.</summary>
    protected async Task WatchAsync(Guid sessionId)
    {
        if (_subscription is not null && _sessionId == sessionId)
        {
            return;
        }
        _subscription?.Dispose();
        _signal?.Dispose();
        _signal = null;
        _sessionId = sessionId;
        // The change that wakes this screen comes from someone else's request, with their culture
        // flowing along: render in this screen's own language, captured here on its own circuit.
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        _subscription = Follow(sessionId);
        await LoadAsync(() => Reader.GetAsync(sessionId));
    }

    /// <summary>
    /// How this screen hears of changes: by default every change of the session, coalesced, after which it re-reads
    /// the snapshot and renders. A screen that shows only part of the session (a phone) may follow it through a
    /// filter instead, which hands it (<see cref="Show"/>) the snapshots that change what it shows.
    /// </summary>
    protected virtual IDisposable Follow(Guid sessionId)
    {
        _signal = new CoalescingSignal(
            () => InvokeInOwnCultureAsync(RefreshAsync),
            TimeSpan.FromMilliseconds(Realtime.Value.ScreenRefreshMilliseconds),
            ex => _ = DispatchExceptionAsync(ex));
        return Events.Subscribe(sessionId, OnSessionChanged);
    }

    /// <summary>Follows the session anew: what <see cref="Follow"/> depends on (who the phone is) has changed.</summary>
    protected void FollowAgain()
    {
        if (_subscription is null || _disposed)
        {
            return;
        }
        _subscription.Dispose();
        _signal?.Dispose();
        _signal = null;
        _subscription = Follow(_sessionId);
    }

    /// <summary>Shows a snapshot handed over by what this screen follows (null: the session is gone); callable from any thread.</summary>
    protected void Show(SessionSnapshot? snapshot) => _ = ShowAsync(snapshot);

    private async Task ShowAsync(SessionSnapshot? snapshot)
    {
        if (_disposed)
        {
            return;
        }
        try
        {
            await InvokeInOwnCultureAsync(() => AdoptAsync(snapshot));
        }
        catch (Exception ex) when (!_disposed)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task AdoptAsync(SessionSnapshot? snapshot)
    {
        if (_disposed)
        {
            return;
        }
        if (snapshot is null)
        {
            Snapshot = null;
            SessionGone = true;
        }
        else if (Snapshot is null || snapshot.Version >= Snapshot.Version)
        {
            Snapshot = snapshot;
            await OnSnapshotAsync(snapshot);
        }
        StateHasChanged();
    }

    /// <summary>Runs work on this component's dispatcher in this screen's own culture (for callbacks from other threads).</summary>
    protected Task InvokeInOwnCultureAsync(Func<Task> work) =>
        InvokeAsync(() =>
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
            return work();
        });

    /// <summary>What kind of screen this is, for the refresh-lag metric (board, console, phone).</summary>
    protected abstract string ScreenKind { get; }

    /// <summary>Called after each new snapshot, before rendering.</summary>
    protected virtual Task OnSnapshotAsync(SessionSnapshot snapshot) => Task.CompletedTask;

    /// <summary>Re-reads the state at once (after this screen's own command, say).</summary>
    protected Task ReloadAsync() => _subscription is null ? Task.CompletedTask : LoadAsync(() => Reader.GetAsync(_sessionId));

    private void OnSessionChanged(SessionChanged change)
    {
        // Marked before the signal: the refresh it causes reads the database, where the session is gone.
        if (change.Deleted)
        {
            _deleted = true;
        }
        NewestVersion.Raise(ref _latestVersion, change.Version);
        Interlocked.CompareExchange(ref _pendingSince, SessionsMetrics.Start(), 0);
        _signal?.Signal();
    }

    private async Task RefreshAsync()
    {
        if (_disposed)
        {
            return;
        }
        var pendingSince = Interlocked.Exchange(ref _pendingSince, 0);
        var version = Interlocked.Read(ref _latestVersion);
        await LoadAsync(() => _deleted ? Reader.GetAsync(_sessionId) : Reader.GetAsync(_sessionId, version));
        StateHasChanged();
        if (pendingSince != 0)
        {
            Services.GetService<SessionsMetrics>()?.ScreenRefreshed(ScreenKind, SessionsMetrics.Since(pendingSince));
        }
    }

    private async Task LoadAsync(Func<Task<SessionSnapshot>> read)
    {
        try
        {
            var snapshot = await read();
            if (Snapshot is null || snapshot.Version >= Snapshot.Version)
            {
                Snapshot = snapshot;
                await OnSnapshotAsync(snapshot);
            }
        }
        catch (SessionRuleException ex) when (ex.Error == SessionError.NotFound)
        {
            Snapshot = null;
            SessionGone = true;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (disposing)
        {
            _subscription?.Dispose();
            _signal?.Dispose();
        }
    }
}
