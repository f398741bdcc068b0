using Microsoft.Extensions.Localization;

namespace Sessions.App.Components.Shared;

public static class Plurals
{
    /// <summary>
    /// One text for a count of one and another for any other count, each translated whole ("1 plaats",
    /// "2 plaatsen"), instead of "plaats(en)". Dutch and English both have just these two forms.
    /// </summary>
    public static string Plural(this IStringLocalizer localizer, int count, string one, string other, params object[] arguments) =>
        localizer[count == 1 ? one : other, arguments].Value;
}
