namespace Sessions.Tests.Services;

/// <summary>Gives every test its own database file.</summary>
public abstract class ServiceTestBase : IAsyncLifetime
{
    private ServicesHarness? _harness;

    protected ServicesHarness H => _harness ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _harness = await ServicesHarness.StartAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
