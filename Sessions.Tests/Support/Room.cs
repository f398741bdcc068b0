using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Tests.Support;

/// <summary>What kind of room <see cref="Room.CreateAsync"/> builds.</summary>
/// <param name="Language">"nl" or "en": the session's language and the language of the answers.</param>
/// <param name="Participants">People in the room, all joined in the lobby.</param>
/// <param name="AnswersPerQuestion">Answers a question collects before merging (the long, compound and RTL ones included).</param>
public sealed record RoomOptions(string Language = "nl", int Participants = 32, int AnswersPerQuestion = 64);

/// <summary>
/// A real room's session, built in a moment through the application services (the same calls the HTTP
/// contract and the pages make), so browser tests can look at a busy board without 30 phones clicking.
/// The session is the seed's (25 November 2022, the four template questions). Each question, when played,
/// collects answers of every kind a room writes: short ones, 500-character ones, a long Dutch compound,
/// invisible and right-to-left characters; converge merges groups of duplicates; the vote leaves a tie for
/// third place; a runoff settles it. Every step is a method, so a test can stop at the phase it looks at.
/// </summary>
public sealed class Room
{
    public static readonly DateOnly SessionDate = new(2022, 11, 25);

    /// <summary>A word no column may break in the middle.</summary>
    public const string Compound = "arbeidsmarktdiscriminatiebestrijdingsprogramma";

    private readonly SessionCatalog _catalog;
    private readonly ParticipantService _participants;
    private readonly FacilitatorService _facilitator;
    private readonly SessionReader _reader;
    private readonly List<string> _tokens = [];
    private readonly Dictionary<int, List<Guid>> _answers = [];
    private readonly Dictionary<int, List<Guid>> _tied = [];

    private Room(IServiceProvider services, RoomOptions options, CreatedSession created)
    {
        _catalog = services.GetRequiredService<SessionCatalog>();
        _participants = services.GetRequiredService<ParticipantService>();
        _facilitator = services.GetRequiredService<FacilitatorService>();
        _reader = services.GetRequiredService<SessionReader>();
        Options = options;
        SessionId = created.SessionId;
        JoinCode = created.JoinCode;
        FacilitatorKey = created.FacilitatorKey;
    }

    public RoomOptions Options { get; }
    public Guid SessionId { get; }
    public string JoinCode { get; }
    public string FacilitatorKey { get; }
    public int QuestionCount { get; private set; }
    public string BoardPath => $"/board/{JoinCode}";

    /// <summary>The answers a question collected, in the order they were sent.</summary>
    public IReadOnlyList<Guid> Answers(int question) => _answers.GetValueOrDefault(question) ?? [];

    /// <summary>The answers the vote left tied for third place.</summary>
    public IReadOnlyList<Guid> Tied(int question) => _tied.GetValueOrDefault(question) ?? [];

    /// <summary>Creates the session and lets everyone join; it stays in the lobby.</summary>
    public static async Task<Room> CreateAsync(IServiceProvider services, RoomOptions? options = null)
    {
        options ??= new RoomOptions();
        var catalog = services.GetRequiredService<SessionCatalog>();
        var title = options.Language == "nl" ? "Vernieuwen doen we Samen" : "Renewal is something we do together";
        var created = await catalog.CreateAsync(new CreateSessionRequest(title, SessionDate, options.Language, SessionTemplatesKey));
        var room = new Room(services, options, created);
        var snapshot = await room.SnapshotAsync();
        room.QuestionCount = snapshot.Questions.Count;
        for (var i = 0; i < options.Participants; i++)
        {
            var joined = await room._participants.JoinAsync(room.JoinCode, new JoinRequest(RoomContent.Name(i), RoomContent.Organisation(i), MayBeNamed: i % 3 != 0));
            room._tokens.Add(joined.ParticipantToken);
        }
        return room;
    }

    private const string SessionTemplatesKey = Sessions.Core.Templates.SessionTemplates.Vernieuwen2022Key;

    public Task<SessionSnapshot> SnapshotAsync() => _reader.GetAsync(SessionId);

    /// <summary>0 is the lobby, 1..N a question, N+1 the wrap-up.</summary>
    public Task GoToAsync(int position) => _facilitator.GoToAsync(SessionId, FacilitatorKey, position);

    public Task SetPhaseAsync(int question, Phase phase) => _facilitator.SetPhaseAsync(SessionId, FacilitatorKey, question, phase);

    public Task StartTimerAsync(int question, double minutes) => _facilitator.StartTimerAsync(SessionId, FacilitatorKey, question, minutes, advanceAtZero: false);

    public Task StopTimerAsync(int question) => _facilitator.StopTimerAsync(SessionId, FacilitatorKey, question);

    /// <summary>The console's page buttons: every board turns one page forward (1) or back (-1).</summary>
    public Task TurnBoardPageAsync(int by) => _facilitator.TurnBoardPageAsync(SessionId, FacilitatorKey, by);

    /// <summary>A participant's token, for a phone that opens the room as that person.</summary>
    public string Token(int participant) => _tokens[participant];

    public Task RevealCountsAsync(int question) => _facilitator.RevealCountsAsync(SessionId, FacilitatorKey, question);

    /// <summary>One participant's ballot: one dot on each answer given (by its index in <see cref="Answers"/>).</summary>
    public Task CastAsync(int question, int participant, params int[] answers) =>
        _participants.PutBallotAsync(JoinCode, question, _tokens[participant], answers.ToDictionary(i => Answers(question)[i], _ => 1));

    public Task CloseJoiningAsync() => _facilitator.SetJoiningLockedAsync(SessionId, FacilitatorKey, locked: true);

    /// <summary>Puts the question on every screen, in collect, and sends its answers from the participants in turn.</summary>
    public async Task CollectAsync(int question, int? count = null)
    {
        await GoToAsync(question);
        var texts = RoomContent.Answers(Options.Language, question, count ?? Options.AnswersPerQuestion);
        var ids = new List<Guid>();
        for (var i = 0; i < texts.Count; i++)
        {
            ids.Add(await _participants.SubmitAnswerAsync(JoinCode, question, _tokens[i % _tokens.Count], texts[i], $"room-{question}-{i}"));
        }
        _answers[question] = ids;
    }

    /// <summary>Converge: merges the duplicates the room wrote (groups of 4, 3 and 2 answers).</summary>
    public async Task ConvergeAsync(int question)
    {
        await SetPhaseAsync(question, Phase.Converge);
        var ids = Answers(question);
        foreach (var (target, sources) in MergeGroups(ids.Count))
        {
            foreach (var source in sources)
            {
                await _facilitator.MergeAsync(SessionId, FacilitatorKey, question, ids[source], ids[target]);
            }
        }
    }

    /// <summary>
    /// Vote: every participant places all their dots so that first and second place are clear and two
    /// answers (a 500-character one and the compound) tie for third place.
    /// </summary>
    public async Task VoteAsync(int question)
    {
        await SetPhaseAsync(question, Phase.Vote);
        var snapshot = await SnapshotAsync();
        var budget = snapshot.Settings.DotsPerParticipant;
        var ids = Answers(question);
        var merged = MergeGroups(ids.Count).SelectMany(g => g.Sources).ToHashSet();
        var active = Enumerable.Range(0, ids.Count).Where(i => !merged.Contains(i)).ToList();
        // Answer 1 is a long one, answer 2 the compound (see RoomContent): the tie the board must show.
        int[] podium = [0, 3, 1, 2];
        var totalDots = _tokens.Count * budget;
        var counts = new Dictionary<int, int>();
        var first = Math.Min(_tokens.Count, totalDots / 4);
        var tied = Math.Max(2, first / 2);
        counts[podium[0]] = first;
        counts[podium[1]] = first - 2;
        counts[podium[2]] = tied;
        counts[podium[3]] = tied;
        // The rest of the dots spread thinly, always fewer than the tied answers have.
        var left = totalDots - counts.Values.Sum();
        var others = active.Where(i => !podium.Contains(i)).ToList();
        for (var k = 0; left > 0 && others.Count > 0; k++)
        {
            var index = others[k % others.Count];
            if (counts.GetValueOrDefault(index) < tied - 1)
            {
                counts[index] = counts.GetValueOrDefault(index) + 1;
                left--;
            }
            else if (others.All(o => counts.GetValueOrDefault(o) >= tied - 1))
            {
                break;
            }
        }
        // Dots in a row go to different people, so nobody puts two dots on one answer.
        var slots = counts.OrderBy(c => c.Key).SelectMany(c => Enumerable.Repeat(ids[c.Key], c.Value)).ToList();
        var ballots = _tokens.Select(_ => new Dictionary<Guid, int>()).ToList();
        for (var s = 0; s < slots.Count; s++)
        {
            ballots[s % ballots.Count][slots[s]] = 1;
        }
        for (var p = 0; p < _tokens.Count; p++)
        {
            await _participants.PutBallotAsync(JoinCode, question, _tokens[p], ballots[p]);
        }
        _tied[question] = [ids[podium[2]], ids[podium[3]]];
    }

    /// <summary>Result: the top 3 with the tie for third place still open.</summary>
    public Task ResultAsync(int question) => SetPhaseAsync(question, Phase.Result);

    public Task StartRunoffAsync(int question) => _facilitator.StartRunoffAsync(SessionId, FacilitatorKey, question);

    /// <summary>
    /// Everyone votes in the runoff, and it closes: question 1 goes to the long answer, the others to the
    /// compound, so the wrap-up holds both kinds.
    /// </summary>
    public async Task SettleByRunoffAsync(int question)
    {
        var tied = Tied(question);
        var winner = question == 1 ? 0 : 1;
        for (var p = 0; p < _tokens.Count; p++)
        {
            var pick = tied[p % 3 == 2 ? 1 - winner : winner];
            await _participants.PutBallotAsync(JoinCode, question, _tokens[p], new Dictionary<Guid, int> { [pick] = 1 });
        }
        await _facilitator.CloseRunoffAsync(SessionId, FacilitatorKey, question);
    }

    /// <summary>A whole question, from collect to a top 3 settled by a runoff.</summary>
    public async Task PlayAsync(int question)
    {
        await CollectAsync(question);
        await ConvergeAsync(question);
        await VoteAsync(question);
        await ResultAsync(question);
        await StartRunoffAsync(question);
        await SettleByRunoffAsync(question);
    }

    /// <summary>Targets and the answers merged into them, by position in the question's answers.</summary>
    private static IEnumerable<(int Target, int[] Sources)> MergeGroups(int count)
    {
        // Duplicates sit near the end, as they trickle in late in a real room.
        if (count >= 12)
        {
            yield return (3, [count - 1, count - 2, count - 3, count - 4]);
            yield return (5, [count - 5, count - 6, count - 7]);
            yield return (1, [count - 8]);
            yield return (6, [count - 9]);
        }
    }
}
