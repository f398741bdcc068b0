using System.Collections.Concurrent;
using Sessions.Core.Domain;

namespace Sessions.App.Hubs;

/// <summary>
/// Refused hub calls are the client's mistake, not the server's: each kind (method and reason) is logged once
/// a minute as a warning without a stack trace, with how many more were refused since, so a script looping
/// on a refused call costs the log one line a minute. The line holds the refusal as the caller read it, the first
/// of its kind in that minute: the rule's words with their numbers (never a name someone typed: the rules quote
/// labels, counts and ids, not what was entered).
/// </summary>
public sealed class HubRefusalLog(ILogger<HubRefusalLog> logger, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Method, SessionError Error, string Template), Window> _kinds = new();

    public void Refused(string method, SessionRuleException refusal)
    {
        if (_kinds.Count > 10_000)
        {
            _kinds.Clear();
        }
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var window = _kinds.GetOrAdd((method, refusal.Error, refusal.Template), _ => new Window());
        int suppressed;
        lock (window)
        {
            if (window.Minute == minute)
            {
                window.Suppressed++;
                return;
            }
            suppressed = window.Suppressed;
            window.Minute = minute;
            window.Suppressed = 0;
        }
        logger.LogWarning("Hub call {Method} refused ({Error}): {Reason} ({Suppressed} more of this kind were refused in the minute before)",
            method, refusal.Error, refusal.Message, suppressed);
    }

    private sealed class Window
    {
        public long Minute { get; set; } = -1;
        public int Suppressed { get; set; }
    }
}
