using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Sessions.Core.Data;
using Sessions.Tests.Support;

namespace Sessions.Tests.Integration;

/// <summary>The real app on a database of its own (a SQLite file or a PostgreSQL database), deleted when the factory is disposed.</summary>
public sealed class SessionsAppFactory(DatabaseProvider provider = DatabaseProvider.Sqlite) : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = new(provider);

    public TestDatabase Database => _database;

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
