namespace Sessions.Tests.SingleFile;

/// <summary>
/// Publishing takes both cores for minutes: these tests run on their own, after the parallel ones, so that the
/// timings of the browser tests are not measured against a compiler.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SingleFileCollection
{
    public const string Name = "Single file";
}
