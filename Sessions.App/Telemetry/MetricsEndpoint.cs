using System.Net;

namespace Sessions.App.Telemetry;

/// <summary>
/// <c>GET /metrics</c>: every meter of <see cref="Telemetry.Meters"/> in Prometheus text. Like <c>/diagnostics</c> it
/// answers this machine only, unless <c>Sessions:Metrics:AllowRemote</c> is true (a Prometheus on another host
/// scraping each app server directly; keep the path off the public proxy, see docs/deploy.md).
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";
    public const string AllowRemoteSetting = "Sessions:Metrics:AllowRemote";

    public static IEndpointRouteBuilder MapSessionsMetrics(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        var allowRemote = configuration.GetValue<bool>(AllowRemoteSetting);
        endpoints.MapPrometheusScrapingEndpoint(
            Path,
            meterProvider: null,
            configureBranchedPipeline: branch => branch.Use(async (http, next) =>
            {
                if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
                {
                    http.Response.Headers.Allow = "GET, HEAD";
                    await Results.Problem("Metrics are read with GET.", statusCode: StatusCodes.Status405MethodNotAllowed).ExecuteAsync(http);
                    return;
                }
                if (!allowRemote && !IsThisMachine(http.Connection.RemoteIpAddress))
                {
                    await Results.Problem(
                        $"Metrics answer requests from this machine only; set {AllowRemoteSetting} to true to let another host read them.",
                        statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(http);
                    return;
                }
                await next(http);
            }),
            optionsName: null);
        return endpoints;
    }

    private static bool IsThisMachine(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);
}
