using Npgsql;
using Sessions.Core.Data;

namespace Sessions.Tests.Support;

/// <summary>
/// A database of one's own: test classes run in parallel. SQLite: a file, deleted afterwards. PostgreSQL: a
/// uniquely named database on the server that SESSIONS_TEST_POSTGRES names, created by the app's own
/// start-up migration (as on a first start in production) and dropped afterwards.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>A PostgreSQL connection string without a database: server, port, user and password.</summary>
    public const string PostgresVariable = "SESSIONS_TEST_POSTGRES";

    private readonly string? _path;
    private readonly string? _postgresServer;
    private readonly string? _postgresName;

    public TestDatabase(string? folder = null)
        : this(DatabaseProvider.Sqlite, folder)
    {
    }

    /// <param name="folder">SQLite only: where the file goes (the system's temp folder by default).</param>
    public TestDatabase(DatabaseProvider provider, string? folder = null)
    {
        Provider = provider;
        if (provider == DatabaseProvider.Sqlite)
        {
            _path = System.IO.Path.Combine(folder ?? System.IO.Path.GetTempPath(), $"sessions-test-{Guid.NewGuid():N}.db");
            ConnectionString = $"Data Source={_path}";
            return;
        }
        _postgresServer = PostgresServer();
        _postgresName = $"sessions_test_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresName }.ConnectionString;
    }

    /// <summary>A memory-backed folder where there is one: an fsync there is nearly free, for tests that write a lot.</summary>
    public static string? FastFolder => Directory.Exists("/dev/shm") ? "/dev/shm" : null;

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file.</summary>
    public string Path => _path ?? throw new InvalidOperationException("A PostgreSQL test database has no file.");

    /// <summary>True once the app (or a harness) has created the database: the file, or the database on the server.</summary>
    public bool Exists()
    {
        if (_path is not null)
        {
            return File.Exists(_path);
        }
        using var connection = OpenServer();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", _postgresName!);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public void Dispose()
    {
        if (_path is null)
        {
            DropPostgres();
            return;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(_path + suffix);
            }
            catch (IOException)
            {
                // Best effort: the temp folder is cleaned by the system too.
            }
        }
    }

    private void DropPostgres()
    {
        // The pool of this database's connections would otherwise keep idle ones open until they age out.
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        using var connection = OpenServer();
        // FORCE (PostgreSQL 13+): a connection the app under test still holds does not keep the database alive. A
        // backend of another role on it (autovacuum, which the test's role may not end) refuses the drop with 42501
        // for a moment: try again, and at worst leave the database to the throw-away server rather than fail a test
        // that passed over its clean-up.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                if (attempt == 10)
                {
                    Console.Error.WriteLine($"Test database {_postgresName} left to the server: {ex.MessageText}");
                    return;
                }
                Thread.Sleep(200 * attempt);
            }
        }
    }

    private NpgsqlConnection OpenServer()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgresServer) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The server the PostgreSQL variants run on; a clear failure when none is given (plain `dotnet test` skips such tests at discovery: see NeedsAttribute).</summary>
    private static string PostgresServer()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set, so this PostgreSQL variant of the test cannot run. Run ./test.sh, which starts " +
                $"a PostgreSQL server with scripts/postgres.sh, or start one yourself and export {PostgresVariable}=\"$(scripts/postgres.sh start)\" " +
                "(a connection string with host, port, user and password, no database; the user needs CREATEDB).");
        }
        if (SessionsDatabase.Detect(server) != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException($"{PostgresVariable} must be a PostgreSQL connection string (Host=...;Port=...;Username=...;Password=...).");
        }
        return server;
    }
}
