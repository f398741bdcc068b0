using Microsoft.Extensions.Localization;
using Sessions.Core.Domain;

namespace Sessions.App.Components.Shared;

/// <summary>
/// The one way a screen runs a command of the core: a refusal (<see cref="SessionRuleException"/>) is shown
/// where the screen shows its messages, in the reader's language, and the command counts as not done. Any
/// other failure is no refusal of a rule: it goes on to the circuit's error handling.
/// </summary>
public static class Refusals
{
    /// <summary>Runs <paramref name="command"/>; on a refusal, <paramref name="show"/> gets its localized text.</summary>
    /// <returns>Whether the command went through.</returns>
    public static async Task<bool> TryRunAsync(this IStringLocalizer localizer, Func<Task> command, Action<string> show)
    {
        if (await OfAsync(command) is not { } refusal)
        {
            return true;
        }
        show(localizer.Localize(refusal));
        return false;
    }

    /// <summary>The refusal <paramref name="command"/> met, or null when it went through: for a screen that decides by its kind.</summary>
    public static async Task<SessionRuleException?> OfAsync(Func<Task> command)
    {
        try
        {
            await command();
            return null;
        }
        catch (SessionRuleException refusal)
        {
            return refusal;
        }
    }

    /// <summary>The refusal a synchronous rule gives, or null when it lets the input pass.</summary>
    public static SessionRuleException? Of(Action rule) =>
        OfAsync(() =>
        {
            rule();
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
}
