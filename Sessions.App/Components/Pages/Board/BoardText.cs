using System.Globalization;
using Sessions.App.Resources;

namespace Sessions.App.Components.Pages.Board;

/// <summary>Words only the board uses, in the session's language (the shared ones are in <see cref="Labels"/>; the Dutch of both in SharedResource.nl.resx).</summary>
public sealed record BoardText(string Page, string JoiningClosed, string JoiningClosedDetail)
{
    public static BoardText For(string language) => language == "nl" ? Dutch : English;

    public static BoardText English { get; } = new(
        Page: "Page",
        JoiningClosed: "Joining is closed",
        JoiningClosedDetail: "Everyone who has joined carries on.");

    public static BoardText Dutch { get; } = Translate(English, CultureInfo.GetCultureInfo("nl"));

    private static BoardText Translate(BoardText english, CultureInfo culture)
    {
        string T(string text) => Labels.Translate(text, culture);
        return new(T(english.Page), T(english.JoiningClosed), T(english.JoiningClosedDetail));
    }
}
