using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Tests.Reports;

/// <summary>Drives a session through the real services, the way a facilitator and a room would.</summary>
public sealed class Workshop(SessionCatalog catalog, ParticipantService participants, FacilitatorService facilitator, SessionReader reader)
{
    public static readonly DateOnly SessionDate = new(2022, 11, 25);

    public const string Title = "Vernieuwen in het onderwijs";
    public const string Closing = "Dank jullie wel voor het meedenken.\n\nTot de volgende keer!";
    public const string Question1 = "Wat heb je nodig om te vernieuwen?";
    public const string Question2 = "Wat houdt je tegen?";

    public const string SecretName = "Zora Geheim";
    public const string SecretOrganisation = "Verborgen BV";

    public CreatedSession Session { get; private set; } = null!;

    public Dictionary<string, string> Tokens { get; } = [];

    public Dictionary<string, Guid> Answers { get; } = [];

    public async Task<CreatedSession> CreateAsync(
        IReadOnlyList<string>? questions = null, string language = "nl", DateOnly? date = null, string? closing = Closing, string title = Title)
    {
        Session = await catalog.CreateAsync(new CreateSessionRequest(
            title,
            Date: date ?? SessionDate,
            Language: language,
            Intro: "Een middag over vernieuwen.",
            Questions: questions ?? [Question1, Question2],
            DotsPerParticipant: 3,
            MaxDotsPerAnswer: 1,
            ClosingText: closing));
        return Session;
    }

    public async Task JoinAsync(string key, string name, string? organisation, bool mayBeNamed = true) =>
        Tokens[key] = (await participants.JoinAsync(Session.JoinCode, new JoinRequest(name, organisation, mayBeNamed))).ParticipantToken;

    public async Task<Guid> AnswerAsync(string who, string key, string text, int question = 1) =>
        Answers[key] = await participants.SubmitAnswerAsync(Session.JoinCode, question, Tokens[who], text, null);

    public Task BallotAsync(string who, int question, params string[] answers) =>
        participants.PutBallotAsync(Session.JoinCode, question, Tokens[who], answers.ToDictionary(a => Answers[a], _ => 1));

    public Task MergeAsync(int question, string source, string target, string? newText = null) =>
        facilitator.MergeAsync(Session.SessionId, Session.FacilitatorKey, question, Answers[source], Answers[target], newText);

    public Task HideAsync(int question, string answer) =>
        facilitator.PatchAnswerAsync(Session.SessionId, Session.FacilitatorKey, question, Answers[answer], null, true);

    public Task ChooseAsync(int question, params string[] winners) =>
        facilitator.ChooseTieWinnersAsync(Session.SessionId, Session.FacilitatorKey, question, winners.Select(w => Answers[w]).ToList());

    public Task GoToAsync(int position) => facilitator.GoToAsync(Session.SessionId, Session.FacilitatorKey, position);

    /// <summary>Moves a question one phase at a time until it reaches <paramref name="target"/>.</summary>
    public async Task MoveToAsync(int question, Phase target)
    {
        while (true)
        {
            var current = (await reader.GetAsync(Session.SessionId)).Question(question)!.Phase;
            if (current == target)
            {
                return;
            }
            await facilitator.SetPhaseAsync(Session.SessionId, Session.FacilitatorKey, question, current < target ? current + 1 : current - 1);
        }
    }

    /// <summary>
    /// The full story: three people join (the second did not consent to be named); question 1 has a
    /// merge, a hidden answer and a tie across the cut-off settled by the facilitator's choice;
    /// question 2 has a clear top 3 with Dutch typography. Both questions end in the result.
    /// </summary>
    public async Task<CreatedSession> RunFullSessionAsync(string language = "nl")
    {
        await CreateAsync(language: language);
        await JoinAsync("willem", "Willem de Vries", "Gemeente Utrecht");
        await JoinAsync("zora", SecretName, SecretOrganisation, mayBeNamed: false);
        await JoinAsync("anna", "Anna Bakker", "Hogeschool Arnhem");
        await GoToAsync(1);

        await AnswerAsync("willem", "tijd", "Meer tijd voor elkaar");
        await AnswerAsync("zora", "minder", "Minder vergaderen");
        await AnswerAsync("anna", "leren", "Samen leren");
        await AnswerAsync("willem", "tijd2", "tijd met elkaar");
        await AnswerAsync("zora", "spam", "Koop nu goedkope horloges");
        await AnswerAsync("anna", "lijnen", "Kortere lijnen");
        await MoveToAsync(1, Phase.Converge);
        await MergeAsync(1, "tijd2", "tijd", "Meer tijd met elkaar");
        await HideAsync(1, "spam");
        await MoveToAsync(1, Phase.Vote);
        // tijd 3 dots; minder, leren and lijnen 2 each: three tied for the two open places.
        await BallotAsync("willem", 1, "tijd", "minder", "leren");
        await BallotAsync("zora", 1, "tijd", "minder", "lijnen");
        await BallotAsync("anna", 1, "tijd", "leren", "lijnen");
        await MoveToAsync(1, Phase.Result);
        await ChooseAsync(1, "leren", "lijnen");

        await GoToAsync(2);
        await AnswerAsync("willem", "ideeen", "Ideeën delen kost tijd", 2);
        await AnswerAsync("anna", "echt", "Elkaar écht zien", 2);
        await AnswerAsync("zora", "gewoon", "‘Gewoon’ doen, zei de directeur", 2);
        await MoveToAsync(2, Phase.Vote);
        await BallotAsync("willem", 2, "ideeen", "echt", "gewoon");
        await BallotAsync("zora", 2, "ideeen", "echt");
        await BallotAsync("anna", 2, "ideeen");
        await MoveToAsync(2, Phase.Result);
        await GoToAsync(3);
        return Session;
    }
}
