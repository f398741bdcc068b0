using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sessions.Tests.ScaleOut;

/// <summary>
/// Redis for the scale-out tests. <see cref="SharedConfiguration"/> is the one `./test.sh` starts
/// (SESSIONS_TEST_REDIS); a test that stops and restarts Redis starts its own redis-server instead,
/// on a free port, with <see cref="StartOwnAsync"/>. Tests marked [Needs] are skipped with the reason
/// when Redis is not there under plain `dotnet test`; under ./test.sh (SESSIONS_TEST_REQUIRE_SERVERS) they fail instead.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string Variable = "SESSIONS_TEST_REDIS";
    public const string Binary = "/usr/bin/redis-server";

    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>A configuration string for this server, with a channel prefix of its own so tests sharing a Redis never hear each other.</summary>
    public string Configuration(string channelPrefix) => $"127.0.0.1:{Port},channelPrefix={channelPrefix}";

    /// <summary>The shared Redis of the test run, with a channel prefix of the caller's own.</summary>
    public static string SharedConfiguration(string channelPrefix)
    {
        var address = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(address))
        {
            throw new InvalidOperationException(
                $"This test needs Redis: set {Variable} (for example 127.0.0.1:56379 after `scripts/redis.sh start`), or run ./test.sh, which does both.");
        }
        return $"{address},channelPrefix={channelPrefix}";
    }

    /// <summary>A redis-server of the test's own on a free loopback port: no persistence, stopped on dispose.</summary>
    public static async Task<RedisServer> StartOwnAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"This test starts its own Redis and needs {Binary}: run `scripts/redis.sh start` once (it installs Debian's redis-server), or ./test.sh.");
        }
        var server = new RedisServer(FreePort());
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts (again) on the same port.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", Path.GetTempPath() })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {Port}.");
            }
            if (await AnswersAsync())
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"redis-server did not answer on port {Port} within 10 seconds.");
    }

    /// <summary>Kills the server: every client loses its connection at once.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
