namespace Sessions.App.Realtime;

/// <summary>How often screens and hub watchers may be told about changes ("Sessions:Realtime").</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Sessions:Realtime";

    /// <summary>A screen renders at most this often during a burst; the first change after a quiet spell renders at once.</summary>
    public int ScreenRefreshMilliseconds { get; set; } = 100;

    /// <summary>The same for `SessionChanged` messages to hub watchers of one session.</summary>
    public int HubNotifyMilliseconds { get; set; } = 50;

    /// <summary>
    /// The address phones use to reach this server (for the QR code). Empty: the address the board was opened with,
    /// or the machine's LAN address when that was loopback and the server listens on every interface (PublicAddresses).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";
}
