using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sessions.Bench;

/// <summary>
/// The baseline: a bare SignalR hub that broadcasts a message to every connection, nothing else. It runs
/// as a process of its own, like the app, with the same GC settings, so neither server shares a thread
/// pool with the benchmark's clients.
/// </summary>
public sealed class BareSignalR : IAsyncDisposable
{
    private readonly Process _process;

    private BareSignalR(Process process, Uri root)
    {
        _process = process;
        Root = root;
    }

    public Uri Root { get; }

    public int ProcessId => _process.Id;

    /// <param name="keepAlive">The hub's KeepAliveInterval; SignalR's default (15 s) when not given.</param>
    public static async Task<BareSignalR> StartAsync(TimeSpan? keepAlive = null)
    {
        var port = AppProcess.FreePort();
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
        var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BareSignalR).Assembly.Location);
        }
        start.ArgumentList.Add("bare-server");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (keepAlive is { } interval)
        {
            start.ArgumentList.Add(((int)interval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        AppProcess.ApplyGcSetting(start);
        // The app is a web project and runs on the server GC; so does its baseline, unless SESSIONS_BENCH_GC says otherwise.
        start.Environment.TryAdd("DOTNET_gcServer", "1");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { Console.Error.WriteLine("bare: " + line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bare = new BareSignalR(process, new Uri($"http://127.0.0.1:{port}/"));
        await AppProcess.WaitUntilUpAsync(new Uri(bare.Root, "up"), process);
        return bare;
    }

    /// <summary>The child process: serves the bare hub until killed.</summary>
    public static async Task ServeAsync(int port, int? keepAliveMs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSignalR(o =>
        {
            if (keepAliveMs is { } ms)
            {
                o.KeepAliveInterval = TimeSpan.FromMilliseconds(ms);
            }
        });
        var app = builder.Build();
        app.MapHub<BareHub>("/bare");
        app.MapGet("/up", () => "up");
        await app.RunAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    public sealed class BareHub : Hub
    {
        public Task Broadcast(long round) => Clients.All.SendAsync("Ping", round);
    }
}
