using System.Diagnostics;
using System.Text;

namespace Sessions.Tests.SingleFile;

/// <summary>
/// The linux-x64 single file, published once for the tests that use it, with the command scripts/package.sh runs
/// (dotnet publish -c Release -r linux-x64 -p:PublishSingleFile=true) into a folder of its own.
/// </summary>
public sealed class SingleFilePublish : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sessions-singlefile-{Guid.NewGuid():N}");

    public string Executable => Path.Combine(_folder, "publish", "Sessions.App");

    public TimeSpan PublishTime { get; private set; }

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepositoryRoot(), "Sessions.App", "Sessions.App.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "-p:PublishSingleFile=true", "-o", Path.Combine(_folder, "publish"), "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }
        // The test host's own MSBuild settings would steer the child build; it starts as a shell would start it.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        PublishTime = watch.Elapsed;
        if (process.ExitCode != 0 || !File.Exists(Executable))
        {
            string log;
            lock (output)
            {
                log = output.ToString();
            }
            throw new InvalidOperationException($"dotnet publish of the single file failed (exit {process.ExitCode}):\n{log[Math.Max(0, log.Length - 4000)..]}");
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sessions.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Sessions.sln not found above " + AppContext.BaseDirectory);
    }
}
