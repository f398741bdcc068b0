using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Sessions.Tests.Support;

namespace Sessions.Tests.Integration;

/// <summary>The real app on a SQLite file of its own, deleted when the factory is disposed.</summary>
public sealed class SessionsAppFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = new();

    public SessionsAppFactory()
        : this(null)
    {
    }

    public string DatabasePath => _database.Path;

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
