using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sessions.App.Realtime;
using Sessions.Core.Services;

namespace Sessions.Tests.Support;

public static class CoreServices
{
    /// <summary>The real core on a SQLite file of its own; screens refresh on every event (no coalescing delay).</summary>
    public static IServiceCollection AddTestCore(this IServiceCollection services, TestDatabase database)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Sessions"] = database.ConnectionString,
                // Tests script many commands per participant in a moment; the throttle has tests of its own.
                ["Sessions:RateLimits:AnswerBurst"] = "100000",
                ["Sessions:RateLimits:BallotBurst"] = "100000",
            })
            .Build();
        services.AddLogging();
        services.AddLocalization();
        services.AddSessionsCore(configuration);
        services.Configure<RealtimeOptions>(o => o.ScreenRefreshMilliseconds = 0);
        services.AddSingleton<PhoneWatch>();
        return services;
    }
}
