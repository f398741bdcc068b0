using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Sessions.App.SingleFile;

/// <summary>
/// Opens the start page in the default browser when the single file starts on a desktop. Not in a test, a CI
/// run, a container, over SSH or on a machine without a display, and never when
/// <c>Sessions:Standalone:OpenBrowser</c> is false (environment: <c>Sessions__Standalone__OpenBrowser=false</c>).
/// </summary>
public static class BrowserLauncher
{
    /// <summary>Whether to open a browser; <c>Reason</c> says why not, for the start-up text.</summary>
    public static (bool Open, string Reason) Decide(IConfiguration configuration, Func<string, string?> environment, OSPlatform platform, bool userInteractive)
    {
        if (configuration.GetValue<bool?>($"{SingleFileApp.Section}:OpenBrowser") == false)
        {
            return (false, $"{SingleFileApp.Section}:OpenBrowser is false");
        }
        if (IsSet(environment("CI")))
        {
            return (false, "this is a CI run");
        }
        if (string.Equals(environment("DOTNET_RUNNING_IN_CONTAINER"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return (false, "this runs in a container");
        }
        if (platform == OSPlatform.Windows)
        {
            return userInteractive ? (true, "") : (false, "there is no desktop session");
        }
        if (IsSet(environment("SSH_CONNECTION")) || IsSet(environment("SSH_TTY")))
        {
            return (false, "this runs over SSH");
        }
        if (platform == OSPlatform.OSX)
        {
            return (true, "");
        }
        // Linux and the BSDs: a desktop session names its display.
        return IsSet(environment("DISPLAY")) || IsSet(environment("WAYLAND_DISPLAY"))
            ? (true, "")
            : (false, "there is no display");
    }

    public static OSPlatform CurrentPlatform =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? OSPlatform.Windows
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? OSPlatform.OSX
        : RuntimeInformation.IsOSPlatform(OSPlatform.FreeBSD) ? OSPlatform.FreeBSD
        : OSPlatform.Linux;

    /// <summary>Asks the system to open <paramref name="url"/> (xdg-open, open, or the Windows shell); false when it could not.</summary>
    public static bool TryOpen(Uri url, ILogger logger)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true });
            return true;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            logger.LogInformation("Could not open a browser at {Url}: {Message}", url, ex.Message);
            return false;
        }
    }

    /// <summary>
    /// Opens <paramref name="url"/> when a browser would be opened at start (a desktop, not switched off in the
    /// environment): for a second copy that points to the first before it leaves.
    /// </summary>
    public static bool TryOpenIfWanted(Uri url)
    {
        var settings = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var (open, _) = Decide(settings, Environment.GetEnvironmentVariable, CurrentPlatform, Environment.UserInteractive);
        return open && TryOpen(url, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }

    private static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value);
}
