using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Domain;
using Sessions.Core.Reports;
using Sessions.Core.Services;
using Sessions.Core.Templates;
using Sessions.Tests.Support;

namespace Sessions.Tests.Golden;

/// <summary>
/// The session of 25 November 2022 run again through the services: the template's four questions,
/// the twelve participants of the published post (in its order, all named), and per question the
/// post's three answers voted into first, second and third place (12, 8 and 4 dots).
/// </summary>
public sealed class SeedSession : IAsyncLifetime
{
    public static readonly (string Name, string Organisation)[] People =
    [
        ("Martijn Aslander", "Ons Werk is Stuk"),
        ("Lex Tabak", "zzp-erindezorg.nl"),
        ("Piet Meij", "NBBU"),
        ("Loes Waterreus", "NBBU"),
        ("Sandra Mastboom", "WeConomics"),
        ("Esther Dusseldorp", "Tulpenfonds"),
        ("Niels van Berkel", "Planetinterim.nl"),
        ("Sem Overduin", "Headfirst"),
        ("Martijn Muller", "BetsellenBij.nl"),
        ("Peter Geilen", "Zorg&Co"),
        ("Marijke Krabbenbos", "IdeaCompany"),
        ("Roos Wouters", "Werkvereniging"),
    ];

    public static readonly string[][] Top3 =
    [
        [
            "Als we gaan sturen op intrinsieke motivatie van werkenden inplaats van op dwang, dan dat levert dat een productiviteitsstijging op, zo blijkt uit onderzoek (5:1).",
            "Als we onze gedeelde waarden als uitgangspunt nemen en niet het ‘wij-zij’ denken tussen tussen zzp en loondienst, dan kan iedereen op eigen wijze een bijdrage leveren aan de community en het ecosysteem.",
            "Als we de mens als uitgangspunt nemen en niet het Bruto Nationaal Product, dan verhogen we ons Bruto Nationaal Geluk. Van welvaart naar welzijn.",
        ],
        [
            "We willen basiszekerheden die met de werkenden meebewegen, ongeacht de contractvorm.",
            "We willen dat de overheid een meer adviserende en faciliterende rol op zich neemt ipv een dwingende rol. Welke keuzes hebben welke gevolgen, waarbij de werkenden kan bepalen welke werkvorm en welke zekerheden het beste bij haar/hem past?",
            "We willen opnieuw bekijken hoe wij arbeid organiseren. Als het bedrijf niet centraal staat wat betekend dit dan voor de manier waarop we werken.",
        ],
        [
            "We willen geen onderscheid meer maken tussen betaald en onbetaald werk. In ons ecosysteem moeten niet de oude waarden zoals status de economische waarde bepalen maar wat de toegevoegde waarde is aan het ecosysteem.",
            "We willen af van de huidige focus op: learn (t/m 18 jaar), earn (18/65 jaar) en return (65->). Een leven lang leren is het uitgangspunt.",
            "We willen af van de koppeling tussen de contractvorm en het verkrijgen van een hypotheek.",
        ],
        [
            "We willen dat mensen rechtstreeks kunnen stemmen op de afspraken binnen het ecosysteem, niet via vakvereniging of een vertegenwoordiger omdat deze vaak het eigen belang en niet ons gedeelde belang voor ogen hebben.",
            "We willen samenwerken als uitgangspunt nemen. Daarvoor laten we de vermeende tegenstellingen tussen loondienst en freelance los.",
            "We willen onze waarden herwaarderen: van economische waarden naar maatschappelijke waarden.",
        ],
    ];

    public const string Closing = "“In a liquid modern life there are no permanent bonds, and any that we take up for a time must be tied loosely so that they can be untied again, as quickly and as effortlessly as possible, when circumstances change as they surely will in our liquid modern society, over and over again.”\n\nZygmund Bauman";

    private CoreHarness _core = default!;

    public CreatedSession Session { get; private set; } = default!;
    public SessionSnapshot Snapshot { get; private set; } = default!;
    public ReportService Reports => _core.Reports;

    public async Task InitializeAsync()
    {
        _core = await CoreHarness.StartAsync();
        var (catalog, participants, facilitator) = (_core.Catalog, _core.Participants, _core.Facilitator);

        Session = await catalog.CreateAsync(new CreateSessionRequest("Platform vernieuwen doe je samen", new DateOnly(2022, 11, 25), Template: SessionTemplates.Vernieuwen2022Key, ClosingText: Closing));
        var (id, code, key) = (Session.SessionId, Session.JoinCode, Session.FacilitatorKey);
        var tokens = new List<string>();
        foreach (var (name, organisation) in People)
        {
            tokens.Add((await participants.JoinAsync(code, new JoinRequest(name, organisation, MayBeNamed: true))).ParticipantToken);
        }
        for (var q = 1; q <= 4; q++)
        {
            await facilitator.GoToAsync(id, key, q);
            var answers = new List<Guid>();
            for (var a = 0; a < 3; a++)
            {
                answers.Add(await participants.SubmitAnswerAsync(code, q, tokens[a], Top3[q - 1][a], $"seed-{q}-{a}"));
            }
            await facilitator.SetPhaseAsync(id, key, q, Phase.Converge);
            await facilitator.SetPhaseAsync(id, key, q, Phase.Vote);
            for (var p = 0; p < tokens.Count; p++)
            {
                // Everyone for the first, two thirds for the second, one third for the third: 12, 8 and 4 dots.
                var ballot = new Dictionary<Guid, int> { [answers[0]] = 1 };
                if (p < 8)
                {
                    ballot[answers[1]] = 1;
                }
                if (p < 4)
                {
                    ballot[answers[2]] = 1;
                }
                await participants.PutBallotAsync(code, q, tokens[p], ballot);
            }
            await facilitator.SetPhaseAsync(id, key, q, Phase.Result);
        }
        await facilitator.GoToAsync(id, key, 5);
        Snapshot = await _core.Reader.GetAsync(id);
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
    }
}
