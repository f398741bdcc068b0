using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MudBlazor.Services;
using Sessions.App.Background;
using Sessions.App.Components;
using Sessions.App.Configuration;
using Sessions.App.Diagnostics;
using Sessions.App.Endpoints;
using Sessions.App.Hubs;
using Sessions.App.Realtime;
using Sessions.App.Security;
using Sessions.App.SingleFile;
using Sessions.App.Telemetry;
using Sessions.Core.Services;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.UseTopLevelAppSettings();
    builder.AddSessionsHosting();

    builder.Services.AddSessionsCore(builder.Configuration);
    builder.Services.Configure<RealtimeOptions>(builder.Configuration.GetSection(RealtimeOptions.Section));
    builder.Services.AddRazorComponents()
        .AddInteractiveServerComponents()
        .AddHubOptions(o =>
        {
            o.MaximumReceiveMessageSize = 32 * 1024;
            // A screen tells a silent network within 2 s (wwwroot/blazor-start.js: 1.5 s without a word from the
            // server), so the server says something on every circuit at least once a second. SignalR checks each
            // connection on a 1 s heartbeat and pings when the last ping is older than this interval; just under
            // a second makes that every heartbeat (at 1 s it would often be every other one). The price, for a
            // room of 2,000 phones: 2,000 pings a second of a few bytes each, written from the heartbeat that
            // already visits every connection each second (measured in docs/benchmarks.md), and about 100 kB/s
            // on the venue's network. Cheaper than any probe of the phone's own (an HTTP request a second per
            // phone costs a request's work each), and a phone never closes its connection over a late ping,
            // so a busy moment on the server cannot make the room reconnect at once.
            o.KeepAliveInterval = TimeSpan.FromMilliseconds(900);
        });
    builder.Services.AddMudServices();
    builder.Services.AddLocalization();
    builder.Services.AddScoped<Sessions.App.Components.Shared.BrowserStorage>();
    builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 32 * 1024).AddRedisScaleOut(builder.Configuration);
    builder.Services.AddClientRateLimits();
    builder.Services.AddSingleton<HubRefusalLog>();
    // A refused hub call is logged once per kind by HubRefusalLog; SignalR would log each one as an error with a stack trace.
    builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);
    builder.Services.AddSessionWorkers();
    builder.Services.AddSingleton<HubEventRelay>();
    builder.Services.AddSingleton<PhoneWatch>();
    builder.Services.AddSingleton<Sessions.App.Addresses.IAddressSources, Sessions.App.Addresses.ServerAddressSources>();
    builder.Services.AddSingleton<Sessions.App.Addresses.PublicAddresses>();
    builder.Services.AddProblemDetails();
    builder.Services.AddSessionsOpenApi();
    builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
    builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    builder.Services.AddSessionsDiagnostics(builder.Configuration);
    builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

    if (builder.Environment.IsDevelopment())
    {
        // Published builds serve the stylesheets and scripts precompressed; under dotnet run they are compressed as they
        // go, or MudBlazor's 627 KB stylesheet alone holds a phone's first paint for 19 s on slow 3G. Only these types:
        // they carry nothing secret, so compressing them over HTTPS gives nothing away.
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["text/css", "text/javascript", "application/javascript"];
        });
    }

    var app = builder.Build();

    await app.Services.MigrateSessionsDatabaseAsync();

    app.UseSecurityHeaders();
    if (app.Environment.IsDevelopment())
    {
        app.UseResponseCompression();
    }
    app.UseRequestLocalization(options =>
    {
        // Dutch first (the first users are Dutch); a browser that asks for English gets English; the switch's cookie wins.
        options.SetDefaultCulture("nl")
            .AddSupportedCultures(CultureEndpoint.Supported)
            .AddSupportedUICultures(CultureEndpoint.Supported);
        options.ApplyCurrentCultureToResponseHeaders = true;
    });
    app.UseExceptionHandler();
    if (!app.Environment.IsDevelopment())
    {
        app.UseHsts();
    }
    app.UseWhen(
        context => !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !context.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase),
        branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
    app.UseApiBodyGuard();
    app.UseRateLimiter();
    app.UseAntiforgery();

    var staticAssets = app.MapSessionsStaticAssets();
    app.MapSessionsApi();
    app.MapSessionsOpenApi();
    app.MapCultureSwitch();
    app.MapHub<SessionHub>(SessionHub.Path);
    app.MapHealthChecks("/healthz", HealthReportWriter.Options);
    app.MapSessionsDiagnostics(app.Configuration);
    app.MapSessionsMetrics(app.Configuration);
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode().WithStaticAssets(staticAssets);

    app.Lifetime.ApplicationStarted.Register(() =>
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            // http://0.0.0.0:5080 or http://[::]:5080 is where it listens, not an address a browser opens.
            app.Logger.LogInformation("Sessions is running: open {Address} in a browser", StartBanner.LocalUrl([address])?.AbsoluteUri ?? address);
        }
        if (app.Services.GetRequiredService<Sessions.App.Addresses.PublicAddresses>().PhonesCannotReach)
        {
            app.Logger.LogWarning(Sessions.App.Addresses.PublicAddresses.LoopbackOnlyHint);
        }
    });

    await app.RunAsync();
}
catch (Exception ex) when (SingleFileApp.IsSingleFile && StartFailure.Handles(ex))
{
    // The single file, started by a facilitator: a plain sentence instead of a stack trace (the window may close
    // before anyone reads one). Elsewhere (dotnet run, a server, a test host) the exception goes on as it always did.
    await Console.Error.WriteAsync(StartFailure.Describe(ex));
    if (ex is AlreadyRunningException running)
    {
        if (running.RunningAt is not null)
        {
            BrowserLauncher.TryOpenIfWanted(running.RunningAt);
        }
        return 0;
    }
    return 1;
}
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
