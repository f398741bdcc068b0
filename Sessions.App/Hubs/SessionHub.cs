using Microsoft.AspNetCore.SignalR;
using Sessions.App.Realtime;
using Sessions.App.Security;
using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.App.Hubs;

/// <summary>
/// For clients that are not Blazor circuits (scripts, load tools, other apps): watch a session and
/// run the participant commands. Same services as the pages and the HTTP endpoints.
/// </summary>
public sealed class SessionHub(
    SessionReader reader,
    ParticipantService participants,
    JoinCodeGuard guard,
    AddressLimits limits,
    HubRefusalLog refusals,
    HubEventRelay relay) : Hub<ISessionClient>
{
    public const string Path = "/hubs/session";

    public static string GroupName(string joinCode) => "session:" + JoinCode.Normalize(joinCode);

    /// <summary>
    /// Starts sending SessionChanged for the session and returns its public state now. The watch starts
    /// before the state is read, so a change committed in between is never missed.
    /// </summary>
    public Task<PublicSessionState> Watch(string joinCode) =>
        Run(async () =>
        {
            var sessionId = await reader.ResolveAsync(joinCode, Context.ConnectionAborted);
            var code = JoinCode.Normalize(joinCode);
            relay.Watch(Context.ConnectionId, sessionId, code);
            if (relay.SendsToGroups)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(code), Context.ConnectionAborted);
            }
            return PublicStateBuilder.Build(await reader.GetAsync(sessionId, Context.ConnectionAborted));
        });

    public async Task Unwatch(string joinCode)
    {
        relay.Unwatch(Context.ConnectionId, JoinCode.Normalize(joinCode));
        if (relay.SendsToGroups)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(joinCode), Context.ConnectionAborted);
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        relay.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<PublicSessionState> GetState(string joinCode) =>
        PublicStateBuilder.Build(await Run(() => reader.GetByJoinCodeAsync(joinCode, Context.ConnectionAborted)));

    /// <summary>Joining draws on the same per-address budget as joining over HTTP.</summary>
    public Task<JoinedParticipant> Join(string joinCode, string name, string? organisation, bool mayBeNamed) =>
        Run(() =>
        {
            limits.Ensure(AddressLimits.Join, Address);
            return participants.JoinAsync(joinCode, new JoinRequest(name, organisation, mayBeNamed), Context.ConnectionAborted);
        });

    /// <summary>
    /// Join for a phone that holds a participant token: a token valid for the session is that participant again
    /// (<c>rejoined</c> true, same budget and ballots), and costs nothing of the join budget; any other token joins
    /// someone new, as <see cref="Join"/> does. (A hub method cannot take an optional argument, hence a method of its own.)
    /// </summary>
    public Task<JoinedParticipant> Rejoin(string joinCode, string? participantToken, string name, string? organisation, bool mayBeNamed) =>
        Run(async () =>
        {
            await limits.EnsureUnlessReturningAsync(AddressLimits.Join, Address, joinCode, participantToken, participants, Context.ConnectionAborted);
            return await participants.JoinAsync(joinCode, new JoinRequest(name, organisation, mayBeNamed, participantToken), Context.ConnectionAborted);
        }, joinCode, participantToken);

    public Task<Guid> SubmitAnswer(string joinCode, int questionNumber, string participantToken, string text, string? clientRequestId) =>
        Run(() => participants.SubmitAnswerAsync(joinCode, questionNumber, participantToken, text, clientRequestId, Context.ConnectionAborted), joinCode, participantToken);

    public Task<IReadOnlyDictionary<Guid, int>> PutBallot(string joinCode, int questionNumber, string participantToken, Dictionary<Guid, int> dots) =>
        Run(() => participants.PutBallotAsync(joinCode, questionNumber, participantToken, dots, cancellationToken: Context.ConnectionAborted), joinCode, participantToken);

    private string Address => Context.GetHttpContext() is { } http ? ClientRateLimits.ClientAddress(http) : "hub:" + Context.ConnectionId;

    /// <summary>
    /// A refusal reaches the client as a HubException with the same clear message as the HTTP detail, and the
    /// log hears of it once per kind a minute, as a warning without a stack trace: a script sending refused
    /// calls in a loop cannot fill the log. Unknown join codes count against the caller's address, as over HTTP;
    /// a call with a participant token of the session passes even when the address is blocked.
    /// </summary>
    private async Task<T> Run<T>(Func<Task<T>> command, string? joinCode = null, string? participantToken = null, [System.Runtime.CompilerServices.CallerMemberName] string method = "")
    {
        var address = Address;
        try
        {
            await guard.EnsureAllowedAsync(address, joinCode, participantToken, participants, Context.ConnectionAborted);
            return await command();
        }
        catch (SessionRuleException ex)
        {
            if (SessionReader.IsUnknownJoinCode(ex))
            {
                guard.RecordMiss(address);
            }
            refusals.Refused(method, ex);
            throw new HubException(ex.Message);
        }
        catch (Exception ex) when (ex is not (HubException or OperationCanceledException))
        {
            // SignalR's own report of a failed call is kept out of the log (Program.cs), so the real failures are logged here.
            Context.GetHttpContext()?.RequestServices.GetRequiredService<ILogger<SessionHub>>()
                .LogError(ex, "Hub call {Method} failed", method);
            throw;
        }
    }
}
