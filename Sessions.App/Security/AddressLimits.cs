using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.App.Security;

/// <summary>
/// Per-address budgets shared by every way in: creating, importing and duplicating a session draw on one
/// budget, and joining over HTTP and through the hub on another, so no door goes around a limit.
/// </summary>
public sealed class AddressLimits : IDisposable
{
    public const string Create = "create";
    public const string Join = "join";

    private readonly PartitionedRateLimiter<(string Kind, string Address)> _limiter;

    public AddressLimits(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<(string Kind, string Address), (string, string)>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, k.Item1 == Create ? o.SessionsCreatedPerMinutePerAddress : o.JoinsPerMinutePerAddress),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
    }

    /// <summary>Takes one from the address's budget of this kind, or throws a 429-kind refusal that says to wait.</summary>
    public void Ensure(string kind, string address)
    {
        using var lease = _limiter.AttemptAcquire((kind, address));
        if (!lease.IsAcquired)
        {
            throw new SessionRuleException(SessionError.TooManyRequests, "Too many requests from this address; wait a minute and try again.");
        }
    }

    /// <summary>
    /// As <see cref="Ensure"/>, except for someone who comes back: a participant token valid for the session the join
    /// code names is a participant who joined already, and joining again returns them, not someone new.
    /// </summary>
    public async Task EnsureUnlessReturningAsync(string kind, string address, string joinCode, string? participantToken, ParticipantService participants, CancellationToken cancellationToken)
    {
        // An unknown join code: the join itself says so; the attempt still counts.
        if (await participants.IsReturningAsync(joinCode, participantToken, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        Ensure(kind, address);
    }

    /// <summary>An endpoint filter that draws on the budget of <paramref name="kind"/> before the endpoint runs.</summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Filter(string kind) =>
        (context, next) => Guarded(context, next, limits =>
        {
            limits.Ensure(kind, ClientRateLimits.ClientAddress(context.HttpContext));
            return Task.CompletedTask;
        });

    /// <summary>The join budget, for an endpoint with a join code: a request with the participant's own token is free.</summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> JoinFilter() =>
        (context, next) => Guarded(context, next, limits =>
        {
            var http = context.HttpContext;
            return limits.EnsureUnlessReturningAsync(Join, ClientRateLimits.ClientAddress(http), http.Request.RouteValues["joinCode"] as string ?? "",
                Endpoints.Bearer.From(http.Request), http.RequestServices.GetRequiredService<ParticipantService>(), http.RequestAborted);
        });

    private static async ValueTask<object?> Guarded(EndpointFilterInvocationContext context, EndpointFilterDelegate next, Func<AddressLimits, Task> ensure)
    {
        var http = context.HttpContext;
        try
        {
            await ensure(http.RequestServices.GetRequiredService<AddressLimits>());
        }
        catch (SessionRuleException ex) when (ex.Error == SessionError.TooManyRequests)
        {
            http.Response.Headers.RetryAfter = "60";
            return Endpoints.ApiRefusal.For(ex);
        }
        return await next(context);
    }

    public void Dispose() => _limiter.Dispose();
}
