using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Sessions.Tests.Support;

namespace Sessions.Tests.Integration;

/// <summary>The real app on a SQLite file of its own, deleted when the factory is disposed.</summary>
public sealed class SessionsAppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = new();

    public string DatabasePath => _database.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Sessions", _database.ConnectionString);
        builder.UseEnvironment("Development");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}
