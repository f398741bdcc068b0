using System.Globalization;
using Microsoft.Extensions.Localization;
using Sessions.Core.Domain;

namespace Sessions.App.Components.Shared;

public static class Messages
{
    /// <summary>
    /// A refusal from the core in the reader's language: its English template and the words in it
    /// (what was refused, a phase) are looked up in the resources; numbers and codes stay as they are.
    /// Untranslated text shows in English rather than not at all.
    /// </summary>
    public static string Localize(this IStringLocalizer localizer, SessionRuleException refusal)
    {
        var arguments = refusal.Arguments.Select(a => a switch
        {
            PhaseName phase => localizer[phase.Phase.ToString()].Value.ToLower(CultureInfo.CurrentCulture),
            string text => localizer[text].Value,
            _ => a ?? "",
        }).ToArray<object>();
        // A template without arguments is not a format string: an API hint such as {"winners": [...]} holds braces.
        if (arguments.Length == 0)
        {
            return localizer[refusal.Template].Value;
        }
        try
        {
            return localizer[refusal.Template, arguments].Value;
        }
        catch (FormatException)
        {
            return refusal.Message;
        }
    }
}
