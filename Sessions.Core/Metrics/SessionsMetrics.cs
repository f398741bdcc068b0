using System.Diagnostics;
using System.Diagnostics.Metrics;
using Sessions.Core.Domain;
using Sessions.Core.Events;
using Sessions.Core.Services;

namespace Sessions.Core.Metrics;

/// <summary>
/// The app's own figures, on the meter <c>Sessions</c>. Names follow OpenTelemetry's dotted style; a
/// Prometheus scrape shows them as <c>sessions_*</c> (<c>sessions_answers_accepted_total</c>,
/// <c>sessions_write_commit_duration_seconds</c>, ...). Every figure is per app server.
/// </summary>
public sealed class SessionsMetrics
{
    public const string MeterName = "Sessions";

    // Seconds: from a millisecond commit on a quiet SQLite file to a slow PostgreSQL under load.
    private static readonly double[] s_durationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    // Screens render at most every ScreenRefreshMilliseconds (100 ms by default): the lag starts there.
    private static readonly double[] s_lagBuckets = [0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5];

    // Commands per commit, up to SessionWriter.MaxBatch.
    private static readonly int[] s_batchBuckets = [1, 2, 3, 5, 10, 20, 50, 100];

    private readonly Counter<long> _answersAccepted;
    private readonly Counter<long> _answersRefused;
    private readonly Counter<long> _ballotsAccepted;
    private readonly Counter<long> _ballotsRefused;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<double> _refreshLag;
    private readonly Histogram<double> _reportDuration;

    public SessionsMetrics(IMeterFactory meterFactory, ISessionEvents events, PresenceTracker presence)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "sessions.active",
            () => events.WatchedSessions().Count,
            unit: "{session}",
            description: "Sessions that a screen or hub client on this server follows now.");
        meter.CreateObservableGauge(
            "sessions.participants.online",
            () => presence.OnlineCount,
            unit: "{participant}",
            description: "Participants with a phone screen open on this server.");
        _answersAccepted = meter.CreateCounter<long>("sessions.answers.accepted", unit: "{answer}",
            description: "Answers written and stored (a resubmitted answer counts again).");
        _answersRefused = meter.CreateCounter<long>("sessions.answers.refused", unit: "{answer}",
            description: "Answers refused; the tag reason says why (conflict: the question does not collect, too_many_requests: rate limit, invalid, unauthorized, not_found, failed).");
        _ballotsAccepted = meter.CreateCounter<long>("sessions.ballots.accepted", unit: "{ballot}",
            description: "Ballots taken (including one that changes nothing, and one overtaken by a newer revision).");
        _ballotsRefused = meter.CreateCounter<long>("sessions.ballots.refused", unit: "{ballot}",
            description: "Ballots refused; the tag reason says why (invalid: over the budget or cap, conflict: voting is not open, too_many_requests, unauthorized, not_found, failed).");
        _batchSize = meter.CreateHistogram("sessions.write.batch.size", unit: "{command}",
            description: "Commands of one session committed in one transaction by the writer's group commit.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = s_batchBuckets });
        _commitDuration = meter.CreateHistogram("sessions.write.commit.duration", unit: "s",
            description: "From the start of a batch's transaction to its commit: the commands, the row lock and the commit (fsync).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
        _refreshLag = meter.CreateHistogram("sessions.screen.refresh.lag", unit: "s",
            description: "From a change reaching a screen's circuit to that screen rendering it (includes the coalescing wait); the tag screen is board, console or phone (for phones: from the change reaching the session's phone watch to the phones whose view changed being handed it).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_lagBuckets });
        _reportDuration = meter.CreateHistogram("sessions.report.render.duration", unit: "s",
            description: "Time to render one report download, by format (waiting for a turn not included).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
    }

    public void AnswerAccepted() => _answersAccepted.Add(1);

    public void AnswerRefused(Exception reason) => _answersRefused.Add(1, Reason(reason));

    public void BallotAccepted() => _ballotsAccepted.Add(1);

    public void BallotRefused(Exception reason) => _ballotsRefused.Add(1, Reason(reason));

    public void BatchCommitted(int commands, TimeSpan duration)
    {
        _batchSize.Record(commands);
        _commitDuration.Record(duration.TotalSeconds);
    }

    /// <summary>A screen of the kind <paramref name="screen"/> (board, console, phone) showed a change <paramref name="lag"/> after it came.</summary>
    public void ScreenRefreshed(string screen, TimeSpan lag) =>
        _refreshLag.Record(lag.TotalSeconds, new KeyValuePair<string, object?>("screen", screen));

    public void ReportRendered(string format, TimeSpan duration) =>
        _reportDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("format", format));

    /// <summary>A refusal's kind, a small fixed set of values; anything but a rule the app checks is "failed".</summary>
    public static string ReasonOf(Exception exception) => exception switch
    {
        SessionRuleException rule => rule.Error switch
        {
            SessionError.Invalid => "invalid",
            SessionError.NotFound => "not_found",
            SessionError.Unauthorized => "unauthorized",
            SessionError.Forbidden => "forbidden",
            SessionError.Conflict => "conflict",
            SessionError.TooManyRequests => "too_many_requests",
            SessionError.TooLarge => "too_large",
            _ => "invalid",
        },
        OperationCanceledException => "cancelled",
        _ => "failed",
    };

    private static KeyValuePair<string, object?> Reason(Exception exception) => new("reason", ReasonOf(exception));

    /// <summary>Times a piece of work without allocating.</summary>
    public static long Start() => Stopwatch.GetTimestamp();

    public static TimeSpan Since(long start) => Stopwatch.GetElapsedTime(start);
}
