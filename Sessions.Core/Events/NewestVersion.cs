namespace Sessions.Core.Events;

/// <summary>The newest version a screen or relay has heard of, raised from several threads at once and never lowered.</summary>
public static class NewestVersion
{
    /// <summary>Raises <paramref name="newest"/> to <paramref name="version"/> unless it already holds a newer one.</summary>
    public static void Raise(ref long newest, long version)
    {
        var seen = Interlocked.Read(ref newest);
        while (version > seen)
        {
            var previous = Interlocked.CompareExchange(ref newest, version, seen);
            if (previous == seen)
            {
                return;
            }
            seen = previous;
        }
    }
}
