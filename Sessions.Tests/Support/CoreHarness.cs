using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Tests.Support;

/// <summary>The real core on a database of its own (a SQLite file unless told otherwise), with a session ready to use.</summary>
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
    public SessionCatalog Catalog => _services.GetRequiredService<SessionCatalog>();
    public ParticipantService Participants => _services.GetRequiredService<ParticipantService>();
    public FacilitatorService Facilitator => _services.GetRequiredService<FacilitatorService>();
    public SessionReader Reader => _services.GetRequiredService<SessionReader>();

    public async Task<CreatedSession> CreateAsync(params string[] questions) =>
        await Catalog.CreateAsync(new CreateSessionRequest("Test", Questions: questions.Length == 0 ? ["Q?"] : questions));

    public async Task<string> JoinAsync(CreatedSession session, string name = "Ann", bool mayBeNamed = true) =>
        (await Participants.JoinAsync(session.JoinCode, new JoinRequest(name, null, mayBeNamed))).ParticipantToken;

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

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }
}
