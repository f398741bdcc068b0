using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Events;
using Sessions.Core.Reports;
using Sessions.Core.Services;
using Sessions.Core.Suggestions;

namespace Sessions.Tests.Support;

/// <summary>
/// The one harness of the real core (AddTestCore: the throttle lifted, screens refreshed on every event) on a
/// database of its own, a SQLite file unless told otherwise, deleted afterwards; with the small steps the tests
/// script a room with.
/// </summary>
public sealed class CoreHarness : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly ServiceProvider _services;
    private readonly bool _ownsDatabase;

    private CoreHarness(ServiceProvider services, TestDatabase database, bool ownsDatabase = true)
    {
        _services = services;
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    public static async Task<CoreHarness> StartAsync(
        Action<IServiceCollection>? configure = null, string? folder = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var database = new TestDatabase(provider, folder);
        var collection = new ServiceCollection().AddTestCore(database);
        configure?.Invoke(collection);
        var harness = new CoreHarness(collection.BuildServiceProvider(), database);
        await harness._services.MigrateSessionsDatabaseAsync();
        return harness;
    }

    /// <summary>
    /// A second app server on the same database: its own services, connection pool and in-process locks,
    /// as another machine would have. It leaves the database to this harness.
    /// </summary>
    public async Task<CoreHarness> StartAnotherServerAsync(Action<IServiceCollection>? configure = null)
    {
        var collection = new ServiceCollection().AddTestCore(_database);
        configure?.Invoke(collection);
        var other = new CoreHarness(collection.BuildServiceProvider(), _database, ownsDatabase: false);
        await other._services.MigrateSessionsDatabaseAsync();
        return other;
    }

    public IServiceProvider Services => _services;
    public TestDatabase Database => _database;
    public SessionCatalog Catalog => _services.GetRequiredService<SessionCatalog>();
    public ParticipantService Participants => _services.GetRequiredService<ParticipantService>();
    public FacilitatorService Facilitator => _services.GetRequiredService<FacilitatorService>();
    public SessionReader Reader => _services.GetRequiredService<SessionReader>();
    public SessionWriter Writer => _services.GetRequiredService<SessionWriter>();
    public SessionLocks Locks => _services.GetRequiredService<SessionLocks>();
    public ISessionEvents Events => _services.GetRequiredService<ISessionEvents>();
    public ReportService Reports => _services.GetRequiredService<ReportService>();
    public SessionImporter Importer => _services.GetRequiredService<SessionImporter>();
    public SuggestionService Suggestions => _services.GetRequiredService<SuggestionService>();

    /// <summary>A session titled "Test session" with <paramref name="questions"/> questions ("Question 1?", ...) and the given settings.</summary>
    public Task<CreatedSession> CreateAsync(int questions = 1, int dots = 3, int maxPerAnswer = 1, bool liveCounts = true, bool silentWriting = false) =>
        Catalog.CreateAsync(new CreateSessionRequest(
            "Test session",
            Questions: Enumerable.Range(1, questions).Select(i => $"Question {i}?").ToList(),
            DotsPerParticipant: dots,
            MaxDotsPerAnswer: maxPerAnswer,
            LiveCounts: liveCounts,
            SilentWriting: silentWriting));

    /// <summary>A session titled "Test" with these questions and the default settings.</summary>
    public async Task<CreatedSession> CreateAsync(params string[] questions) =>
        await Catalog.CreateAsync(new CreateSessionRequest("Test", Questions: questions.Length == 0 ? ["Q?"] : questions));

    public async Task<string> JoinAsync(CreatedSession session, string name = "Ann", bool mayBeNamed = true) =>
        (await Participants.JoinAsync(session.JoinCode, new JoinRequest(name, null, mayBeNamed))).ParticipantToken;

    public async Task<Guid> ParticipantIdAsync(CreatedSession session, string token) =>
        (await Participants.IdentifyAsync(session.JoinCode, token))!.ParticipantId;

    public Task<Guid> AnswerAsync(CreatedSession session, string token, string text, int question = 1) =>
        Participants.SubmitAnswerAsync(session.JoinCode, question, token, text, null);

    /// <summary>Answers from the given tokens, then the question in Vote; returns the answer ids.</summary>
    public async Task<List<Guid>> OpenVoteAsync(CreatedSession session, IReadOnlyList<string> tokens, int answers)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < answers; i++)
        {
            ids.Add(await Participants.SubmitAnswerAsync(session.JoinCode, 1, tokens[i % tokens.Count], $"Answer {i}", $"r{i}"));
        }
        await Facilitator.SetPhaseAsync(session.SessionId, session.FacilitatorKey, 1, Phase.Converge);
        await Facilitator.SetPhaseAsync(session.SessionId, session.FacilitatorKey, 1, Phase.Vote);
        return ids;
    }

    /// <summary>Moves a question one phase at a time until it reaches <paramref name="target"/>.</summary>
    public async Task MoveToAsync(CreatedSession session, Phase target, int question = 1)
    {
        while (true)
        {
            var current = (await Reader.GetAsync(session.SessionId)).Question(question)!.Phase;
            if (current == target)
            {
                return;
            }
            var next = current < target ? current + 1 : current - 1;
            await Facilitator.SetPhaseAsync(session.SessionId, session.FacilitatorKey, question, next);
        }
    }

    public Task<IReadOnlyDictionary<Guid, int>> BallotAsync(CreatedSession session, string token, int question, params Guid[] answers) =>
        Participants.PutBallotAsync(session.JoinCode, question, token, answers.ToDictionary(a => a, _ => 1));

    public Task<SessionSnapshot> SnapshotAsync(CreatedSession session) => Reader.GetAsync(session.SessionId);

    public async Task<PublicSessionState> PublicAsync(CreatedSession session) => PublicStateBuilder.Build(await SnapshotAsync(session));

    public async Task<IReadOnlyDictionary<Guid, int>> StoredBallotAsync(CreatedSession session, string token, int question = 1)
    {
        var participantId = await ParticipantIdAsync(session, token);
        return (await SnapshotAsync(session)).Question(question)!.BallotOf(participantId);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }
}
