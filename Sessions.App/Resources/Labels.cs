using System.Globalization;
using System.Resources;
using Sessions.Core.Domain;

namespace Sessions.App.Resources;

/// <summary>
/// The words on the board and the phones, in the session's language (the board) or the phone's own. The English
/// is written here and is the key, as everywhere in the UI; the Dutch is in SharedResource.nl.resx with every
/// other text, so there is one place to translate.
/// </summary>
public sealed record Labels(
    string Join,
    string JoinAt,
    string Code,
    string Question,
    string Of,
    string Collect,
    string Converge,
    string Vote,
    string Result,
    string Lobby,
    string WrapUp,
    string Answers,
    string NoAnswersYet,
    string AnswersHiddenUntilReveal,
    string Dots,
    string DotsHidden,
    string Participants,
    string VotedAll,
    string Top3,
    string Tie,
    string TieExplanation,
    string RunoffOpen,
    string RunoffTiedAgain,
    string SettledByRunoff,
    string SettledByChoice,
    string NoResult,
    string WaitingToStart,
    string YourName,
    string YourOrganisation,
    string MayBeNamed,
    string JoinButton,
    string YourAnswer,
    string Send,
    string YourAnswers,
    string Edit,
    string Withdraw,
    string Save,
    string Cancel,
    string OthersAnswers,
    string DotsLeft,
    string NoDotsLeft,
    string MaxPerAnswer,
    string AddDot,
    string RemoveDot,
    string WaitForVote,
    string RunoffVote,
    string SessionEnded,
    string Merged,
    string Thanks,
    string Removed,
    string JoiningClosed,
    string TimeLeft,
    string ParticipantSingular,
    string AnswerSingular,
    string DotLeft)
{
    public string ParticipantCount(int n) => $"{n} {(n == 1 ? ParticipantSingular : Participants)}";

    public string AnswerCount(int n) => $"{n} {(n == 1 ? AnswerSingular : Answers)}";

    public string PhaseName(Phase phase) => phase switch
    {
        Phase.Collect => Collect,
        Phase.Converge => Converge,
        Phase.Vote => Vote,
        _ => Result,
    };

    public static Labels For(SessionLanguage language) => language == SessionLanguage.Nl ? Dutch : English;

    /// <summary>The labels of a person's own language (a phone follows its browser, not the session).</summary>
    public static Labels ForCulture(System.Globalization.CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? English : Dutch;

    /// <summary>The UI's resources, read in a language of choice rather than the reader's.</summary>
    private static ResourceManager Resources { get; } = new(typeof(SharedResource)) { IgnoreCase = true };

    /// <summary>
    /// The translation of <paramref name="english"/>. Resource names ignore case, so a word in lower case (a count's
    /// "answers") shares the entry of its capitalised form ("Answers") and keeps its own first letter.
    /// </summary>
    internal static string Translate(string english, CultureInfo culture)
    {
        var text = Resources.GetString(english, culture) ?? english;
        return english.Length > 0 && char.IsLower(english[0]) && text.Length > 0
            ? char.ToLower(text[0], culture) + text[1..]
            : text;
    }

    public static Labels English { get; } = new(
        Join: "Join",
        JoinAt: "Join at",
        Code: "Code",
        Question: "Question",
        Of: "of",
        Collect: "Write your answers",
        Converge: "Merging duplicates",
        Vote: "Vote with your dots",
        Result: "Result",
        Lobby: "Scan the code or open the link to join",
        WrapUp: "What we chose",
        Answers: "answers",
        NoAnswersYet: "No answers yet",
        AnswersHiddenUntilReveal: "Everyone writes in silence; the answers appear when the facilitator reveals them.",
        Dots: "dots",
        DotsHidden: "Counts are hidden until the reveal",
        Participants: "participants",
        VotedAll: "placed all their dots",
        Top3: "Top 3",
        Tie: "Tie",
        TieExplanation: "These answers are tied at the cut-off of the top 3; the facilitator settles it.",
        RunoffOpen: "Runoff: vote for one of the tied answers",
        RunoffTiedAgain: "The runoff tied again; the facilitator chooses.",
        SettledByRunoff: "Tie settled by a runoff vote",
        SettledByChoice: "Tie settled by the facilitator's choice",
        NoResult: "No answer received a dot.",
        WaitingToStart: "You're in. The session starts soon.",
        YourName: "Your name",
        YourOrganisation: "Organisation (optional)",
        MayBeNamed: "You may name me in the report",
        JoinButton: "Join",
        YourAnswer: "Your answer",
        Send: "Send",
        YourAnswers: "Your answers",
        Edit: "Edit",
        Withdraw: "Withdraw",
        Save: "Save",
        Cancel: "Cancel",
        OthersAnswers: "All answers",
        DotsLeft: "dots left",
        NoDotsLeft: "You have no dots left: take one back first.",
        MaxPerAnswer: "That is the most dots one answer can get from you.",
        AddDot: "Add a dot to",
        RemoveDot: "Take a dot back from",
        WaitForVote: "The facilitator is merging duplicates. Voting starts soon.",
        RunoffVote: "Runoff: one dot for one of the tied answers",
        SessionEnded: "This session has ended or was deleted.",
        Merged: "merged",
        Thanks: "Thank you for taking part!",
        Removed: "The facilitator has removed you from this session.",
        JoiningClosed: "This session is closed to new participants.",
        TimeLeft: "Time left",
        ParticipantSingular: "participant",
        AnswerSingular: "answer",
        DotLeft: "dot left");

    public static Labels Dutch { get; } = Translate(English, CultureInfo.GetCultureInfo("nl"));

    private static Labels Translate(Labels english, CultureInfo culture)
    {
        string T(string text) => Translate(text, culture);
        return new(
            Join: T(english.Join),
            JoinAt: T(english.JoinAt),
            Code: T(english.Code),
            Question: T(english.Question),
            Of: T(english.Of),
            Collect: T(english.Collect),
            Converge: T(english.Converge),
            Vote: T(english.Vote),
            Result: T(english.Result),
            Lobby: T(english.Lobby),
            WrapUp: T(english.WrapUp),
            Answers: T(english.Answers),
            NoAnswersYet: T(english.NoAnswersYet),
            AnswersHiddenUntilReveal: T(english.AnswersHiddenUntilReveal),
            Dots: T(english.Dots),
            DotsHidden: T(english.DotsHidden),
            Participants: T(english.Participants),
            VotedAll: T(english.VotedAll),
            Top3: T(english.Top3),
            Tie: T(english.Tie),
            TieExplanation: T(english.TieExplanation),
            RunoffOpen: T(english.RunoffOpen),
            RunoffTiedAgain: T(english.RunoffTiedAgain),
            SettledByRunoff: T(english.SettledByRunoff),
            SettledByChoice: T(english.SettledByChoice),
            NoResult: T(english.NoResult),
            WaitingToStart: T(english.WaitingToStart),
            YourName: T(english.YourName),
            YourOrganisation: T(english.YourOrganisation),
            MayBeNamed: T(english.MayBeNamed),
            JoinButton: T(english.JoinButton),
            YourAnswer: T(english.YourAnswer),
            Send: T(english.Send),
            YourAnswers: T(english.YourAnswers),
            Edit: T(english.Edit),
            Withdraw: T(english.Withdraw),
            Save: T(english.Save),
            Cancel: T(english.Cancel),
            OthersAnswers: T(english.OthersAnswers),
            DotsLeft: T(english.DotsLeft),
            NoDotsLeft: T(english.NoDotsLeft),
            MaxPerAnswer: T(english.MaxPerAnswer),
            AddDot: T(english.AddDot),
            RemoveDot: T(english.RemoveDot),
            WaitForVote: T(english.WaitForVote),
            RunoffVote: T(english.RunoffVote),
            SessionEnded: T(english.SessionEnded),
            Merged: T(english.Merged),
            Thanks: T(english.Thanks),
            Removed: T(english.Removed),
            JoiningClosed: T(english.JoiningClosed),
            TimeLeft: T(english.TimeLeft),
            ParticipantSingular: T(english.ParticipantSingular),
            AnswerSingular: T(english.AnswerSingular),
            DotLeft: T(english.DotLeft));
    }
}
