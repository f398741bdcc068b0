using Sessions.Tests.Support;

namespace Sessions.Tests.ScaleOut;

/// <summary>
/// One database that several app servers use at once. SQLite (a file both in-process servers open)
/// until the PostgreSQL provider is there; then <see cref="Create"/> returns a new PostgreSQL
/// database when SESSIONS_TEST_POSTGRES is set, which is the one line to change.
/// </summary>
public sealed class SharedDatabase : IDisposable
{
    private readonly TestDatabase _sqlite = new();

    private SharedDatabase()
    {
    }

    public string ConnectionString => _sqlite.ConnectionString;

    public static SharedDatabase Create() => new();

    public void Dispose() => _sqlite.Dispose();
}
