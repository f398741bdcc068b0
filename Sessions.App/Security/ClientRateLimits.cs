using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.App.Security;

/// <summary>
/// Limits per client address for the anonymous calls: creating sessions and joining. The defaults
/// are generous because a whole room may share one address behind a venue's Wi-Fi; what one
/// participant may send is limited per participant in the core (CommandThrottle).
/// </summary>
public static class ClientRateLimits
{
    public const string CreatePolicy = "create";
    public const string JoinPolicy = "join";

    public static IServiceCollection AddClientRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<JoinCodeGuard>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "Too many requests from this address; wait a minute and try again.",
                    },
                });
            };
            options.AddPolicy(CreatePolicy, context => PerAddress(context, o => o.SessionsCreatedPerMinutePerAddress));
            options.AddPolicy(JoinPolicy, context => PerAddress(context, o => o.JoinsPerMinutePerAddress));
        });
        return services;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, Func<RateLimitOptions, int> perMinute)
    {
        var limit = perMinute(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();
}

/// <summary>
/// Makes guessing join codes impractical: an address that tries more unknown codes than allowed in a
/// minute has every join-code lookup refused until that minute is over.
/// </summary>
public sealed class JoinCodeGuard(IOptions<RateLimitOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (long Minute, int Misses)> _misses = new();

    public void EnsureAllowed(string address)
    {
        if (_misses.TryGetValue(address, out var entry) && entry.Minute == CurrentMinute() && entry.Misses >= options.Value.UnknownJoinCodesPerMinutePerAddress)
        {
            throw new SessionRuleException(SessionError.TooManyRequests, "Too many unknown join codes from this address; wait a minute and check the code on the board.");
        }
    }

    public void RecordMiss(string address)
    {
        var minute = CurrentMinute();
        _misses.AddOrUpdate(address, (minute, 1), (_, e) => e.Minute == minute ? (minute, e.Misses + 1) : (minute, 1));
        if (_misses.Count > 100_000)
        {
            foreach (var stale in _misses.Where(e => e.Value.Minute != minute).Select(e => e.Key).ToList())
            {
                _misses.TryRemove(stale, out _);
            }
        }
    }

    private long CurrentMinute() => time.GetUtcNow().ToUnixTimeSeconds() / 60;
}
