using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sessions.Bench;

/// <summary>The real app, published in this configuration, on a free port and a fresh database.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _database;

    private AppProcess(Process process, Uri root, string database)
    {
        _process = process;
        Root = root;
        _database = database;
    }

    /// <summary>The configuration the benchmark itself was built in; the app is published in the same one.</summary>
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <summary>Says so when the figures come from a Debug build.</summary>
    public static void WarnIfDebug()
    {
#if DEBUG
        Console.WriteLine("Warning: a Debug build; run with -c Release for figures worth writing down.");
#endif
    }

    public Uri Root { get; }
    public int ProcessId => _process.Id;

    /// <param name="settings">Settings for the app (environment variables such as <c>ConnectionStrings__Sessions</c>); without a
    /// connection string the app runs on a fresh SQLite file.</param>
    public static async Task<AppProcess> StartAsync(string configuration, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = await PublishAsync(configuration);
        var port = FreePort();
        var database = Path.Combine(Path.GetTempPath(), $"sessions-bench-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Sessions"] = $"Data Source={database}";
        // A thousand simulated participants come from one address: lift the per-address limits for the run.
        start.Environment["Sessions__RateLimits__JoinsPerMinutePerAddress"] = "1000000";
        start.Environment["Sessions__RateLimits__SessionsCreatedPerMinutePerAddress"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // GET /diagnostics/memory: the managed heap after a full collection and the number of circuits.
        start.Environment["Sessions__Diagnostics__Enabled"] = "true";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        ApplyGcSetting(start);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { Console.Error.WriteLine("app: " + line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"), database);
        try
        {
            await WaitUntilUpAsync(new Uri(app.Root, "healthz"), process);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
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

    /// <summary>SESSIONS_BENCH_GC=0 or 1 sets DOTNET_gcServer for the servers the benchmark starts.</summary>
    public static void ApplyGcSetting(ProcessStartInfo start)
    {
        if (Environment.GetEnvironmentVariable("SESSIONS_BENCH_GC") is { Length: > 0 } gc)
        {
            start.Environment["DOTNET_gcServer"] = gc;
        }
    }

    public static async Task WaitUntilUpAsync(Uri probe, Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 300 && !process.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync(probe)).IsSuccessStatusCode)
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
            await Task.Delay(200);
        }
        throw new TimeoutException($"{probe} did not answer within a minute{(process.HasExited ? $": the process ended with code {process.ExitCode}" : "")}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
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
}
