using StackExchange.Redis;

namespace Sessions.App.Realtime;

/// <summary>
/// The one connection to Redis of this server, shared by the session events and the SignalR backplane.
/// It never stops the app: Redis may be down at start-up or go away later; the multiplexer keeps
/// reconnecting, this class says so in the log and tells the events when the link is back.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly ILogger<RedisConnection> _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly HashSet<ConnectionType> _down = [];
    private DateTimeOffset? _lostAt;

    public RedisConnection(ConfigurationOptions options, ILogger<RedisConnection> logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        Endpoint = string.Join(", ", options.EndPoints.Select(e => e.ToString()));
        // AbortOnConnectFail is false (see ScaleOutExtensions), so this returns while Redis is down.
        Multiplexer = ConnectionMultiplexer.Connect(options);
        Multiplexer.ConnectionFailed += OnConnectionFailed;
        Multiplexer.ConnectionRestored += OnConnectionRestored;
        if (!Multiplexer.IsConnected)
        {
            lock (_gate)
            {
                _down.Add(ConnectionType.Interactive);
                _down.Add(ConnectionType.Subscription);
                _lostAt = _time.GetUtcNow();
            }
            _logger.LogWarning(
                "Redis at {Endpoint} does not answer: this server serves its own screens, but changes made on other servers reach them only once Redis is back",
                Endpoint);
        }
    }

    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>Where Redis is expected, for messages (host and port, never a password).</summary>
    public string Endpoint { get; }

    /// <summary>True while both the command and the subscription link to Redis are up.</summary>
    public bool IsAvailable
    {
        get
        {
            lock (_gate)
            {
                return _down.Count == 0 && Multiplexer.IsConnected;
            }
        }
    }

    /// <summary>Since when Redis has been unreachable; null while it is reachable.</summary>
    public DateTimeOffset? UnavailableSince
    {
        get
        {
            lock (_gate)
            {
                return _lostAt;
            }
        }
    }

    /// <summary>
    /// Raised when every link to Redis is back after an outage: events of other servers may have been
    /// missed, and changes made here meanwhile can be announced now.
    /// </summary>
    public event Action? Restored;

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        bool first;
        lock (_gate)
        {
            first = _down.Count == 0;
            _down.Add(e.ConnectionType);
            _lostAt ??= _time.GetUtcNow();
        }
        if (first)
        {
            _logger.LogWarning(
                "Lost the connection to Redis at {Endpoint} ({FailureType}): this server keeps serving its own screens; changes made on other servers reach them once Redis is back",
                Endpoint, e.FailureType);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        bool allBack;
        DateTimeOffset? lostAt;
        lock (_gate)
        {
            _down.Remove(e.ConnectionType);
            allBack = _down.Count == 0;
            lostAt = _lostAt;
            if (allBack)
            {
                _lostAt = null;
            }
        }
        if (allBack && lostAt is { } since)
        {
            _logger.LogInformation(
                "The connection to Redis at {Endpoint} is restored after {Seconds:0.0} s; catching up on changes made on other servers meanwhile",
                Endpoint, (_time.GetUtcNow() - since).TotalSeconds);
            Restored?.Invoke();
        }
    }

    public void Dispose()
    {
        Multiplexer.ConnectionFailed -= OnConnectionFailed;
        Multiplexer.ConnectionRestored -= OnConnectionRestored;
        Multiplexer.Dispose();
    }
}
