using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sessions.Tests.ScaleOut;

/// <summary>
/// One app server of several: the real app on Kestrel on a free port, with the database and Redis
/// it is given, and its log kept for the test to read.
/// </summary>
public sealed class ScaleOutApp : WebApplicationFactory<Program>
{
    private readonly string _database;
    private readonly string _redis;

    public ScaleOutApp(string name, string database, string redis)
    {
        Name = name;
        _database = database;
        _redis = redis;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        RootUri = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(RootUri) };
    }

    public string Name { get; }
    public string RootUri { get; }
    public HttpClient Http { get; }
    public LogRecorder Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development: static web assets (MudBlazor, blazor.web.js) come from the build's manifest.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Sessions", _database);
        builder.UseSetting("ConnectionStrings:Redis", _redis);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Sessions:RateLimits:AnswerBurst", "100000");
        builder.UseSetting("Sessions:RateLimits:BallotBurst", "100000");
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Http.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>Keeps what the app logs at Information and above, to assert on.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._entries.Enqueue((logLevel, category, formatter(state, exception)));
            }
        }
    }
}
