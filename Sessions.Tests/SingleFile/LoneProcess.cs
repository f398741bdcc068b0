using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sessions.Tests.SingleFile;

/// <summary>
/// The single file copied alone into an empty folder and started there with nothing in its environment but the
/// variables given (HOME, a temporary folder, in every case), as a facilitator's double-click would start it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LoneProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LoneProcess(string root, Process process, int port)
    {
        Root = root;
        _process = process;
        Port = port;
        Url = new Uri($"http://127.0.0.1:{port}/");
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The temporary folder holding Folder (where the file is) and Home.</summary>
    public string Root { get; }

    public string Folder => Path.Combine(Root, "app");

    public string Home => Path.Combine(Root, "home");

    public int Port { get; }

    public Uri Url { get; }

    public TimeSpan StartTime { get; private set; }

    /// <summary>CPU time (user + system) the process had used when it first answered /healthz: not slowed by a busy machine.</summary>
    public TimeSpan StartCpu { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="home">The HOME of another lone process, to share its data folder (a second copy of the file).</param>
    public static async Task<LoneProcess> StartAsync(string executable, IReadOnlyDictionary<string, string>? environment = null, string? home = null)
    {
        var (root, start, port) = Prepare(executable, environment, home, besideTheFile: null);
        var watch = Stopwatch.StartNew();
        var lone = new LoneProcess(root, Process.Start(start)!, port);
        using var http = new HttpClient { BaseAddress = lone.Url, Timeout = TimeSpan.FromSeconds(5) };
        // Generous: the first start on a busy 2-core machine was seen to take over 40 s.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (lone._process.HasExited)
            {
                throw new InvalidOperationException($"The single file exited with code {lone._process.ExitCode} during start-up:\n{lone.Output}");
            }
            try
            {
                using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    lone.StartTime = watch.Elapsed;
                    lone._process.Refresh();
                    lone.StartCpu = lone._process.TotalProcessorTime;
                    return lone;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        var output = lone.Output;
        lone.Dispose();
        throw new TimeoutException($"The single file did not answer /healthz within 3 minutes:\n{output}");
    }

    /// <summary>
    /// Starts the file as <see cref="StartAsync"/> does, with files put beside it, and waits for it to end by itself (a
    /// start it refuses): its exit code and all it wrote.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string executable, string? home = null, IReadOnlyDictionary<string, string>? besideTheFile = null)
    {
        var (root, start, port) = Prepare(executable, null, home, besideTheFile);
        using var lone = new LoneProcess(root, Process.Start(start)!, port);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await lone._process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The single file did not end within 3 minutes:\n{lone.Output}");
        }
        lone._process.WaitForExit(); // The rest of its output.
        return (lone._process.ExitCode, lone.Output);
    }

    private static (string Root, ProcessStartInfo Start, int Port) Prepare(
        string executable, IReadOnlyDictionary<string, string>? environment, string? home, IReadOnlyDictionary<string, string>? besideTheFile)
    {
        var root = Path.Combine(Path.GetTempPath(), $"sessions-alone-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "app"));
        Directory.CreateDirectory(Path.Combine(root, "home"));
        var copy = Path.Combine(root, "app", Path.GetFileName(executable));
        File.Copy(executable, copy);
        File.SetUnixFileMode(copy, File.GetUnixFileMode(executable));
        foreach (var (name, content) in besideTheFile ?? new Dictionary<string, string>())
        {
            File.WriteAllText(Path.Combine(root, "app", name), content);
        }
        var port = FreePort();
        var start = new ProcessStartInfo(copy)
        {
            WorkingDirectory = Path.Combine(root, "app"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        start.Environment["HOME"] = home ?? Path.Combine(root, "home");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        // Every interface, on a port of the test's choosing (http_ports is ASP.NET Core's own switch for that).
        start.ArgumentList.Add("--http_ports");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (root, start, port);
    }

    /// <summary>Waits until the output holds <paramref name="text"/> (the start-up text comes just after the server listens).</summary>
    public async Task<string> WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Output.Contains(text, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        return Output;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
