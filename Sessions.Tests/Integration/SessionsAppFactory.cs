using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Sessions.Core.Data;
using Sessions.Tests.Support;

namespace Sessions.Tests.Integration;

/// <summary>The real app on a database of its own (a SQLite file or a PostgreSQL database), deleted when the factory is disposed.</summary>
public sealed class SessionsAppFactory(IReadOnlyDictionary<string, string?>? settings = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = new(provider);

    public SessionsAppFactory()
        : this(null)
    {
    }

    public SessionsAppFactory(DatabaseProvider provider)
        : this(null, provider)
    {
    }

    public TestDatabase Database => _database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Sessions", _database.ConnectionString);
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}
