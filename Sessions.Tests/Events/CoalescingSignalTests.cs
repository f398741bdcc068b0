using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Sessions.Core.Events;

namespace Sessions.Tests.Events;

/// <summary>
/// The signal behind every live screen, on a clock the test moves by hand: nothing here waits for time to pass, and a
/// "nothing more happened" is read from the signal going idle, after which nothing runs until it is signalled again.
/// </summary>
public sealed class CoalescingSignalTests : IDisposable
{
    private static readonly TimeSpan s_window = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(10);

    private readonly Clock _clock = new();
    private readonly Work _work = new();
    private readonly List<Exception> _errors = [];
    private readonly CoalescingSignal _signal;

    public CoalescingSignalTests() => _signal = new CoalescingSignal(_work.RunAsync, s_window, ex => { lock (_errors) { _errors.Add(ex); } }, _clock);

    public void Dispose() => _signal.Dispose();

    /// <summary>A manual clock that says when a delay is armed on it, and for how long.</summary>
    private sealed class Clock : FakeTimeProvider
    {
        private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

        private int _armedCount;

        public int Armed => Volatile.Read(ref _armedCount);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _armedCount);
            _armed.Writer.TryWrite(dueTime);
            return base.CreateTimer(callback, state, dueTime, period);
        }

        public async Task<TimeSpan> NextDelayAsync() => await _armed.Reader.ReadAsync().AsTask().WaitAsync(s_patience);
    }

    /// <summary>The work: each run reads the latest value, says it started, and ends when the test lets it.</summary>
    private sealed class Work
    {
        private readonly Channel<Run> _started = Channel.CreateUnbounded<Run>();
        private int _runs;

        private int _latest;

        public int Latest
        {
            get => Volatile.Read(ref _latest);
            set => Volatile.Write(ref _latest, value);
        }

        public int Runs => Volatile.Read(ref _runs);

        public List<int> Seen { get; } = [];

        public Exception? Throw { get; set; }

        public async Task RunAsync()
        {
            Interlocked.Increment(ref _runs);
            lock (Seen)
            {
                Seen.Add(Latest);
            }
            var run = new Run();
            _started.Writer.TryWrite(run);
            await run.Finished.Task.ConfigureAwait(false);
            if (Throw is { } error)
            {
                throw error;
            }
        }

        public async Task<Run> NextAsync() => await _started.Reader.ReadAsync().AsTask().WaitAsync(s_patience);
    }

    private sealed class Run
    {
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Finish() => Finished.SetResult();
    }

    private async Task IdleAsync()
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (_signal.Busy)
        {
            Assert.True(DateTime.UtcNow < deadline, "the signal never went idle");
            await Task.Yield();
        }
    }

    [Fact]
    public async Task The_first_signal_after_a_quiet_spell_runs_at_once()
    {
        _signal.Signal();

        (await _work.NextAsync()).Finish();
        await IdleAsync();
        Assert.Equal(1, _work.Runs);
        Assert.Equal(0, _clock.Armed);

        _clock.Advance(s_window);
        _signal.Signal();

        (await _work.NextAsync()).Finish();
        await IdleAsync();
        Assert.Equal(2, _work.Runs);
        Assert.Equal(0, _clock.Armed);
    }

    [Fact]
    public async Task A_burst_during_a_run_becomes_one_more_run_when_the_window_has_passed()
    {
        _signal.Signal();
        var first = await _work.NextAsync();
        for (var i = 0; i < 500; i++)
        {
            _signal.Signal();
        }
        first.Finish();

        Assert.Equal(s_window, await _clock.NextDelayAsync());
        _clock.Advance(s_window - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _work.Runs);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        (await _work.NextAsync()).Finish();
        await IdleAsync();
        Assert.Equal(2, _work.Runs);
        Assert.Equal(1, _clock.Armed);
    }

    [Fact]
    public async Task A_signal_soon_after_a_run_waits_for_the_rest_of_its_window()
    {
        _signal.Signal();
        (await _work.NextAsync()).Finish();
        await IdleAsync();

        _clock.Advance(TimeSpan.FromMilliseconds(30));
        _signal.Signal();

        Assert.Equal(TimeSpan.FromMilliseconds(70), await _clock.NextDelayAsync());
        Assert.Equal(1, _work.Runs);
        _clock.Advance(TimeSpan.FromMilliseconds(70));
        (await _work.NextAsync()).Finish();
        await IdleAsync();
        Assert.Equal(2, _work.Runs);
    }

    [Fact]
    public async Task The_last_change_is_never_lost()
    {
        _work.Latest = 1;
        _signal.Signal();
        var first = await _work.NextAsync();
        for (var value = 2; value <= 5; value++)
        {
            _work.Latest = value;
            _signal.Signal();
        }
        first.Finish();
        await _clock.NextDelayAsync();
        // A change while the next run waits for its window is in that run.
        _work.Latest = 6;
        _signal.Signal();
        _clock.Advance(s_window);
        var second = await _work.NextAsync();
        // A change that comes after a run has read the state gets a run of its own.
        _work.Latest = 7;
        _signal.Signal();
        second.Finish();
        await _clock.NextDelayAsync();
        _clock.Advance(s_window);
        (await _work.NextAsync()).Finish();
        await IdleAsync();

        Assert.Equal([1, 6, 7], _work.Seen);
    }

    [Fact]
    public async Task A_failed_run_is_reported_and_the_next_signal_runs_again()
    {
        _work.Throw = new InvalidOperationException("render failed");
        _signal.Signal();
        (await _work.NextAsync()).Finish();
        await IdleAsync();
        Assert.Equal("render failed", Assert.Single(_errors).Message);

        _work.Throw = null;
        _clock.Advance(s_window);
        _signal.Signal();
        (await _work.NextAsync()).Finish();
        await IdleAsync();
        Assert.Equal(2, _work.Runs);
        Assert.Single(_errors);
    }

    [Fact]
    public async Task Once_disposed_a_waiting_run_is_dropped_and_no_signal_runs_again()
    {
        _signal.Signal();
        var first = await _work.NextAsync();
        _signal.Signal();
        first.Finish();
        await _clock.NextDelayAsync();

        _signal.Dispose();
        _clock.Advance(s_window);
        await IdleAsync();
        _signal.Signal();

        // Signal returns having started nothing: no run, no delay armed, nothing left busy.
        Assert.False(_signal.Busy);
        Assert.Equal(1, _work.Runs);
        Assert.Equal(1, _clock.Armed);
    }

    [Fact]
    public async Task Disposed_during_a_run_the_signals_it_had_queued_are_dropped()
    {
        _signal.Signal();
        var first = await _work.NextAsync();
        _signal.Signal();

        _signal.Dispose();
        first.Finish();
        await IdleAsync();

        Assert.Equal(1, _work.Runs);
        Assert.Equal(0, _clock.Armed);
    }
}
