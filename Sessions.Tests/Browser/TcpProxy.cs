using System.Net;
using System.Net.Sockets;

namespace Sessions.Tests.Browser;

/// <summary>
/// A loopback TCP forwarder in front of the app that a test controls, to play venue Wi-Fi (offline emulation alone
/// leaves an open WebSocket open). Two ways to lose the network:
/// <list type="bullet">
/// <item><see cref="Drop"/>: every open connection is reset and new ones are refused, as when the phone leaves the
/// Wi-Fi and knows it (the browser sees the socket close at once).</item>
/// <item><see cref="Stall"/>: nothing moves any more, but no socket is closed, as when the access point stops
/// forwarding or the phone walks out of range: the browser learns nothing from the network and only a timeout of
/// its own tells it the connection is gone. What was in flight is held and delivered if the network comes back
/// first, as TCP's retransmissions would.</item>
/// </list>
/// The target can change, so a restarted server on another port is reached through the same address.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Connection> _open = [];
    private readonly Lock _lock = new();
    private readonly Task _accepting;
    private volatile bool _down;

    // Completed while bytes flow; a new, pending one while the network is stalled.
    private volatile TaskCompletionSource _flowing = Flowing();

    public TcpProxy(Uri target)
    {
        Target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Where connections go.</summary>
    public Uri Target { get; set; }

    /// <summary>The proxy's own address, for the browser.</summary>
    public string RootUri => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Cuts every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Drop()
    {
        _down = true;
        List<Connection> open;
        lock (_lock)
        {
            open = [.. _open];
            _open.Clear();
        }
        foreach (var connection in open)
        {
            connection.Reset();
        }
    }

    /// <summary>
    /// Stops forwarding anything, in either direction, on open and on new connections, without closing a socket:
    /// a silent loss of the network, until <see cref="Restore"/> (which delivers what was held) or <see cref="Drop"/>.
    /// </summary>
    public void Stall()
    {
        lock (_lock)
        {
            if (_flowing.Task.IsCompleted)
            {
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>The network is back: new connections are accepted and a stalled one moves again.</summary>
    public void Restore()
    {
        _down = false;
        _flowing.TrySetResult();
    }

    /// <summary>Drops the network for a while, then brings it back.</summary>
    public async Task OutageAsync(TimeSpan length)
    {
        Drop();
        await Task.Delay(length);
        Restore();
    }

    private static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            if (_down)
            {
                Connection.Reset(client);
                continue;
            }
            _ = ForwardAsync(new Connection(client, _stop.Token));
        }
    }

    private async Task ForwardAsync(Connection connection)
    {
        lock (_lock)
        {
            _open.Add(connection);
        }
        try
        {
            // A connection opened while the network is stalled hangs, as a SYN that gets no answer would.
            await _flowing.Task.WaitAsync(connection.Token);
            await connection.Server.ConnectAsync(Target.Host, Target.Port, connection.Token);
            var client = connection.Client.GetStream();
            var server = connection.Server.GetStream();
            await Task.WhenAny(PumpAsync(client, server, connection.Token), PumpAsync(server, client, connection.Token));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException or InvalidOperationException)
        {
            // The connection was cut: by Drop, by either side, or the server is not there.
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(connection);
            }
            connection.Reset();
            connection.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        for (;;)
        {
            var read = await from.ReadAsync(buffer, cancellationToken);
            // Held while the network is stalled: the bytes, and also the news that one side closed.
            await _flowing.Task.WaitAsync(cancellationToken);
            if (read == 0)
            {
                return;
            }
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Drop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    /// <summary>A browser's connection and the proxy's own to the server.</summary>
    private sealed class Connection(TcpClient client, CancellationToken stop) : IDisposable
    {
        private readonly CancellationTokenSource _cut = CancellationTokenSource.CreateLinkedTokenSource(stop);
        private int _reset;

        public TcpClient Client { get; } = client;

        public TcpClient Server { get; } = new();

        public CancellationToken Token => _cut.Token;

        /// <summary>Closes both sides with a reset (no orderly goodbye the browser could wait for); once.</summary>
        public void Reset()
        {
            if (Interlocked.Exchange(ref _reset, 1) == 1)
            {
                return;
            }
            try
            {
                _cut.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Its forwarding ended at the same moment.
            }
            Reset(Client);
            Server.Dispose();
        }

        /// <summary>After <see cref="Reset"/>, when nothing waits on <see cref="Token"/> any more.</summary>
        public void Dispose() => _cut.Dispose();

        public static void Reset(TcpClient client)
        {
            try
            {
                client.Client.LingerState = new LingerOption(true, 0);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed by the other side.
            }
            client.Dispose();
        }
    }
}
