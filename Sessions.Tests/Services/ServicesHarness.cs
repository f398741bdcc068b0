using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Services;

/// <summary>The real core services on a database of their own (Support/TestDatabase), deleted afterwards.</summary>
public sealed class ServicesHarness : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly ServiceProvider _provider;

    private ServicesHarness(TestDatabase database, ServiceProvider provider)
    {
        _database = database;
        _provider = provider;
    }

    public SessionCatalog Catalog => _provider.GetRequiredService<SessionCatalog>();
    public ParticipantService Participants => _provider.GetRequiredService<ParticipantService>();
    public FacilitatorService Facilitator => _provider.GetRequiredService<FacilitatorService>();
    public SessionReader Reader => _provider.GetRequiredService<SessionReader>();
    public SessionWriter Writer => _provider.GetRequiredService<SessionWriter>();
    public SessionLocks Locks => _provider.GetRequiredService<SessionLocks>();
    public Sessions.Core.Events.ISessionEvents Events => _provider.GetRequiredService<Sessions.Core.Events.ISessionEvents>();

    /// <summary>The same core as every other test harness (AddTestCore), with the throttle lifted: these tests race one participant on purpose.</summary>
    public static async Task<ServicesHarness> StartAsync(DatabaseProvider databaseProvider)
    {
        var database = new TestDatabase(databaseProvider);
        var provider = new ServiceCollection().AddTestCore(database).BuildServiceProvider();
        await provider.MigrateSessionsDatabaseAsync();
        return new ServicesHarness(database, provider);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        _database.Dispose();
    }

    public Task<CreatedSession> CreateAsync(int questions = 1, int dots = 3, int maxPerAnswer = 1, bool liveCounts = true, bool silentWriting = false) =>
        Catalog.CreateAsync(new CreateSessionRequest(
            "Test session",
            Questions: Enumerable.Range(1, questions).Select(i => $"Question {i}?").ToList(),
            DotsPerParticipant: dots,
            MaxDotsPerAnswer: maxPerAnswer,
            LiveCounts: liveCounts,
            SilentWriting: silentWriting));

    public async Task<string> JoinAsync(CreatedSession session, string name = "Ann") =>
        (await Participants.JoinAsync(session.JoinCode, new JoinRequest(name, "Org", true))).ParticipantToken;

    public async Task<Guid> ParticipantIdAsync(CreatedSession session, string token) =>
        (await Participants.IdentifyAsync(session.JoinCode, token))!.ParticipantId;

    public Task<Guid> AnswerAsync(CreatedSession session, string token, string text, int question = 1) =>
        Participants.SubmitAnswerAsync(session.JoinCode, question, token, text, null);

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
}
