using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Sessions.App.Components.Pages;
using Sessions.App.Components.Shared;
using Sessions.App.Security;
using Sessions.Core.Data;
using Sessions.Core.Reports;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>
/// Importing an archive on the start page drew on no budget, while the same import over HTTP drew on the address's
/// create budget (30 a minute): the page went around the limit.
/// </summary>
public sealed class StartPageBudgetTests : IAsyncLifetime
{
    private const string Address = "203.0.113.7";

    private readonly TestDatabase _database = new();
    private readonly BunitContext _ctx = new();

    public async Task InitializeAsync()
    {
        // The start page lists the sessions this browser holds keys for: none.
        _ctx.JSInterop.Setup<string[]>("sessionsStorageKeys", _ => true).SetResult([]);
        await _ctx.UseSessionsAsync(_database, interactive: true);
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _database.Dispose();
    }

    private async Task<int> SessionCountAsync()
    {
        await using var db = await _ctx.Services.GetRequiredService<IDbContextFactory<SessionsDbContext>>().CreateDbContextAsync();
        return await db.Sessions.CountAsync();
    }

    private async Task<string> ArchiveAsync()
    {
        var session = await _ctx.Services.GetRequiredService<SessionCatalog>().CreateAsync(new CreateSessionRequest("Archived", Questions: ["What matters?"], Language: "en"));
        var report = await _ctx.Services.GetRequiredService<ReportService>().RenderAsync(session.SessionId, session.FacilitatorKey, "json", false);
        return new System.Text.UTF8Encoding(false).GetString(report.Content);
    }

    private IRenderedComponent<Home> RenderHome(string address) =>
        _ctx.Render<CascadingValue<ClientAddress>>(p => p
            .Add(c => c.Value, new ClientAddress(address))
            .Add(c => c.IsFixed, true)
            .AddChildContent<Home>())
            .FindComponent<Home>();

    [Fact]
    public async Task An_upload_on_the_start_page_draws_on_the_same_create_budget_as_the_http_import()
    {
        var archive = await ArchiveAsync();
        var limits = _ctx.Services.GetRequiredService<AddressLimits>();
        var permits = new Sessions.Core.Services.RateLimitOptions().SessionsCreatedPerMinutePerAddress;
        // The address used its whole minute's budget over HTTP (each POST /api/sessions/import draws one, as AddressLimits.Filter does).
        for (var i = 0; i < permits; i++)
        {
            limits.Ensure(AddressLimits.Create, Address);
        }
        var before = await SessionCountAsync();

        var home = RenderHome(Address);
        home.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(archive, "session.json", contentType: "application/json"));

        home.WaitForAssertion(() => Assert.Contains("Too many requests", home.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(before, await SessionCountAsync());

        // Another address still has its budget: the same upload imports.
        var other = RenderHome("198.51.100.1");
        other.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(archive, "session.json", contentType: "application/json"));
        other.WaitForAssertion(() => Assert.NotEmpty(other.FindAll("[data-testid=created]")), TimeSpan.FromSeconds(30));
        Assert.Equal(before + 1, await SessionCountAsync());
    }

    [Fact]
    public async Task Page_uploads_use_up_the_budget_the_http_import_then_finds_spent()
    {
        var archive = await ArchiveAsync();
        var permits = new Sessions.Core.Services.RateLimitOptions().SessionsCreatedPerMinutePerAddress;
        var home = RenderHome(Address);
        for (var i = 0; i < permits; i++)
        {
            home.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(archive, $"s{i}.json", contentType: "application/json"));
        }

        home.WaitForAssertion(() => Assert.Equal(permits + 1, SessionCountAsync().GetAwaiter().GetResult()), TimeSpan.FromSeconds(60));
        var refused = Assert.Throws<Sessions.Core.Domain.SessionRuleException>(() => _ctx.Services.GetRequiredService<AddressLimits>().Ensure(AddressLimits.Create, Address));
        Assert.Equal(Sessions.Core.Domain.SessionError.TooManyRequests, refused.Error);
    }
}
