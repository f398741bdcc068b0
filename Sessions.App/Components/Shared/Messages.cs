using System.Globalization;
using Microsoft.Extensions.Localization;
using Sessions.Core.Domain;
using Sessions.Core.Text;

namespace Sessions.App.Components.Shared;

public static class Messages
{
    /// <summary>
    /// A refusal from the core in the reader's language: its English template and the words in it
    /// (what was refused, a phase) are looked up in the resources; numbers and codes stay as they are.
    /// Untranslated text shows in English rather than not at all.
    /// </summary>
    public static string Localize(this IStringLocalizer localizer, SessionRuleException refusal) =>
        localizer.Localize(refusal.Template, refusal.Arguments, refusal.Message);

    /// <summary>A sentence of the app's own (a request the API could not read, say) in the reader's language, as a refusal is.</summary>
    public static string Localize(this IStringLocalizer localizer, LocalizableText text) =>
        localizer.Localize(text.Template, text.Arguments, text.ToString());

    private static string Localize(this IStringLocalizer localizer, string template, IReadOnlyList<object?> arguments, string english)
    {
        var localized = arguments.Select(a => a switch
        {
            PhaseName phase => localizer[phase.Phase.ToString()].Value.ToLower(CultureInfo.CurrentCulture),
            LocalizableText text => localizer.Localize(text),
            string text => localizer[text].Value,
            _ => a ?? "",
        }).ToArray<object>();
        // A template without arguments is not a format string: an API hint such as {"winners": [...]} holds braces.
        if (localized.Length == 0)
        {
            return localizer[template].Value;
        }
        try
        {
            return localizer[template, localized].Value;
        }
        catch (FormatException)
        {
            return english;
        }
    }
}
