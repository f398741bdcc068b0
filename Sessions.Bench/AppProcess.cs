using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sessions.Bench;

/// <summary>
/// The real app as a child process (<c>dotnet Sessions.App.dll</c>) on a free loopback port: the one helper of the
/// benchmarks and of the tests that kill the app or need it in a process of its own. This file is compiled into
/// Sessions.Tests too (a linked source file, as the headless phone is): one class needs no project of its own.
/// </summary>
public sealed class AppProcess : IDisposable, IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly Stopwatch _clock;
    private readonly string? _ownedDatabase;

    private AppProcess(Process process, Uri root, Stopwatch clock, string? ownedDatabase)
    {
        _process = process;
        Root = root;
        _clock = clock;
        _ownedDatabase = ownedDatabase;
    }

    /// <summary>The configuration the caller itself was built in; the benchmark publishes the app in the same one.</summary>
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public Uri Root { get; }

    public int ProcessId => _process.Id;

    /// <summary>From the start of the process to its first healthy answer.</summary>
    public TimeSpan StartUp { get; private set; }

    /// <summary>The last lines the app wrote, each with the time it was seen (for a failure's message).</summary>
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

    /// <summary>Says so when the benchmark's figures come from a Debug build.</summary>
    public static void WarnIfDebug()
    {
#if DEBUG
        Console.WriteLine("Warning: a Debug build; run with -c Release for figures worth writing down.");
#endif
    }

    /// <summary>
    /// The app built beside the caller (the tests' output folder holds Sessions.App.dll) on the given database, with
    /// the answer throttle lifted as in every test.
    /// </summary>
    /// <param name="environment">Development serves the static web assets of a debug build (for a browser).</param>
    /// <param name="startUpLimit">How long the app may take to answer /healthz; 180 s unless given (a start takes seconds, but over 50 s was seen on a 2-core machine at load 40).</param>
    public static Task<AppProcess> StartBuiltAsync(string connectionString, string environment = "Production", TimeSpan? startUpLimit = null) =>
        StartAsync(Path.Combine(AppContext.BaseDirectory, "Sessions.App.dll"), new Dictionary<string, string>
        {
            ["ConnectionStrings__Sessions"] = connectionString,
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Sessions__RateLimits__AnswerBurst"] = "100000",
        }, startUpLimit);

    /// <summary>
    /// The app as it is deployed, for the benchmarks: <c>dotnet publish</c> output in <paramref name="configuration"/>
    /// (a build folder serves its static web assets only in Development), in Production, on a fresh SQLite file
    /// (deleted afterwards) unless <paramref name="settings"/> names a connection string, with the per-address limits
    /// lifted (a thousand simulated participants come from one address) and its errors echoed.
    /// </summary>
    /// <param name="settings">Settings for the app as environment variables, such as <c>ConnectionStrings__Sessions</c>.</param>
    public static async Task<AppProcess> StartPublishedAsync(string configuration, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = await PublishAsync(configuration);
        var database = Path.Combine(Path.GetTempPath(), $"sessions-bench-{Guid.NewGuid():N}.db");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Sessions"] = $"Data Source={database}",
            ["Sessions__RateLimits__JoinsPerMinutePerAddress"] = "1000000",
            ["Sessions__RateLimits__SessionsCreatedPerMinutePerAddress"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
            // GET /diagnostics/memory: the managed heap after a full collection and the number of circuits.
            ["Sessions__Diagnostics__Enabled"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        return await StartAsync(dll, environment, startUpLimit: null, ownedDatabase: database, echoErrors: true);
    }

    /// <summary>Starts <paramref name="dll"/> with <paramref name="environment"/> and waits for its first healthy answer.</summary>
    public static async Task<AppProcess> StartAsync(
        string dll, IReadOnlyDictionary<string, string> environment, TimeSpan? startUpLimit = null, string? ownedDatabase = null, bool echoErrors = false)
    {
        var limit = startUpLimit ?? TimeSpan.FromSeconds(180);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        ApplyGcSetting(start);
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"), clock, ownedDatabase);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            app.Keep(e.Data);
            if (echoErrors && e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine("app: " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilUpAsync(new Uri(app.Root, "healthz"), process, limit, () => app.Output);
            app.StartUp = clock.Elapsed;
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until <paramref name="probe"/> answers 200. A first request can take seconds on a busy machine (it
    /// compiles the whole pipeline): it is waited for, not abandoned and sent again, which would only add work.
    /// </summary>
    public static async Task WaitUntilUpAsync(Uri probe, Process process, TimeSpan? limit = null, Func<string>? output = null)
    {
        var clock = Stopwatch.StartNew();
        var deadline = limit ?? TimeSpan.FromSeconds(180);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        while (clock.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with code {process.ExitCode} during start-up:{Environment.NewLine}{output?.Invoke()}");
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromTicks(Math.Max(1, (deadline - clock.Elapsed).Ticks)));
            try
            {
                using var health = await http.GetAsync(probe, wait.Token);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            // Polling, not a wait for "nothing happened": the process gives no signal when it is ready.
            await Task.Delay(200);
        }
        throw new TimeoutException($"{probe} did not answer within {deadline.TotalSeconds:F0} seconds; the process wrote:{Environment.NewLine}{output?.Invoke()}");
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
        DeleteOwnedDatabase();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        DeleteOwnedDatabase();
    }

    /// <summary>SESSIONS_BENCH_GC=0|1 chooses the workstation or the server GC for the processes a benchmark starts.</summary>
    public static void ApplyGcSetting(ProcessStartInfo start)
    {
        if (Environment.GetEnvironmentVariable("SESSIONS_BENCH_GC") is { Length: > 0 } gc)
        {
            start.Environment["DOTNET_gcServer"] = gc;
        }
    }

    public static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sessions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The app as it is deployed: <c>dotnet publish</c> output (a build folder serves its static web assets,
    /// blazor.web.js and MudBlazor's files, only in Development). Incremental: quick when nothing changed.
    /// </summary>
    private static async Task<string> PublishAsync(string configuration)
    {
        var repository = FindRepository();
        var output = Path.Combine(repository, "Sessions.Bench", "bin", configuration, "app");
        var publish = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", Path.Combine(repository, "Sessions.App", "Sessions.App.csproj"), "-c", configuration, "-o", output, "--nologo", "-v", "q" })
        {
            publish.ArgumentList.Add(arg);
        }
        using var process = Process.Start(publish)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the app failed:{Environment.NewLine}{await log}{await errors}");
        }
        return Path.Combine(output, "Sessions.App.dll");
    }

    private void DeleteOwnedDatabase()
    {
        if (_ownedDatabase is null)
        {
            return;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_ownedDatabase + suffix);
        }
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue($"{_clock.Elapsed.TotalSeconds,7:F2}s {line}");
            while (_output.Count > 200)
            {
                _output.Dequeue();
            }
        }
    }
}
