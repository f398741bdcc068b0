using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sessions.Core.Data;

/// <summary>
/// Every SQLite connection runs with synchronous=FULL (an acknowledged vote survives kill -9 and a
/// power cut in WAL mode), foreign keys on, and a busy timeout for writers that find the file locked.
/// </summary>
/// <remarks>
/// The busy timeout is the connection string's <c>Default Timeout</c> (30 s unless set): SQLite's own wait and the
/// retries of Microsoft.Data.Sqlite then end together, instead of SQLite giving up after a shorter wait of its own.
/// Writers of this app take turns before they reach the lock (<see cref="WriteTurns"/>); the timeout is for the rest.
/// </remarks>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Pragmas(DbConnection connection)
    {
        var seconds = connection is SqliteConnection sqlite ? sqlite.DefaultTimeout : 30;
        return string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={seconds * 1000};");
    }
}
