using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sessions.Core.Data;

namespace Sessions.Tests.Support;

/// <summary>
/// The one factory of the real app in a test, in Development. In memory (TestServer: CreateClient, Server) unless
/// started with <see cref="OnKestrel"/>, which puts it on a free loopback port for a real browser, a WebSocket of
/// the network stack or a second server. On a database of its own (a SQLite file, or a PostgreSQL database, deleted
/// when the factory is disposed) unless given one to share with other servers.
/// </summary>
public sealed class SessionsAppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase? _database;
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private bool _kestrel;
    private string? _root;
    private HttpClient? _http;

    /// <param name="settings">Configuration for this app (keys as in appsettings.json, "Sessions:Defaults:DotsPerParticipant").</param>
    /// <param name="provider">The engine of its own database; ignored with <paramref name="sharedDatabase"/>.</param>
    /// <param name="services">Services changed for one kind of test (a short circuit retention, say).</param>
    /// <param name="sharedDatabase">A connection string to a database another server (or the test) owns and deletes.</param>
    public SessionsAppFactory(
        IReadOnlyDictionary<string, string?>? settings = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite,
        Action<IServiceCollection>? services = null,
        string? sharedDatabase = null)
    {
        _database = sharedDatabase is null ? new TestDatabase(provider) : null;
        _connectionString = sharedDatabase ?? _database!.ConnectionString;
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
    }

    public SessionsAppFactory()
        : this(null)
    {
    }

    public SessionsAppFactory(DatabaseProvider provider)
        : this(null, provider)
    {
    }

    /// <summary>The app on Kestrel on a free loopback port, started: its address is <see cref="RootUri"/>.</summary>
    public static SessionsAppFactory OnKestrel(
        Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null, string? sharedDatabase = null)
    {
        var app = new SessionsAppFactory(settings, DatabaseProvider.Sqlite, services, sharedDatabase) { _kestrel = true };
        try
        {
            app.UseKestrel(0);
            app.StartServer();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            app._root = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>The database of its own (not there when it shares one).</summary>
    public TestDatabase Database => _database ?? throw new InvalidOperationException("This app shares a database it does not own.");

    /// <summary>The app's address on Kestrel, without a trailing slash.</summary>
    public string RootUri => _root ?? throw new InvalidOperationException("Only an app started with OnKestrel has an address on the network.");

    /// <summary>A client over the network to <see cref="RootUri"/>, disposed with the app.</summary>
    public HttpClient Http => _http ??= new HttpClient { BaseAddress = new Uri(RootUri) };

    /// <summary>What the app logged at Information and above.</summary>
    public LogRecorder Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development: static web assets (MudBlazor, blazor.web.js) come from the build's manifest.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Sessions", _connectionString);
        if (_kestrel)
        {
            builder.UseSetting("urls", "http://127.0.0.1:0");
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }

    public override async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await base.DisposeAsync();
        _database?.Dispose();
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
