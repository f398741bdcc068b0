using Sessions.Tests.Support;

namespace Sessions.Tests.ScaleOut;

/// <summary>
/// One database that several app servers use at once: a SQLite file that both in-process servers open.
/// With the PostgreSQL provider in place, <see cref="Create"/> is the one line to change: a new
/// PostgreSQL database when SESSIONS_TEST_POSTGRES is set.
/// </summary>
public sealed class SharedDatabase(string connectionString, IDisposable owner) : IDisposable
{
    public string ConnectionString { get; } = connectionString;

    public static SharedDatabase Create() => Sqlite(new TestDatabase());

    private static SharedDatabase Sqlite(TestDatabase database) => new(database.ConnectionString, database);

    public void Dispose() => owner.Dispose();
}
