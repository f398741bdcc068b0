namespace Sessions.Tests.Support;

/// <summary>A SQLite file of one's own: test classes run in parallel.</summary>
public sealed class TestDatabase(string? folder = null) : IDisposable
{
    /// <summary>A memory-backed folder where there is one: an fsync there is nearly free, for tests that write a lot.</summary>
    public static string? FastFolder => Directory.Exists("/dev/shm") ? "/dev/shm" : null;

    public string Path { get; } = System.IO.Path.Combine(folder ?? System.IO.Path.GetTempPath(), $"sessions-test-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={Path}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(Path + suffix);
            }
            catch (IOException)
            {
                // Best effort: the temp folder is cleaned by the system too.
            }
        }
    }
}
