using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sessions.Core.Metrics;

namespace Sessions.App.Telemetry;

/// <summary>
/// OpenTelemetry: the meters of ASP.NET Core, Kestrel, SignalR, Blazor, the runtime, EF Core and the app's own
/// (<see cref="SessionsMetrics"/>) on <c>/metrics</c> (<see cref="MetricsEndpoint"/>); with
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, metrics, traces and logs also go to that collector over OTLP, and
/// each log record carries the trace and span of the request that wrote it.
/// </summary>
public static class Telemetry
{
    /// <summary>The built-in meters of .NET 10 worth watching for this app, and its own.</summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        SessionsMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",                    // http.server.request.duration, http.server.active_requests
        "Microsoft.AspNetCore.Server.Kestrel",             // kestrel.active_connections, kestrel.connection.duration, ...
        "Microsoft.AspNetCore.Http.Connections",           // signalr.server.active_connections, signalr.server.connection.duration
        "Microsoft.AspNetCore.Components",                 // aspnetcore.components.navigate, handle_event.duration
        "Microsoft.AspNetCore.Components.Lifecycle",       // aspnetcore.components.update_parameters.duration, render_diff.*
        "Microsoft.AspNetCore.Components.Server.Circuits", // aspnetcore.components.circuit.active, .connected, .duration
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",                // aspnetcore.diagnostics.exceptions
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.MemoryPool",
        "System.Runtime",                                  // GC, heap, thread pool, CPU (built into .NET 9 and later)
        "System.Net.Http",
        "Microsoft.EntityFrameworkCore",
        "Npgsql",
    ];

    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddSessionsTelemetry(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration[OtlpEndpointSetting];
        var otlp = !string.IsNullOrWhiteSpace(endpoint);
        if (otlp && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var collector) && collector.Scheme is "http" or "https"))
        {
            // The exporter would drop everything without a word: say so once at start, and export nothing.
            builder.Services.AddHostedService(services => new StartWarning(services.GetRequiredService<ILogger<StartWarning>>(),
                $"{OtlpEndpointSetting} is \"{endpoint}\", not an http or https address: nothing is exported over OTLP."));
            otlp = false;
        }
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("sessions", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Meters]);
                metrics.AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (!otlp)
        {
            // Without a collector nothing would receive spans or log records: create none.
            return;
        }
        telemetry
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                    !http.Request.Path.StartsWithSegments(MetricsEndpoint.Path, StringComparison.OrdinalIgnoreCase) && !http.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase))
                .AddSource("Npgsql")
                .AddOtlpExporter())
            .WithLogging(
                logging => logging.AddOtlpExporter(),
                options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                });
    }
}

/// <summary>A warning about a setting, logged once when the app starts.</summary>
internal sealed class StartWarning(ILogger<StartWarning> logger, string warning) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("{Warning}", warning);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
