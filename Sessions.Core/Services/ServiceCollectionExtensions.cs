using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Data;
using Sessions.Core.Events;

namespace Sessions.Core.Services;

public static class ServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=data/sessions.db";

    /// <summary>The core: persistence, events and the application services used by pages, endpoints and the hub.</summary>
    public static IServiceCollection AddSessionsCore(this IServiceCollection services, IConfiguration configuration)
    {
        // Read and checked now, so a wrong connection string stops the app at start-up with a clear message.
        var (provider, connectionString) = SessionsDatabase.Resolve(configuration.GetConnectionString("Sessions"), DefaultConnectionString);
        services.AddDbContextFactory<SessionsDbContext>(options => options.Use(provider, connectionString));
        services.AddSingleton(new WriteTurns(provider));

        services.Configure<SessionDefaults>(configuration.GetSection(SessionDefaults.Section));
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<CommandThrottle>();
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<SessionRetention>();
        services.Configure<MemoryOptions>(configuration.GetSection(MemoryOptions.Section));
        services.AddSingleton<IdleSessions>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ISessionEvents, InProcessSessionEvents>();
        services.AddSingleton<SessionLocks>();
        services.AddSingleton<SessionWriter>();
        services.AddMetrics();
        services.AddSingleton<Metrics.SessionsMetrics>();
        services.AddSingleton<SessionReader>();
        services.AddSingleton<SessionCatalog>();
        services.AddSingleton<ParticipantService>();
        services.AddSingleton<FacilitatorService>();
        services.AddSingleton<Suggestions.SuggestionService>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<SessionImporter>();
        services.AddSingleton<TemplateService>();
        services.AddSingleton<Reports.ReportService>();
        services.AddSingleton<Reports.IReportWriter, Reports.MarkdownReportWriter>();
        services.AddSingleton<Reports.IReportWriter, Reports.HtmlReportWriter>();
        services.AddSingleton<Reports.IReportWriter, Reports.PdfReportWriter>();
        services.AddSingleton<Reports.IReportWriter, Reports.DocxReportWriter>();
        services.AddSingleton<Reports.IReportWriter, Reports.CsvReportWriter>();
        services.AddSingleton<Reports.IReportWriter, Reports.XlsxReportWriter>();
        return services;
    }

    /// <summary>Creates the database where it is missing and applies migrations (SQLite: and WAL); run once at start-up.</summary>
    public static async Task MigrateSessionsDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<SessionsDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await SessionsDatabase.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
    }
}
