using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sessions.Bench;

/// <summary>The real app, from its own build output in this configuration, on a free port and a fresh database.</summary>
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

    public Uri Root { get; }
    public int ProcessId => _process.Id;

    public static async Task<AppProcess> StartAsync(string configuration)
    {
        var repository = FindRepository();
        var dll = Path.Combine(repository, "Sessions.App", "bin", configuration, "net10.0", "Sessions.App.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: run the benchmark with dotnet run -c {configuration} --project Sessions.Bench, which builds it.");
        }
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
        if (Environment.GetEnvironmentVariable("SESSIONS_BENCH_GC") is { Length: > 0 } gc)
        {
            start.Environment["DOTNET_gcServer"] = gc;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { Console.Error.WriteLine("app: " + line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"), database);
        using var http = new HttpClient { BaseAddress = app.Root, Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri("healthz", UriKind.Relative))).IsSuccessStatusCode)
                {
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
        await app.DisposeAsync();
        throw new TimeoutException("The app did not start within a minute.");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
