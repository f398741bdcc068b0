namespace Sessions.App.Hubs;

/// <summary>What the hub sends to watchers.</summary>
public interface ISessionClient
{
    Task SessionChanged(SessionChangedMessage message);
}

/// <param name="Deleted">True when the facilitator deleted the session.</param>
public sealed record SessionChangedMessage(string JoinCode, long Version, bool Deleted);
