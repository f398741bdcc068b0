using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Sessions.Core.Data;

/// <summary>The database engines the app runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: one app server, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several app servers share it.</summary>
    Postgres,
}

/// <summary>
/// Reads <c>ConnectionStrings:Sessions</c>: a SQLite string (<c>Data Source=...</c>) or an empty one keeps the
/// embedded file; a PostgreSQL string (<c>Host=...;Database=...</c>) switches to PostgreSQL. Anything else
/// stops the app at start-up with a message that says what was expected.
/// </summary>
public static class SessionsDatabase
{
    /// <summary>The project that holds the PostgreSQL migrations (EF keeps one migrations set per provider).</summary>
    public const string PostgresMigrationsAssembly = "Sessions.Migrations.Postgres";

    private const string Setting = "ConnectionStrings:Sessions";
    private const string Examples = "a SQLite one such as \"Data Source=data/sessions.db\" or a PostgreSQL one such as \"Host=db.example;Port=5432;Database=sessions;Username=sessions;Password=...\"";

    // Keys as Microsoft.Data.Sqlite and Npgsql spell them; DbConnectionStringBuilder compares keys case-insensitively.
    private static readonly string[] s_sqliteKeys = ["Data Source", "DataSource", "Filename"];
    private static readonly string[] s_postgresKeys = ["Host", "Server"];

    /// <summary>Which provider <paramref name="connectionString"/> is for; throws with a clear message when it is neither.</summary>
    public static DatabaseProvider Detect(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            // The string itself is not echoed: it may hold a password.
            throw new InvalidOperationException($"{Setting} is not a connection string of key=value pairs; give {Examples}.");
        }
        var sqlite = s_sqliteKeys.Any(builder.ContainsKey);
        var postgres = s_postgresKeys.Any(builder.ContainsKey);
        return (sqlite, postgres) switch
        {
            (true, false) => DatabaseProvider.Sqlite,
            (false, true) => DatabaseProvider.Postgres,
            (true, true) => throw new InvalidOperationException(
                $"{Setting} names both a file (Data Source/Filename) and a server (Host/Server); give {Examples}."),
            _ => throw new InvalidOperationException(
                $"{Setting} names neither a SQLite file (Data Source=...) nor a PostgreSQL server (Host=...); give {Examples}."),
        };
    }

    /// <summary>The provider and its checked connection string; an empty setting means <paramref name="defaultSqlite"/>.</summary>
    public static (DatabaseProvider Provider, string ConnectionString) Resolve(string? configured, string defaultSqlite)
    {
        var connectionString = string.IsNullOrWhiteSpace(configured) ? defaultSqlite : configured;
        var provider = Detect(connectionString);
        return (provider, provider == DatabaseProvider.Sqlite ? PrepareSqlite(connectionString) : CheckPostgres(connectionString));
    }

    /// <summary>Points <paramref name="options"/> at the database, with what each provider needs on every connection.</summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()),
            // No retrying execution strategy: SessionWriter runs its own transactions and retries.
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };

    /// <summary>Creates the database where it is missing and applies the migrations; SQLite also switches the file to WAL.</summary>
    public static async Task MigrateAsync(SessionsDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            return;
        }
        try
        {
            // Created here rather than inside MigrateAsync, whose first look at a missing database logs an error.
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                await CreateAsync(creator, cancellationToken).ConfigureAwait(false);
            }
            // Servers starting together take turns for the whole set of migrations: EF's own lock on PostgreSQL lasts
            // one migration's transaction, so with two migrations pending both servers could apply the second.
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(7211520221125)", cancellationToken).ConfigureAwait(false);
                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(7211520221125)", CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                // Back in the pool the connection is reset (DISCARD ALL), which releases the lock if the migration failed.
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            var names = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
            throw new InvalidOperationException(
                $"PostgreSQL refused to create or migrate the database \"{names.Database}\" for role \"{names.Username}\" ({ex.MessageText}). " +
                "Create the database with that role as its owner, or let the role create databases (ALTER ROLE ... CREATEDB).", ex);
        }
    }

    private static async Task CreateAsync(IRelationalDatabaseCreator creator, CancellationToken cancellationToken)
    {
        try
        {
            await creator.CreateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another app server created it a moment earlier (PostgreSQL reports that race as either code);
            // EF's migration lock orders the rest.
        }
    }

    /// <summary>Creates the folder of the database file, so a fresh clone needs no set-up.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{Setting} looks like a SQLite connection string but SQLite cannot use it: {ex.Message}", ex);
        }
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        return builder.ToString();
    }

    private static string CheckPostgres(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{Setting} looks like a PostgreSQL connection string but Npgsql cannot use it: {ex.Message}", ex);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InvalidOperationException($"{Setting} gives an empty Host; name the PostgreSQL server.");
        }
        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new InvalidOperationException($"{Setting} names a PostgreSQL server but no database; add Database=sessions (it is created on first start).");
        }
        return connectionString;
    }
}
