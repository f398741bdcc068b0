using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Sessions.App.Hubs;
using Sessions.Core.Services;

namespace Sessions.Tests.Integration;

public class LiveHubTests : ApiTestBase
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(10);

    private HubConnection Connect() =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Factory.Server.BaseAddress, "/hubs/session"), o =>
            {
                o.HttpMessageHandlerFactory = _ => Factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();

    /// <summary>Collects SessionChanged messages and lets a test wait for a version newer than one it knows.</summary>
    private sealed class ChangeWatcher
    {
        private readonly Lock _gate = new();
        private readonly List<(long After, TaskCompletionSource<SessionChangedMessage> Done)> _waiters = [];
        private SessionChangedMessage? _latest;

        public void Receive(SessionChangedMessage message)
        {
            lock (_gate)
            {
                if (_latest is null || message.Version > _latest.Version)
                {
                    _latest = message;
                }
                foreach (var waiter in _waiters.Where(w => message.Version > w.After).ToList())
                {
                    waiter.Done.TrySetResult(message);
                    _waiters.Remove(waiter);
                }
            }
        }

        public Task<SessionChangedMessage> NewerThanAsync(long version)
        {
            lock (_gate)
            {
                if (_latest is { } latest && latest.Version > version)
                {
                    return Task.FromResult(latest);
                }
                var done = new TaskCompletionSource<SessionChangedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((version, done));
                return done.Task.WaitAsync(s_patience);
            }
        }
    }

    [Fact]
    public async Task Watcher_hears_an_answer_and_a_hub_ballot_and_the_state_shows_them()
    {
        var created = await CreateSessionAsync();
        var ann = await JoinAsync(created, "Ann");
        var bob = await JoinAsync(created, "Bob");

        await using var watcher = Connect();
        var changes = new ChangeWatcher();
        watcher.On<SessionChangedMessage>(nameof(ISessionClient.SessionChanged), changes.Receive);
        await watcher.StartAsync();
        var watched = await watcher.InvokeAsync<PublicSessionState>("Watch", created.JoinCode);
        Assert.Equal(created.JoinCode, watched.JoinCode);
        Assert.Equal("Test session", watched.Title);

        // Participant A answers over HTTP.
        var answerId = await AnswerAsync(created, ann, "Shared values first");
        var afterAnswer = await changes.NewerThanAsync(watched.Version);
        Assert.Equal(created.JoinCode, afterAnswer.JoinCode);
        Assert.False(afterAnswer.Deleted);
        var state = await StateAsync(created);
        Assert.True(state.GetProperty("version").GetInt64() >= afterAnswer.Version);
        Assert.Equal("Shared values first", Assert.Single(Question(state).GetProperty("answers").EnumerateArray()).GetProperty("text").GetString());

        // The facilitator opens voting; participant B votes through the hub.
        await MoveToVoteAsync(created);
        var beforeVote = (await StateAsync(created)).GetProperty("version").GetInt64();
        await using var participant = Connect();
        await participant.StartAsync();
        var accepted = await participant.InvokeAsync<Dictionary<Guid, int>>("PutBallot", created.JoinCode, 1, bob.ParticipantToken,
            new Dictionary<Guid, int> { [answerId] = 1 });
        Assert.Equal(1, accepted[answerId]);

        var afterVote = await changes.NewerThanAsync(beforeVote);
        Assert.True(afterVote.Version > beforeVote);
        var voted = await StateAsync(created);
        Assert.Equal(1, Dots(Question(voted))[answerId]);
    }

    [Fact]
    public async Task Hub_refuses_a_ballot_over_budget_with_the_reason_and_nothing_changes()
    {
        var created = await CreateSessionAsync(new { title = "T", questions = new[] { "Q?" }, dotsPerParticipant = 1, maxDotsPerAnswer = 1 });
        var ann = await JoinAsync(created);
        var a = await AnswerAsync(created, ann, "A");
        var b = await AnswerAsync(created, ann, "B");
        await MoveToVoteAsync(created);
        var before = (await StateAsync(created)).GetProperty("version").GetInt64();
        await using var participant = Connect();
        await participant.StartAsync();

        var ex = await Assert.ThrowsAsync<HubException>(() => participant.InvokeAsync<Dictionary<Guid, int>>("PutBallot", created.JoinCode, 1, ann.ParticipantToken,
            new Dictionary<Guid, int> { [a] = 1, [b] = 1 }));

        Assert.Contains("you have 1", ex.Message, StringComparison.Ordinal);
        var after = await StateAsync(created);
        Assert.Equal(before, after.GetProperty("version").GetInt64());
        Assert.All(Dots(Question(after)).Values, d => Assert.Equal(0, d));
    }

    [Fact]
    public async Task Watching_an_unknown_session_is_refused_with_the_reason()
    {
        await using var watcher = Connect();
        await watcher.StartAsync();

        var ex = await Assert.ThrowsAsync<HubException>(() => watcher.InvokeAsync<PublicSessionState>("Watch", "ZZZZZZ"));

        Assert.Contains("ZZZZZZ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watcher_hears_that_the_session_was_deleted()
    {
        var created = await CreateSessionAsync();
        await using var watcher = Connect();
        var changes = new ChangeWatcher();
        watcher.On<SessionChangedMessage>(nameof(ISessionClient.SessionChanged), changes.Receive);
        await watcher.StartAsync();
        var watched = await watcher.InvokeAsync<PublicSessionState>("Watch", created.JoinCode);

        using var response = await SendAsync(HttpMethod.Delete, $"/api/sessions/{created.SessionId}", null, created.FacilitatorKey);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var message = await changes.NewerThanAsync(watched.Version);
        Assert.True(message.Deleted);
    }
}
