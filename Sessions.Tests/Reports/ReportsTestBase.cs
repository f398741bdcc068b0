using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Data;
using Sessions.Core.Reports;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Reports;

/// <summary>
/// The real core on a SQLite file of its own (like <see cref="Services.ServicesHarness"/>), with the
/// report service and the importer that the services harness does not expose.
/// </summary>
public abstract class ReportsTestBase : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private ServiceProvider? _provider;

    private ServiceProvider Provider => _provider ?? throw new InvalidOperationException("Not started.");

    protected SessionCatalog Catalog => Provider.GetRequiredService<SessionCatalog>();
    protected ParticipantService Participants => Provider.GetRequiredService<ParticipantService>();
    protected FacilitatorService Facilitator => Provider.GetRequiredService<FacilitatorService>();
    protected SessionReader Reader => Provider.GetRequiredService<SessionReader>();
    protected ReportService Reports => Provider.GetRequiredService<ReportService>();
    protected SessionImporter Importer => Provider.GetRequiredService<SessionImporter>();
    protected Sessions.Core.Suggestions.SuggestionService Suggestions => Provider.GetRequiredService<Sessions.Core.Suggestions.SuggestionService>();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddTestCore(_database);
        _provider = services.BuildServiceProvider();
        await _provider.MigrateSessionsDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
        _database.Dispose();
    }

    protected async Task<int> SessionCountAsync()
    {
        var factory = Provider.GetRequiredService<IDbContextFactory<SessionsDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Sessions.CountAsync();
    }

    protected async Task<byte[]> RenderAsync(CreatedSession session, string format, bool includeAllAnswers = false) =>
        (await Reports.RenderAsync(session.SessionId, session.FacilitatorKey, format, includeAllAnswers)).Content;

    protected async Task<string> RenderTextAsync(CreatedSession session, string format, bool includeAllAnswers = false)
    {
        var bytes = await RenderAsync(session, format, includeAllAnswers);
        return new System.Text.UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
    }

    protected Workshop NewWorkshop() => new(Catalog, Participants, Facilitator, Reader);
}
