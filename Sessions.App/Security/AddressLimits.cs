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

    /// <summary>An endpoint filter that draws on the budget of <paramref name="kind"/> before the endpoint runs.</summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Filter(string kind) =>
        (context, next) =>
        {
            var http = context.HttpContext;
            try
            {
                http.RequestServices.GetRequiredService<AddressLimits>().Ensure(kind, ClientRateLimits.ClientAddress(http));
            }
            catch (SessionRuleException ex)
            {
                http.Response.Headers.RetryAfter = "60";
                return ValueTask.FromResult<object?>(TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: ex.Message));
            }
            return next(context);
        };

    public void Dispose() => _limiter.Dispose();
}
