using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.App.Components.Pages.Facilitator;

/// <summary>What the console asks before a move that the room would notice and that is not trivially undone.</summary>
public sealed record Confirmation(string Title, string Message, string Yes);

public static class ConsoleConfirmations
{
    /// <summary>
    /// Moving every screen away from a question that has no result yet: in the middle of collecting or
    /// voting that is usually a slip of the hand (→ is next to the keys a facilitator uses all day).
    /// </summary>
    public static Confirmation? ForGoTo(IStringLocalizer t, SessionSnapshot session, int position)
    {
        if (session.Current is not { } leaving || position == session.CurrentQuestion || leaving.Phase == Phase.Result)
        {
            return null;
        }
        var target = Place(t, session, position);
        return new Confirmation(
            t["Leave question {0}?", leaving.Number],
            t["Question {0} is still in {1} and has no result yet. Every screen moves to {2}; you can come back to question {0} later and carry on where it is.", leaving.Number, PhaseLabel(t, leaving.Phase), target],
            t["Go to {0}", target]);
    }

    /// <summary>Going back from the result reopens the vote and throws away how a tie was settled: say exactly what goes.</summary>
    public static Confirmation? ForPhase(IStringLocalizer t, QuestionSnapshot question, Phase to)
    {
        if (question.Phase != Phase.Result || to >= Phase.Result)
        {
            return null;
        }
        var undone = new List<string> { t["The top 3 disappears from every screen and voting opens again; every dot stays where it is."] };
        var winners = string.Join(", ", question.TieWinners.Select(id => $"“{Shorten(question.Answer(id)?.Text)}”"));
        if (question.TieSettledBy == TieSettlement.Runoff)
        {
            undone.Add(t["The runoff's outcome ({0}) is thrown away, with the runoff's dots: the tie opens again.", winners]);
        }
        else if (question.TieSettledBy == TieSettlement.Choice)
        {
            undone.Add(t["Your choice ({0}) is thrown away: the tie opens again.", winners]);
        }
        else if (question.Runoff == RunoffState.Open)
        {
            undone.Add(t["The open runoff stops and its dots are thrown away."]);
        }
        else if (question.Runoff == RunoffState.Closed)
        {
            undone.Add(t["The runoff's dots are thrown away."]);
        }
        return new Confirmation(t["Reopen the vote on question {0}?", question.Number], string.Join(" ", undone), t["Reopen the vote"]);
    }

    /// <summary>Asks, if there is something to ask; true when the move may go ahead.</summary>
    public static async Task<bool> AskAsync(this IDialogService dialogs, IStringLocalizer t, Confirmation? confirmation)
    {
        if (confirmation is null)
        {
            return true;
        }
        // Esc is the presenter's "no": it closes the question without moving anything.
        var answer = await dialogs.ShowMessageBoxAsync(confirmation.Title, confirmation.Message, yesText: confirmation.Yes, cancelText: t["Cancel"],
            options: new DialogOptions { CloseOnEscapeKey = true });
        return answer == true;
    }

    public static string Place(IStringLocalizer t, SessionSnapshot session, int position) =>
        position <= 0 ? t["the lobby"] : position > session.Questions.Count ? t["the wrap-up"] : LowerFirst(t["Question {0}", position]);

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLower(text[0], CultureInfo.CurrentCulture) + text[1..];

    public static string PhaseLabel(IStringLocalizer t, Phase phase) => t[phase.ToString()].Value.ToLower(CultureInfo.CurrentCulture);

    public static string Shorten(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "…";
}
