using Sessions.Core.Data;
using Sessions.Tests.Support;

namespace Sessions.Tests.Services;

/// <summary>Gives every test its own database: a SQLite file, or a PostgreSQL database in the classes that say so.</summary>
public abstract class ServiceTestBase : IAsyncLifetime
{
    private CoreHarness? _harness;

    protected CoreHarness H => _harness ?? throw new InvalidOperationException("Not started.");

    /// <summary>The PostgreSQL variants (OnPostgres.cs) override this.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _harness = await CoreHarness.StartAsync(provider: Provider);

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
