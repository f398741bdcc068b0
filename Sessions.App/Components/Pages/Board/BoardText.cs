namespace Sessions.App.Components.Pages.Board;

/// <summary>Words only the board uses, in the session's language (the shared ones are in Sessions.Core.Text.Labels).</summary>
public sealed record BoardText(string Page, string JoiningClosed, string JoiningClosedDetail)
{
    public static BoardText For(string language) => language == "nl" ? Dutch : English;

    public static BoardText English { get; } = new(
        Page: "Page",
        JoiningClosed: "Joining is closed",
        JoiningClosedDetail: "Everyone who has joined carries on.");

    public static BoardText Dutch { get; } = new(
        Page: "Pagina",
        JoiningClosed: "Aanmelden is gesloten",
        JoiningClosedDetail: "Wie al meedoet, doet gewoon verder mee.");
}
