using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using static System.FormattableString;

namespace Sessions.Bench;

/// <summary>
/// What a keep-alive ping every second costs a server with a room of idle connections (issue 14: a phone tells a
/// silent network within 2 s because the circuit hub pings each second). A bare SignalR hub in a process of its
/// own, with SignalR's default KeepAliveInterval (15 s) and with the app's circuit setting (900 ms), holds N
/// WebSocket connections that only listen; the server's CPU time over the same span is compared, and each
/// connection counts the frames it receives (the pings), which shows the rate the setting gives.
/// </summary>
public static class KeepAliveBenchmark
{
    private const char Separator = '\u001e';

    public static async Task RunAsync(string[] args)
    {
        var connections = int.Parse(Option(args, "--connections", "2000"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option(args, "--seconds", "30"), CultureInfo.InvariantCulture);
        AppProcess.WarnIfDebug();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {connections} idle connections, {seconds} s measured per setting.");
        Console.WriteLine();
        Console.WriteLine("| KeepAliveInterval | server CPU (ms per s) | % of one core | frames per connection per s | machine busy |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        var results = new List<(double CpuPerSecond, double FramesPerSecond)>();
        foreach (var interval in new[] { TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(900) })
        {
            await using var server = await BareSignalR.StartAsync(interval);
            using var stop = new CancellationTokenSource();
            var frames = new long[connections];
            var sockets = new List<ClientWebSocket>();
            var listeners = new List<Task>();
            for (var i = 0; i < connections; i += 100)
            {
                var batch = await Task.WhenAll(Enumerable.Range(i, Math.Min(100, connections - i)).Select(async n =>
                {
                    var socket = await ConnectAsync(new Uri(server.Root, "bare"), stop.Token);
                    return (n, socket);
                }));
                foreach (var (n, socket) in batch)
                {
                    sockets.Add(socket);
                    listeners.Add(ListenAsync(socket, frames, n, stop.Token));
                }
            }
            // Settle after the connections opened, then measure a span of idle room.
            await Task.Delay(3000);
            var process = Process.GetProcessById(server.ProcessId);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var framesBefore = frames.Sum();
            var machineBefore = MachineCpu.Read();
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            var elapsed = clock.Elapsed.TotalSeconds;
            var received = frames.Sum() - framesBefore;
            var machine = MachineCpu.Read().BusyPercentSince(machineBefore);
            var perSecond = cpuMs / elapsed;
            results.Add((perSecond, received / elapsed));
            Console.WriteLine(Invariant($"| {interval.TotalMilliseconds:F0} ms | {perSecond:F1} | {perSecond / 10:F1}% | {received / elapsed / connections:F2} | {machine:F0}% |"));
            await stop.CancelAsync();
            foreach (var socket in sockets)
            {
                socket.Abort();
                socket.Dispose();
            }
            await Task.WhenAll(listeners);
        }
        var (slow, fast) = (results[0], results[1]);
        Console.WriteLine();
        Console.WriteLine(Invariant($"Pings every second instead of every 15 s: +{fast.CpuPerSecond - slow.CpuPerSecond:F1} ms of server CPU per second for {connections} connections, {(fast.CpuPerSecond - slow.CpuPerSecond) * 1000 / Math.Max(1, fast.FramesPerSecond - slow.FramesPerSecond):F1} µs per extra ping."));
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri hub, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        var address = new UriBuilder(hub) { Scheme = "ws" }.Uri;
        await socket.ConnectAsync(address, cancellationToken);
        // SignalR's handshake; then the connection only listens, and says something every 10 s so the server's
        // client timeout (30 s) does not close it.
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}", cancellationToken);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string message, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message + Separator), WebSocketMessageType.Text, true, cancellationToken);

    private static async Task ListenAsync(ClientWebSocket socket, long[] frames, int index, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        var lastSent = Stopwatch.StartNew();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                if (result.EndOfMessage)
                {
                    // One SignalR message per frame here: the handshake's answer, then pings ({"type":6}).
                    Interlocked.Increment(ref frames[index]);
                }
                if (lastSent.Elapsed > TimeSpan.FromSeconds(10))
                {
                    lastSent.Restart();
                    await SendAsync(socket, "{\"type\":6}", cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
