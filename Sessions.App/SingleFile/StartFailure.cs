using System.Net.Sockets;
using System.Text;

namespace Sessions.App.SingleFile;

/// <summary>
/// What a person reads when Sessions cannot start: the reason in a sentence or two and what to do, instead of a
/// .NET stack trace (a facilitator who double-clicked the file may see nothing else before the window closes).
/// </summary>
public static class StartFailure
{
    /// <summary>
    /// Whether to answer <paramref name="exception"/> with <see cref="Describe"/>: not the signal a test host uses to
    /// stop the program once it has the app it wanted.
    /// </summary>
    public static bool Handles(Exception exception) => exception is not HostAbortedException;

    public static string Describe(Exception exception)
    {
        if (exception is AlreadyRunningException running)
        {
            return running.Message;
        }
        var chain = new List<Exception>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            chain.Add(e);
        }
        var text = new StringBuilder("Sessions could not start: ");
        text.AppendJoin(" ", chain.Select(e => e.Message.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal));
        text.AppendLine();
        var hint = Hint(chain);
        if (hint is not null)
        {
            text.AppendLine(hint);
        }
        return text.ToString();
    }

    private static string? Hint(List<Exception> chain)
    {
        if (chain.Any(e => e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
            || (e is IOException && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))))
        {
            return "Another program already listens on that port. Close it, or start Sessions on another port, e.g. with --urls http://0.0.0.0:5090";
        }
        if (chain.Any(e => e is UnauthorizedAccessException))
        {
            return "Sessions may not write there. Give it a folder it may write to, e.g. ConnectionStrings__Sessions=\"Data Source=/path/you/own/sessions.db\"";
        }
        if (chain.Any(e => e.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase)))
        {
            return "Check the settings: appsettings.json beside Sessions (or remove it to use the built-in ones) and the environment variables named above.";
        }
        return null;
    }
}
