using Sessions.Core.Data;
using Sessions.Tests.Support;

namespace Sessions.Tests.ScaleOut;

/// <summary>
/// One database that several app servers use at once: a new PostgreSQL database, as two servers are deployed
/// (SESSIONS_TEST_POSTGRES names the server; ./test.sh starts one, and without it plain `dotnet test` skips the tests saying so).
/// </summary>
public sealed class SharedDatabase(string connectionString, IDisposable owner) : IDisposable
{
    public string ConnectionString { get; } = connectionString;

    public static SharedDatabase Create()
    {
        var database = new TestDatabase(DatabaseProvider.Postgres);
        return new(database.ConnectionString, database);
    }

    public void Dispose() => owner.Dispose();
}
