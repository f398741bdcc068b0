using Microsoft.AspNetCore.SignalR.Client;
using Sessions.App.Hubs;
using Sessions.Core.Services;

namespace Sessions.Tests.ScaleOut;

/// <summary>A SignalR client watching one session on one server, as a script or load tool would.</summary>
public sealed class HubWatcher : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Lock _gate = new();
    private long _latest;

    private HubWatcher(HubConnection connection) => _connection = connection;

    public long Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    public static async Task<HubWatcher> WatchAsync(string rootUri, string joinCode)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(rootUri + SessionHub.Path)).Build();
        var watcher = new HubWatcher(connection);
        connection.On<SessionChangedMessage>(nameof(ISessionClient.SessionChanged), message =>
        {
            lock (watcher._gate)
            {
                if (message.JoinCode == joinCode)
                {
                    watcher._latest = Math.Max(watcher._latest, message.Version);
                }
            }
        });
        await connection.StartAsync();
        var state = await connection.InvokeAsync<PublicSessionState>("Watch", joinCode);
        Assert.Equal(joinCode, state.JoinCode);
        return watcher;
    }

    /// <summary>Waits for a SessionChanged message at or beyond a version.</summary>
    public async Task SeesAsync(long version, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Latest < version)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The hub watcher never heard version {version} ({what}); it heard {Latest}.");
            await Task.Delay(25);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
