using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sessions.Tests.Durability;

/// <summary>The real app as a child process (dotnet Sessions.App.dll) on a free port and a given database.</summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private AppProcess(Process process, Uri root)
    {
        _process = process;
        Root = root;
    }

    public Uri Root { get; }

    /// <summary>From the start of the process to its first healthy answer.</summary>
    public TimeSpan StartUp { get; private set; }

    /// <summary>The last lines the app wrote, each with the time the test saw it (for a failure's message).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <param name="environment">Development serves the static web assets of a debug build (for a browser).</param>
    /// <param name="startUpLimit">How long the app may take to answer /healthz; 180 s unless given (a start takes seconds, but over 50 s was seen on a 2-core machine at load 40).</param>
    public static async Task<AppProcess> StartAsync(string connectionString, string environment = "Production", TimeSpan? startUpLimit = null)
    {
        var limit = startUpLimit ?? TimeSpan.FromSeconds(180);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sessions.App.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ConnectionStrings__Sessions"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Sessions__RateLimits__AnswerBurst"] = "100000";
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.Keep(clock, e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(clock, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // A first request can take seconds on a busy machine (it compiles the whole pipeline): it is waited for,
        // not abandoned and sent again, which would only add work.
        using var http = new HttpClient { BaseAddress = app.Root, Timeout = Timeout.InfiniteTimeSpan };
        var deadline = clock.Elapsed + limit;
        while (clock.Elapsed < deadline)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromTicks(Math.Max(1, (deadline - clock.Elapsed).Ticks)));
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} during start-up:{Environment.NewLine}{app.Output}");
            }
            try
            {
                using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative), wait.Token);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    app.StartUp = clock.Elapsed;
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        var output = app.Output;
        app.Dispose();
        throw new TimeoutException($"The app did not answer /healthz within {limit.TotalSeconds:F0} seconds; it wrote:{Environment.NewLine}{output}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, nothing the app can do about it.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
    }

    private void Keep(Stopwatch clock, string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue($"{clock.Elapsed.TotalSeconds,7:F2}s {line}");
            while (_output.Count > 200)
            {
                _output.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
