using Sessions.App.Telemetry;

namespace Sessions.App.SingleFile;

public static class HostingSetup
{
    /// <summary>
    /// How the app runs and reports on itself: the single file's laptop defaults (before anything reads the
    /// connection string), the start-up text, and metrics, traces and logs through OpenTelemetry.
    /// </summary>
    public static WebApplicationBuilder AddSessionsHosting(this WebApplicationBuilder builder)
    {
        SingleFileApp.UseSingleFileDefaults(builder);
        builder.Services.AddHostedService<StartBanner>();
        builder.AddSessionsTelemetry();
        return builder;
    }
}
