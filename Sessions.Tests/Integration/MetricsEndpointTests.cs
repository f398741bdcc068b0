using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry;
using Sessions.Tests.Support;

namespace Sessions.Tests.Integration;

/// <summary>Who may read /metrics, and the trace ids logs carry when a collector is configured.</summary>
public sealed class MetricsEndpointTests
{
    private static readonly IPAddress s_remote = IPAddress.Parse("203.0.113.7");

    [Fact]
    public async Task Metrics_answer_this_machine()
    {
        await using var factory = new SessionsAppFactory();

        var context = await ScrapeAsync(factory, IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Contains("# TYPE", await new StreamReader(context.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_refuse_other_machines_unless_opened()
    {
        await using var closed = new SessionsAppFactory();
        var refused = await ScrapeAsync(closed, s_remote);
        Assert.Equal(StatusCodes.Status403Forbidden, refused.Response.StatusCode);
        var body = await new StreamReader(refused.Response.Body).ReadToEndAsync();
        Assert.Contains("this machine only", body, StringComparison.Ordinal);
        Assert.DoesNotContain("# TYPE", body, StringComparison.Ordinal);

        await using var open = new SessionsAppFactory(new Dictionary<string, string?> { ["Sessions:Metrics:AllowRemote"] = "true" });
        var answered = await ScrapeAsync(open, s_remote);
        Assert.Equal(StatusCodes.Status200OK, answered.Response.StatusCode);
        Assert.Contains("# TYPE", await new StreamReader(answered.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_collector_configured_log_records_carry_the_trace_of_their_request()
    {
        var records = new List<LogRecord>();
        await using var factory = new SessionsAppFactory(new Dictionary<string, string?>
        {
            // Nothing listens there: the export fails quietly; the in-memory exporter below sees the same records.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        using var client = factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(records)))).CreateClient();

        using var response = await client.GetAsync(new Uri("/api/templates", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
        LogRecord[] requestLogs;
        lock (records)
        {
            requestLogs = [.. records.Where(r => r.CategoryName == "Microsoft.AspNetCore.Hosting.Diagnostics")];
        }
        Assert.NotEmpty(requestLogs);
        Assert.All(requestLogs, r => Assert.NotEqual(default, r.TraceId));
        Assert.Single(requestLogs.Select(r => r.TraceId).Distinct());
    }

    private static Task<HttpContext> ScrapeAsync(SessionsAppFactory factory, IPAddress from)
    {
        factory.StartServer();
        return factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = from;
        });
    }
}
