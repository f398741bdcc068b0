using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Data;
using Sessions.Core.Reports;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Reports;

/// <summary>The real core (the one <see cref="CoreHarness"/>) with the report service and the importer at hand.</summary>
public abstract class ReportsTestBase : IAsyncLifetime
{
    private CoreHarness? _core;

    private CoreHarness Core => _core ?? throw new InvalidOperationException("Not started.");

    private IServiceProvider Provider => Core.Services;

    protected SessionCatalog Catalog => Core.Catalog;
    protected ParticipantService Participants => Core.Participants;
    protected FacilitatorService Facilitator => Core.Facilitator;
    protected SessionReader Reader => Core.Reader;
    protected ReportService Reports => Core.Reports;
    protected SessionImporter Importer => Core.Importer;
    protected Sessions.Core.Suggestions.SuggestionService Suggestions => Core.Suggestions;

    public async Task InitializeAsync() => _core = await CoreHarness.StartAsync();

    public async Task DisposeAsync()
    {
        if (_core is not null)
        {
            await _core.DisposeAsync();
        }
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
