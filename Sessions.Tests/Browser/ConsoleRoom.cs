using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Tests.Browser;

/// <summary>
/// A real room's first question, for the facilitator's console: 32 participants and 64 answers, with
/// near-duplicates to merge, answers of 500 characters and a long Dutch compound. Written through the
/// app's own services (the phones are tested elsewhere), so a console test starts in seconds.
/// </summary>
public sealed record ConsoleRoom(CreatedSession Session, IReadOnlyDictionary<string, Guid> Answers, IReadOnlyList<string> Tokens)
{
    public const string Question = "Wat maakt samenwerken tussen organisaties in de regio makkelijker?";

    /// <summary>A 500-character answer: the longest a phone can send.</summary>
    public static readonly string Longest = Pad("Een vaste regietafel waar gemeenten, zorgaanbieders, scholen en bewonersinitiatieven elke maand samen aan tafel zitten, met een onafhankelijke voorzitter, een gedeelde agenda die iedereen kan aanvullen, en afspraken die openbaar worden bijgehouden zodat ook wie er niet bij was kan zien wat er besloten is en waarom", 500);

    public const string Compound = "Arbeidsmarktcommunicatiesamenwerkingsverbandafspraken vastleggen";

    private static readonly string[] Themes =
    [
        "Meer tijd om elkaar te leren kennen",
        "Meer tijd om elkaar echt te leren kennen",
        "Tijd om elkaar te leren kennen buiten vergaderingen",
        "Korte lijnen tussen de uitvoerders",
        "Korte lijnen, direct bellen in plaats van mailen",
        "Een gedeeld dossier per inwoner",
        "Eén dossier dat alle organisaties kunnen inzien",
        "Minder vergaderingen, meer doen",
        "Minder vergaderen en meer samen doen",
        "Geld dat de schotten tussen budgetten overstijgt",
        "Ontschotte budgetten",
        "Vertrouwen geven aan professionals",
        "Vertrouwen in de professional in plaats van regels",
        "Samen leren van wat misging",
        "Fouten mogen maken en daarvan leren",
        "Een gezamenlijke opleiding voor nieuwe medewerkers",
        "Bewoners vanaf het begin betrekken",
        "Inwoners echt laten meebeslissen",
        "Duidelijke afspraken over privacy",
        "Heldere regels over het delen van gegevens",
        "Een vaste contactpersoon per organisatie",
        "Elkaars taal leren spreken",
        "Geen jargon in gezamenlijke stukken",
        "Successen samen vieren",
        "Een gedeelde werkplek één dag per week",
        "Bestuurders die ruimte geven",
        "Langjarige financiering in plaats van projecten",
        "Minder projectsubsidies, meer structureel geld",
        Compound,
        "Schijnparticipatie voorkomen",
    ];

    public static async Task<ConsoleRoom> CreateAsync(IServiceProvider services, int answerCount = 64, int participantCount = 32, string language = "nl")
    {
        using var scope = services.CreateScope();
        var catalog = scope.ServiceProvider.GetRequiredService<SessionCatalog>();
        var participants = scope.ServiceProvider.GetRequiredService<ParticipantService>();
        var facilitator = scope.ServiceProvider.GetRequiredService<FacilitatorService>();
        var session = await catalog.CreateAsync(new CreateSessionRequest("Regionale samenwerking", Language: language, Questions: [Question, "Wat is de eerste stap?"]));
        var tokens = new List<string>();
        for (var i = 0; i < participantCount; i++)
        {
            tokens.Add((await participants.JoinAsync(session.JoinCode, new JoinRequest($"Deelnemer {i + 1}", null, false))).ParticipantToken);
        }
        await facilitator.GoToAsync(session.SessionId, session.FacilitatorKey, 1);
        var answers = new Dictionary<string, Guid>();
        for (var i = 0; i < answerCount; i++)
        {
            var text = Text(i);
            answers[text] = await participants.SubmitAnswerAsync(session.JoinCode, 1, tokens[i % tokens.Count], text, $"room-{i}");
        }
        return new ConsoleRoom(session, answers, tokens);
    }

    /// <summary>The themes first, then 500-character answers and numbered variations, all different.</summary>
    public static string Text(int i) => i switch
    {
        _ when i < Themes.Length => Themes[i],
        _ when i % 10 == 0 => Pad($"Antwoord {i}: " + Longest, 500),
        _ => $"{Themes[i % Themes.Length]} (groep {i / Themes.Length + 1})",
    };

    private static string Pad(string text, int length)
    {
        var filler = " en dat vraagt om geduld, om mensen die elkaar blijven opzoeken en om bestuurders die het volhouden";
        while (text.Length < length)
        {
            text += filler;
        }
        return text[..length];
    }
}
