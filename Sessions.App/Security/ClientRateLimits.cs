using System.Collections.Concurrent;
using System.Net;
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
    /// <summary>The per-address budgets (<see cref="AddressLimits"/>) and the guard against guessing join codes.</summary>
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<JoinCodeGuard>();
        services.AddSingleton<AddressLimits>();
        // The middleware stays for limits a deployment may add; the app's own budgets are shared by HTTP and the hub.
        services.AddRateLimiter(options => options.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        return services;
    }

    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();
}

/// <summary>
/// Makes guessing join codes impractical: an address that tries more unknown codes than allowed in a
/// minute has every join-code lookup refused until that minute is over, except requests that carry a
/// participant token valid for the session they name: a guesser on the venue's Wi-Fi does not cut off
/// the room behind the same address.
/// </summary>
public sealed class JoinCodeGuard(IOptions<RateLimitOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (long Minute, int Misses)> _misses = new();

    public bool IsBlocked(string address) =>
        _misses.TryGetValue(address, out var entry) && entry.Minute == CurrentMinute() && entry.Misses >= options.Value.UnknownJoinCodesPerMinutePerAddress;

    public void EnsureAllowed(string address)
    {
        if (IsBlocked(address))
        {
            throw new SessionRuleException(SessionError.TooManyRequests, "Too many unknown join codes from this address; wait a minute and check the code on the board.");
        }
    }

    /// <summary>
    /// As <see cref="EnsureAllowed"/>, but a blocked address still passes with a participant token of the session
    /// the join code names: whoever holds one has joined already and guesses nothing. Only blocked addresses pay
    /// for the look-up.
    /// </summary>
    public async Task EnsureAllowedAsync(string address, string? joinCode, string? participantToken, ParticipantService participants, CancellationToken cancellationToken)
    {
        if (!IsBlocked(address))
        {
            return;
        }
        // An unknown code with a token is still a guess.
        if (joinCode is not null && await participants.IsReturningAsync(joinCode, participantToken, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        EnsureAllowed(address);
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
