using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    [Fact]
    public async Task Metrics_are_read_with_get_and_a_post_is_refused_without_figures()
    {
        await using var factory = new SessionsAppFactory();

        var posted = await ScrapeAsync(factory, IPAddress.Loopback, "POST");

        Assert.Equal(StatusCodes.Status405MethodNotAllowed, posted.Response.StatusCode);
        Assert.Equal("GET, HEAD", posted.Response.Headers.Allow.ToString());
        Assert.DoesNotContain("# TYPE", await new StreamReader(posted.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_collector_address_that_is_no_http_address_is_warned_about_at_start_and_nothing_is_exported()
    {
        var logs = new List<string>();
        await using var factory = new SessionsAppFactory(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "not a url" });
        using var client = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(new ListLoggerProvider(logs)))).CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
        lock (logs)
        {
            Assert.Contains(logs, l => l.Contains("OTEL_EXPORTER_OTLP_ENDPOINT is \"not a url\", not an http or https address", StringComparison.Ordinal));
        }
    }

    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines)
                {
                    lines.Add(formatter(state, exception));
                }
            }
        }
    }

    private static Task<HttpContext> ScrapeAsync(SessionsAppFactory factory, IPAddress from, string method = "GET")
    {
        factory.StartServer();
        return factory.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = from;
        });
    }
}
