using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Bench.Headless;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Browser;
using Sessions.Tests.Support;

namespace Sessions.Tests.Integration;

/// <summary>
/// Phones as the server sees them: circuits opened by the benchmark's headless phone on the real app (Kestrel,
/// WebSockets, blazorpack). A phone is sent a render batch for its own dots and for the phase, never for someone
/// else's ballot.
/// </summary>
public sealed class HeadlessPhoneTests : IDisposable
{
    private readonly ConcurrentQueue<string> _webSocketExtensions = new();
    private readonly SessionsAppFactory _app;
    private readonly HttpClient _http = new();

    public HeadlessPhoneTests() =>
        _app = SessionsAppFactory.OnKestrel(services => services.AddSingleton<IStartupFilter>(new RecordWebSocketExtensions(_webSocketExtensions)));

    /// <summary>Records what each WebSocket request to the circuit's hub offers as extensions.</summary>
    private sealed class RecordWebSocketExtensions(ConcurrentQueue<string> offered) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Path.StartsWithSegments("/_blazor") && context.Request.Headers.Upgrade.ToString().Equals("websocket", StringComparison.OrdinalIgnoreCase))
                {
                    offered.Enqueue(context.Request.Headers.SecWebSocketExtensions.ToString());
                }
                return following(context);
            });
            next(app);
        };
    }

    public void Dispose()
    {
        _http.Dispose();
        _app.Dispose();
    }

    private T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_phone_is_sent_a_batch_for_its_own_dots_and_the_phase_and_none_for_other_peoples_ballots()
    {
        var room = await VotingRoom.CreateAsync(Service<SessionCatalog>(), Service<ParticipantService>(), Service<FacilitatorService>(), phones: 3, voters: 5);
        var phones = new List<HeadlessPhone>();
        try
        {
            foreach (var token in room.PhoneTokens)
            {
                phones.Add(await HeadlessPhone.OpenAsync(_http, new Uri(_app.RootUri + "/"), room.Session.JoinCode, token));
            }
            Assert.All(phones, phone => Assert.Contains(phone.JsCalls, c => c.Identifier == "localStorage.getItem" && c.Answer.Length > 10));
            // Each offered compression, as a browser does, so the server compresses what it sends them as it would for phones.
            Assert.Equal(3, _webSocketExtensions.Count);
            Assert.All(_webSocketExtensions, offer => Assert.Contains("permessage-deflate", offer, StringComparison.Ordinal));
            var before = phones.Select(p => p.BatchCount).ToList();

            // Five ballots of other people, apart enough for every phone to follow each on its own (100 ms coalescing).
            for (var i = 0; i < room.VoterTokens.Count; i++)
            {
                await room.VoteAsync(room.VoterTokens[i], room.Answers[i % room.Answers.Count]);
                await Task.Delay(200);
            }
            // The first phone places a dot: only it is sent something, and what it is sent holds its ballot.
            var ownDots = phones[0].NextBatchContainingAsync(room.Answers[2].ToString());
            await room.VoteAsync(room.PhoneTokens[0], room.Answers[2]);
            await ownDots.WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(200);
            // The phase moves: every phone is sent the result, after anything the ballots would have caused (a circuit's batches are in order).
            var results = phones.Select(p => p.NextBatchContainingAsync("result")).ToList();
            await Service<FacilitatorService>().SetPhaseAsync(room.Session.SessionId, room.Session.FacilitatorKey, 1, Phase.Result);
            await Task.WhenAll(results).WaitAsync(TimeSpan.FromSeconds(30));

            var sent = phones.Select((p, i) => p.BatchCount - before[i]).ToList();
            Assert.Equal([2, 1, 1], sent);
            Assert.All(phones, phone => Assert.Empty(phone.Errors));
            // Each acknowledged every batch in order, from 2 on, as blazor.web.js numbers them.
            Assert.All(phones, phone => Assert.Equal(Enumerable.Range(2, phone.BatchCount).Select(i => (long)i), phone.Batches.Select(b => b.Id)));
        }
        finally
        {
            foreach (var phone in phones)
            {
                await phone.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_phone_without_a_token_is_drawn_the_join_form_and_every_js_call_of_it_is_answered()
    {
        var room = await VotingRoom.CreateAsync(Service<SessionCatalog>(), Service<ParticipantService>(), Service<FacilitatorService>(), phones: 0, voters: 1);
        await using var phone = await HeadlessPhone.OpenAsync(_http, new Uri(_app.RootUri + "/"), room.Session.JoinCode, token: null);

        Assert.Contains(phone.JsCalls, c => c.Identifier == "localStorage.getItem" && c.Answer == "null");
        Assert.DoesNotContain(phone.JsCalls, c => !c.Known);
        Assert.Empty(phone.Errors);
    }
}

/// <summary>A session with a question in the vote, three answers, phones' participants and voters, counts hidden.</summary>
public sealed class VotingRoom
{
    private readonly ParticipantService _participants;

    private VotingRoom(CreatedSession session, ParticipantService participants)
    {
        Session = session;
        _participants = participants;
    }

    public CreatedSession Session { get; }
    public List<string> PhoneTokens { get; } = [];
    public List<string> VoterTokens { get; } = [];
    public List<Guid> Answers { get; } = [];

    /// <param name="phoneNames">Names of the phones' participants (default "Phone 1", "Phone 2", ...).</param>
    public static async Task<VotingRoom> CreateAsync(SessionCatalog catalog, ParticipantService participants, FacilitatorService facilitator,
        int phones, int voters, IReadOnlyList<string>? phoneNames = null)
    {
        var session = await catalog.CreateAsync(new CreateSessionRequest("Plenary", Questions: ["What matters?"], Language: "en", LiveCounts: false));
        var room = new VotingRoom(session, participants);
        for (var i = 0; i < phones; i++)
        {
            room.PhoneTokens.Add((await participants.JoinAsync(session.JoinCode, new JoinRequest(phoneNames?[i] ?? $"Phone {i + 1}", null, false))).ParticipantToken);
        }
        for (var i = 0; i < voters; i++)
        {
            room.VoterTokens.Add((await participants.JoinAsync(session.JoinCode, new JoinRequest($"Voter {i + 1}", null, false))).ParticipantToken);
        }
        await facilitator.GoToAsync(session.SessionId, session.FacilitatorKey, 1);
        foreach (var text in new[] { "Alpha", "Beta", "Gamma" })
        {
            room.Answers.Add(await participants.SubmitAnswerAsync(session.JoinCode, 1, room.VoterTokens[0], text, text));
        }
        await facilitator.SetPhaseAsync(session.SessionId, session.FacilitatorKey, 1, Phase.Converge);
        await facilitator.SetPhaseAsync(session.SessionId, session.FacilitatorKey, 1, Phase.Vote);
        return room;
    }

    public Task VoteAsync(string token, Guid answer) =>
        _participants.PutBallotAsync(Session.JoinCode, 1, token, new Dictionary<Guid, int> { [answer] = 1 });
}
