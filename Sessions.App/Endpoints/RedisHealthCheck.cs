using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sessions.App.Realtime;

namespace Sessions.App.Endpoints;

/// <summary>
/// Degraded, not unhealthy, while Redis is unreachable: the server still serves its own screens and
/// should stay in the load balancer; only changes made on other servers wait for Redis to return.
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (redis.IsAvailable)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"Redis at {redis.Endpoint} is connected."));
        }
        var since = redis.UnavailableSince is { } lost ? $" for {(time.GetUtcNow() - lost).TotalSeconds:0} s" : "";
        return Task.FromResult(HealthCheckResult.Degraded(
            $"Redis at {redis.Endpoint} is unreachable{since}: this server serves its own screens, but changes made on other servers do not reach them until Redis is back."));
    }
}
