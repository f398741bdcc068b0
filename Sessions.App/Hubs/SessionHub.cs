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
public sealed class SessionHub(SessionReader reader, ParticipantService participants, JoinCodeGuard guard, HubEventRelay relay) : Hub<ISessionClient>
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

    public Task<JoinedParticipant> Join(string joinCode, string name, string? organisation, bool mayBeNamed) =>
        Run(() => participants.JoinAsync(joinCode, new JoinRequest(name, organisation, mayBeNamed), Context.ConnectionAborted));

    public Task<Guid> SubmitAnswer(string joinCode, int questionNumber, string participantToken, string text, string? clientRequestId) =>
        Run(() => participants.SubmitAnswerAsync(joinCode, questionNumber, participantToken, text, clientRequestId, Context.ConnectionAborted));

    public Task<IReadOnlyDictionary<Guid, int>> PutBallot(string joinCode, int questionNumber, string participantToken, Dictionary<Guid, int> dots) =>
        Run(() => participants.PutBallotAsync(joinCode, questionNumber, participantToken, dots, cancellationToken: Context.ConnectionAborted));

    /// <summary>
    /// A refusal reaches the client as a HubException with the same clear message as the HTTP detail.
    /// Unknown join codes count against the caller's address, as over HTTP.
    /// </summary>
    private async Task<T> Run<T>(Func<Task<T>> command)
    {
        var address = Context.GetHttpContext() is { } http ? ClientRateLimits.ClientAddress(http) : "hub:" + Context.ConnectionId;
        try
        {
            guard.EnsureAllowed(address);
            return await command();
        }
        catch (SessionRuleException ex)
        {
            if (SessionReader.IsUnknownJoinCode(ex))
            {
                guard.RecordMiss(address);
            }
            throw new HubException(ex.Message);
        }
    }
}
