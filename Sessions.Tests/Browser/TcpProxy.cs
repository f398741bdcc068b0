using System.Net;
using System.Net.Sockets;

namespace Sessions.Tests.Browser;

/// <summary>
/// A loopback TCP forwarder in front of the app that a test controls: it can cut every open connection and
/// refuse new ones for a while, as venue Wi-Fi does (offline emulation alone leaves an open WebSocket open).
/// The target can change, so a restarted server on another port is reached through the same address.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Client, TcpClient Server)> _open = [];
    private readonly Lock _lock = new();
    private readonly Task _accepting;
    private volatile bool _down;

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
        List<(TcpClient Client, TcpClient Server)> open;
        lock (_lock)
        {
            open = [.. _open];
            _open.Clear();
        }
        foreach (var (client, server) in open)
        {
            // A reset, as when the Wi-Fi goes: no orderly goodbye the browser could wait for.
            client.Client.LingerState = new LingerOption(true, 0);
            client.Dispose();
            server.Dispose();
        }
    }

    public void Restore() => _down = false;

    /// <summary>Drops the network for a while, then brings it back.</summary>
    public async Task OutageAsync(TimeSpan length)
    {
        Drop();
        await Task.Delay(length);
        Restore();
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
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            if (_down)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(Target.Host, Target.Port, _stop.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Dispose();
            server.Dispose();
            return;
        }
        lock (_lock)
        {
            _open.Add((client, server));
        }
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        try
        {
            var up = client.GetStream().CopyToAsync(server.GetStream(), done.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), done.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The connection was cut (by Drop, or by either side).
        }
        finally
        {
            await done.CancelAsync();
            lock (_lock)
            {
                _open.Remove((client, server));
            }
            client.Dispose();
            server.Dispose();
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
}
