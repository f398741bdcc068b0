namespace Sessions.App.SingleFile;

/// <summary>
/// One copy of the single file per data folder. A facilitator who starts the file twice (a double click too many)
/// would otherwise get a second server on the same SQLite file, on the next free port: its screens never hear of the
/// first one's changes, and the browser keeps the facilitator's keys per address, so the sessions seem gone there.
/// The first copy holds a lock beside the database and writes the address it answers on; a second copy finds the
/// lock taken, points to that address and leaves. The lock is the operating system's, so it ends with the process,
/// however it ends.
/// </summary>
public static class SingleInstance
{
    private static FileStream? s_held;
    private static string? s_database;

    public static string LockFile(string database) => database + ".lock";

    public static string AddressFile(string database) => database + ".address";

    /// <summary>
    /// Takes the lock of <paramref name="database"/> for this process; false when another process holds it, with the
    /// address that process wrote (null when it has not written one yet).
    /// </summary>
    public static bool TryHold(string database, out Uri? runningAt)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(database))!);
        try
        {
            // FileShare.None: an exclusive lock (flock on Linux and macOS, a share mode on Windows).
            var held = new FileStream(LockFile(database), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            s_held?.Dispose();
            s_held = held;
            s_database = database;
            runningAt = null;
            return true;
        }
        catch (IOException)
        {
            runningAt = ReadAddress(database);
            return false;
        }
    }

    /// <summary>Writes where this copy answers, for a second copy to point to (only while this process holds the lock).</summary>
    public static void Announce(Uri local)
    {
        if (s_held is not null && s_database is not null)
        {
            File.WriteAllText(AddressFile(s_database), local.AbsoluteUri);
        }
    }

    /// <summary>Lets the data go (the process ending does the same).</summary>
    public static void Release()
    {
        s_held?.Dispose();
        s_held = null;
        s_database = null;
    }

    private static Uri? ReadAddress(string database)
    {
        try
        {
            return Uri.TryCreate(File.ReadAllText(AddressFile(database)).Trim(), UriKind.Absolute, out var address) ? address : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Another copy of Sessions already runs on the same data: this one says where and leaves (exit code 0).</summary>
public sealed class AlreadyRunningException(string database, Uri? runningAt)
    : Exception(runningAt is null
        ? $"Sessions is already running on this computer with the data in {database}. Use that window, or close it first."
        : $"Sessions is already running on this computer with the data in {database}: open {runningAt} in a browser.")
{
    public Uri? RunningAt { get; } = runningAt;
}
