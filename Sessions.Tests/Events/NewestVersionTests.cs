using Sessions.Core.Events;

namespace Sessions.Tests.Events;

public sealed class NewestVersionTests
{
    [Fact]
    public void An_older_version_never_lowers_the_newest()
    {
        long newest = 0;
        NewestVersion.Raise(ref newest, 7);
        NewestVersion.Raise(ref newest, 3);
        Assert.Equal(7, newest);
    }

    [Fact]
    public void Raised_from_many_threads_at_once_it_ends_at_the_highest()
    {
        long newest = 0;
        Parallel.For(1, 20_001, new ParallelOptions { MaxDegreeOfParallelism = 8 }, v => NewestVersion.Raise(ref newest, v));
        Assert.Equal(20_000, newest);
    }
}
