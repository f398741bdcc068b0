using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Sessions.App.Diagnostics;

/// <summary>
/// Off by default. With <c>Sessions:Diagnostics:Enabled</c> set, <c>GET /diagnostics/memory</c> answers
/// requests from this machine only with the managed heap after a full collection, the working set, the
/// process's CPU time and the number of open circuits: what the benchmark needs to count the memory of a
/// circuit. A forced full collection is too costly to offer on a public address.
/// </summary>
public static class DiagnosticsEndpoint
{
    public const string Section = "Sessions:Diagnostics";
    public const string Path = "/diagnostics/memory";

    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetSection(Section).GetValue<bool>("Enabled");

    public static IServiceCollection AddSessionsDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
        {
            services.AddSingleton<CircuitCount>();
            services.AddScoped<CircuitHandler, CircuitCounter>();
        }
        return services;
    }

    public static IEndpointRouteBuilder MapSessionsDiagnostics(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return endpoints;
        }
        endpoints.MapGet(Path, (HttpContext http, CircuitCount circuits) =>
        {
            if (http.Connection.RemoteIpAddress is not { } address || !System.Net.IPAddress.IsLoopback(address))
            {
                return Results.Problem("Diagnostics answer requests from this machine only.", statusCode: StatusCodes.Status403Forbidden);
            }
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var process = Process.GetCurrentProcess();
            return Results.Ok(new MemoryReading(
                GC.GetTotalMemory(forceFullCollection: false),
                process.WorkingSet64,
                process.TotalProcessorTime.TotalMilliseconds,
                circuits.Open));
        });
        return endpoints;
    }
}

/// <param name="ManagedHeapBytes">Bytes in use on the managed heap after a full, compacting collection.</param>
public sealed record MemoryReading(long ManagedHeapBytes, long WorkingSetBytes, double CpuMilliseconds, int Circuits);

/// <summary>The number of Blazor circuits open on this server.</summary>
public sealed class CircuitCount
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public void Opened() => Interlocked.Increment(ref _open);

    public void Closed() => Interlocked.Decrement(ref _open);
}

public sealed class CircuitCounter(CircuitCount count) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        count.Opened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        count.Closed();
        return Task.CompletedTask;
    }
}
