using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Sessions.Core.Domain;

namespace Sessions.Core.Services;

/// <summary>Per-participant limits ("Sessions:RateLimits"); generous for a person, tight for a script.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Sessions:RateLimits";

    /// <summary>Answers one participant may send in a burst, and per minute after it.</summary>
    public int AnswerBurst { get; set; } = 20;
    public int AnswersPerMinute { get; set; } = 30;

    /// <summary>Ballots (each change of dots is one) one participant may send in a burst, and per minute after it.</summary>
    public int BallotBurst { get; set; } = 30;
    public int BallotsPerMinute { get; set; } = 120;

    /// <summary>Per client address, for the HTTP API and the hub (the phones' own screens are limited per participant).</summary>
    public int SessionsCreatedPerMinutePerAddress { get; set; } = 30;
    public int JoinsPerMinutePerAddress { get; set; } = 600;

    /// <summary>Unknown join codes one address may try per minute before its join-code lookups are refused for a while.</summary>
    public int UnknownJoinCodesPerMinutePerAddress { get; set; } = 30;
}

/// <summary>
/// Limits what one participant can send, in the service layer, so the phone's screen, the HTTP API
/// and the hub share one budget. A refusal changes nothing and says to wait.
/// </summary>
public sealed class CommandThrottle : IDisposable
{
    public const string Answers = "answers";
    public const string Ballots = "ballots";

    private readonly PartitionedRateLimiter<(string Kind, Guid Participant)> _limiter;

    public CommandThrottle(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<(string Kind, Guid Participant), (string, Guid)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, k => new TokenBucketRateLimiterOptions
            {
                TokenLimit = k.Item1 == Answers ? o.AnswerBurst : o.BallotBurst,
                TokensPerPeriod = Math.Max(1, (k.Item1 == Answers ? o.AnswersPerMinute : o.BallotsPerMinute) / 6),
                ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public void Ensure(string kind, Guid participantId)
    {
        using var lease = _limiter.AttemptAcquire((kind, participantId));
        if (!lease.IsAcquired)
        {
            throw new SessionRuleException(SessionError.TooManyRequests,
                kind == Answers
                    ? "You are sending answers faster than anyone can read them; wait a few seconds."
                    : "Your dots are changing faster than the room can follow; wait a few seconds.");
        }
    }

    public void Dispose() => _limiter.Dispose();
}
