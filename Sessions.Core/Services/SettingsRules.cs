using Sessions.Core.Domain;

namespace Sessions.Core.Services;

internal static class SettingsRules
{
    public static void Validate(int dotsPerParticipant, int maxDotsPerAnswer)
    {
        if (dotsPerParticipant is < SessionSettings.MinDots or > SessionSettings.MaxDots)
        {
            throw SessionRuleException.Invalid("Dots per participant must be between {0} and {1}.", SessionSettings.MinDots, SessionSettings.MaxDots);
        }
        if (maxDotsPerAnswer < 1 || maxDotsPerAnswer > dotsPerParticipant)
        {
            throw SessionRuleException.Invalid("Dots per answer must be between 1 and the dots per participant ({0}).", dotsPerParticipant);
        }
    }
}
