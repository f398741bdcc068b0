using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Tests.Support;

namespace Sessions.Tests.Browser;

/// <summary>The real app on Kestrel, on a free port and its own database, for a real browser.</summary>
public sealed class KestrelAppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = new();
    private readonly Action<IServiceCollection>? _services;

    public KestrelAppFactory()
        : this(null)
    {
    }

    /// <summary>With services changed for one kind of test (a short circuit retention, say).</summary>
    public KestrelAppFactory(Action<IServiceCollection>? services)
    {
        _services = services;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        RootUri = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    public string RootUri { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development: static web assets (MudBlazor, blazor.web.js) come from the build's manifest.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Sessions", _database.ConnectionString);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }
}
