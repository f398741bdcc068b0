using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Sessions.Tests.Support;

namespace Sessions.Tests.Integration;

public sealed class DiagnosticsTests
{
    private static readonly Dictionary<string, string?> s_enabled = new() { ["Sessions:Diagnostics:Enabled"] = "true" };

    [Fact]
    public async Task The_memory_reading_does_not_exist_unless_enabled()
    {
        await using var factory = new SessionsAppFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/diagnostics/memory", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_enabled_memory_reading_answers_this_machine_with_the_heap_and_circuits()
    {
        await using var factory = new SessionsAppFactory(s_enabled);

        var context = await ReadMemoryAsync(factory, IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        using var reading = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.True(reading.RootElement.GetProperty("managedHeapBytes").GetInt64() > 0);
        Assert.True(reading.RootElement.GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.Equal(0, reading.RootElement.GetProperty("circuits").GetInt32());
    }

    [Fact]
    public async Task An_enabled_memory_reading_refuses_other_machines()
    {
        await using var factory = new SessionsAppFactory(s_enabled);

        var context = await ReadMemoryAsync(factory, IPAddress.Parse("203.0.113.7"));

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains("this machine only", body, StringComparison.Ordinal);
    }

    private static Task<HttpContext> ReadMemoryAsync(SessionsAppFactory factory, IPAddress from)
    {
        factory.StartServer();
        return factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/diagnostics/memory";
            c.Connection.RemoteIpAddress = from;
        });
    }
}
