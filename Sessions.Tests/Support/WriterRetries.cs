using Microsoft.Extensions.Logging;
using Sessions.Core.Services;

namespace Sessions.Tests.Support;

/// <summary>Counts how often SessionWriter had to retry a command because the session changed underneath it.</summary>
public sealed class WriterRetries : ILoggerProvider
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ILogger CreateLogger(string categoryName) =>
        categoryName == typeof(SessionWriter).FullName ? new Counter(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Counter(WriterRetries owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains("retrying", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref owner._count);
            }
        }
    }
}
