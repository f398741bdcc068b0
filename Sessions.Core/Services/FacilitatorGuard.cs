using Sessions.Core.Domain;
using Sessions.Core.Security;

namespace Sessions.Core.Services;

internal static class FacilitatorGuard
{
    public static void Ensure(string? facilitatorKey, byte[] storedHash)
    {
        if (string.IsNullOrEmpty(facilitatorKey))
        {
            throw SessionRuleException.Unauthorized("This needs the facilitator key of the session.");
        }
        if (!Secrets.Matches(facilitatorKey, storedHash))
        {
            throw new SessionRuleException(SessionError.Forbidden, "That is not the facilitator key of this session.");
        }
    }
}
