using Sessions.Core.Services;

namespace Sessions.App.Endpoints;

public sealed record SessionLinks(string Join, string Board, string Facilitator)
{
    public static SessionLinks For(HttpRequest request, CreatedSession created) =>
        For($"{request.Scheme}://{request.Host}{request.PathBase}/", created.SessionId, created.JoinCode, created.FacilitatorKey);

    public static SessionLinks For(string baseUri, Guid sessionId, string joinCode, string facilitatorKey)
    {
        var root = baseUri.EndsWith('/') ? baseUri : baseUri + "/";
        return new SessionLinks(
            $"{root}join/{joinCode}",
            $"{root}board/{joinCode}",
            $"{root}facilitate/{sessionId}?key={Uri.EscapeDataString(facilitatorKey)}");
    }
}
