using Microsoft.Extensions.DependencyInjection;
using Sessions.App.Components.Pages.Participant;
using Sessions.App.Realtime;
using Sessions.Core.Domain;
using Sessions.Core.Events;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>
/// PhoneWatch tells a phone of a change only when its participant's view changed, and hands it the snapshot it
/// compared: through a whole session, every phone always holds a snapshot that shows what its participant sees now.
/// </summary>
public sealed class PhoneWatchTests : IAsyncLifetime
{
    private CoreHarness _core = default!;
    private CreatedSession _session = default!;

    private PhoneWatch Watch => _core.Services.GetRequiredService<PhoneWatch>();

    public async Task InitializeAsync()
    {
        _core = await CoreHarness.StartAsync();
        _session = await _core.Catalog.CreateAsync(new CreateSessionRequest("Watch", Questions: ["First?", "Second?"], Language: "en",
            DotsPerParticipant: 3, MaxDotsPerAnswer: 1, LiveCounts: false, SilentWriting: true));
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    /// <summary>A phone as PhoneWatch sees it: what it was handed, and how often.</summary>
    private sealed class Phone(ParticipantIdentity? me)
    {
        private readonly Lock _gate = new();
        private SessionSnapshot? _held;
        private int _told;

        public ParticipantIdentity? Me { get; } = me;
        public bool Gone { get; private set; }

        public SessionSnapshot? Held
        {
            get
            {
                lock (_gate)
                {
                    return _held;
                }
            }
        }

        public int Told => Volatile.Read(ref _told);

        public void Show(SessionSnapshot? snapshot)
        {
            lock (_gate)
            {
                Gone |= snapshot is null;
                if (snapshot is not null && (_held is null || snapshot.Version >= _held.Version))
                {
                    _held = snapshot;
                }
                _told++;
            }
        }
    }

    private async Task<(string Token, ParticipantIdentity Me)> JoinAsync(string name)
    {
        var token = (await _core.Participants.JoinAsync(_session.JoinCode, new JoinRequest(name, null, false))).ParticipantToken;
        return (token, (await _core.Participants.IdentifyAsync(_session.JoinCode, token))!);
    }

    private async Task ComparedAsync()
    {
        var latest = (await _core.Reader.GetAsync(_session.SessionId)).Version;
        for (var i = 0; i < 500 && Watch.ComparedVersion(_session.SessionId) < latest; i++)
        {
            await Task.Delay(10);
        }
        Assert.Equal(latest, Watch.ComparedVersion(_session.SessionId));
    }

    private static PhoneView ViewOf(SessionSnapshot snapshot, ParticipantIdentity? me) =>
        PhoneView.Build(snapshot, new PhoneView.PageState(null, false, true, me, new PhoneJoinForm(false, null, null, false)));

    [Fact]
    public async Task Through_a_whole_session_every_phone_holds_what_its_participant_sees_now()
    {
        var ann = await JoinAsync("Ann");
        var bob = await JoinAsync("Bob");
        var cas = await JoinAsync("Cas");
        var phones = new List<Phone> { new(ann.Me), new(bob.Me), new(cas.Me), new(ann.Me), new(null) };
        var watching = phones.Select(p => Watch.Watch(_session.SessionId, p.Me, p.Show)).ToList();
        var key = _session.FacilitatorKey;
        var id = _session.SessionId;
        var code = _session.JoinCode;
        var answers = new Dictionary<string, Guid>();
        var steps = new List<(string Name, Func<Task> Run)>
        {
            ("show question 1", () => _core.Facilitator.GoToAsync(id, key, 1)),
            ("Ann answers, hidden by silent writing", async () => answers["x"] = await _core.Participants.SubmitAnswerAsync(code, 1, ann.Token, "Xylophones", "x")),
            ("Bob answers", async () => answers["y"] = await _core.Participants.SubmitAnswerAsync(code, 1, bob.Token, "Yachts", "y")),
            ("Bob edits", () => _core.Participants.EditAnswerAsync(code, 1, bob.Token, answers["y"], "Yachts for all")),
            ("Cas answers", async () => answers["c"] = await _core.Participants.SubmitAnswerAsync(code, 1, cas.Token, "Canoes", "c")),
            ("Cas withdraws", () => _core.Participants.WithdrawAnswerAsync(code, 1, cas.Token, answers["c"])),
            ("the answers are revealed", () => _core.Facilitator.RevealAnswersAsync(id, key, 1)),
            ("Cas answers again", async () => answers["z"] = await _core.Participants.SubmitAnswerAsync(code, 1, cas.Token, "Zeppelins", "z")),
            ("the facilitator adds one", async () => answers["w"] = await _core.Facilitator.AddAnswerAsync(id, key, 1, "Wagons")),
            ("the facilitator adds another", async () => answers["v"] = await _core.Facilitator.AddAnswerAsync(id, key, 1, "Vans")),
            ("Ann gives consent", () => _core.Participants.SetConsentAsync(code, ann.Token, true)),
            ("a timer starts", () => _core.Facilitator.StartTimerAsync(id, key, 1, 2, advanceAtZero: false)),
            ("the timer stops", () => _core.Facilitator.StopTimerAsync(id, key, 1)),
            ("converge", () => _core.Facilitator.SetPhaseAsync(id, key, 1, Phase.Converge)),
            ("vans merged into wagons", () => _core.Facilitator.MergeAsync(id, key, 1, answers["v"], answers["w"], "Wagons and vans")),
            ("the merge undone", () => _core.Facilitator.UnmergeAsync(id, key, 1, answers["v"])),
            ("vans hidden", () => _core.Facilitator.PatchAnswerAsync(id, key, 1, answers["v"], null, hidden: true)),
            ("the board turns a page", () => _core.Facilitator.TurnBoardPageAsync(id, key, 1)),
            ("vote", () => _core.Facilitator.SetPhaseAsync(id, key, 1, Phase.Vote)),
            ("Ann votes", () => Vote(ann.Token, "x", "y", "z")),
            ("Bob votes", () => Vote(bob.Token, "x", "y", "w")),
            ("Cas votes", () => Vote(cas.Token, "x", "z", "w")),
            ("Ann moves a dot", () => Vote(ann.Token, "x", "z", "w")),
            ("Ann moves it back", () => Vote(ann.Token, "x", "y", "z")),
            ("the counts are revealed", () => _core.Facilitator.RevealCountsAsync(id, key, 1)),
            ("the result, with a tie", () => _core.Facilitator.SetPhaseAsync(id, key, 1, Phase.Result)),
            ("a runoff opens", () => _core.Facilitator.StartRunoffAsync(id, key, 1)),
            ("Ann votes in the runoff", () => Vote(ann.Token, "y")),
            ("Bob votes in the runoff", () => Vote(bob.Token, "z")),
            ("Cas votes in the runoff", () => Vote(cas.Token, "y")),
            ("the runoff closes", () => _core.Facilitator.CloseRunoffAsync(id, key, 1)),
            ("the title changes", () => _core.Facilitator.UpdateDetailsAsync(id, key, new DetailsChange("Watched", null, "en", "", ""))),
            ("the settings change", () => _core.Facilitator.UpdateSettingsAsync(id, key, new SettingsChange(4, 2, null, null, true))),
            ("joining closes", () => _core.Facilitator.SetJoiningLockedAsync(id, key, true)),
            ("question 2", () => _core.Facilitator.GoToAsync(id, key, 2)),
            ("Bob answers question 2", () => _core.Participants.SubmitAnswerAsync(code, 2, bob.Token, "Bicycles", "b2")),
            ("Cas is removed", () => _core.Facilitator.RemoveParticipantAsync(id, key, cas.Me.ParticipantId)),
            ("the wrap-up", () => _core.Facilitator.GoToAsync(id, key, 3)),
            ("back to the lobby", () => _core.Facilitator.GoToAsync(id, key, 0)),
        };

        await ComparedAsync();
        foreach (var (name, run) in steps)
        {
            await run();
            await ComparedAsync();
            var latest = await _core.Reader.GetAsync(id);
            foreach (var phone in phones)
            {
                Assert.True(phone.Held is not null, $"after \"{name}\" a phone holds nothing");
                Assert.True(ViewOf(latest, phone.Me).Equals(ViewOf(phone.Held!, phone.Me)),
                    $"after \"{name}\" the phone of {phone.Me?.Name ?? "nobody"} shows version {phone.Held!.Version}, not what version {latest.Version} shows it");
            }
        }
        // Not every change reached every phone: each was told less often than there were steps.
        Assert.All(phones, phone => Assert.True(phone.Told < steps.Count, $"{phone.Me?.Name ?? "nobody"} was told {phone.Told} times for {steps.Count} steps"));
        watching.ForEach(w => w.Dispose());

        Task Vote(string token, params string[] on) =>
            _core.Participants.PutBallotAsync(code, 1, token, on.ToDictionary(a => answers[a], _ => 1));
    }

    [Fact]
    public async Task A_phone_is_told_of_its_own_dots_and_the_phase_and_not_of_other_peoples_ballots()
    {
        var ann = await JoinAsync("Ann");
        var bob = await JoinAsync("Bob");
        await _core.Facilitator.GoToAsync(_session.SessionId, _session.FacilitatorKey, 1);
        var answers = new List<Guid>();
        foreach (var text in new[] { "One", "Two", "Three" })
        {
            answers.Add(await _core.Participants.SubmitAnswerAsync(_session.JoinCode, 1, bob.Token, text, text));
        }
        await _core.Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        await _core.Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Vote);
        var phone = new Phone(ann.Me);
        using var watching = Watch.Watch(_session.SessionId, ann.Me, phone.Show);
        await ComparedAsync();
        Assert.Equal(1, phone.Told); // The snapshot it starts from.

        for (var i = 0; i < 3; i++)
        {
            await _core.Participants.PutBallotAsync(_session.JoinCode, 1, bob.Token, new Dictionary<Guid, int> { [answers[i]] = 1 });
            await ComparedAsync();
        }
        Assert.Equal(1, phone.Told);

        await _core.Participants.PutBallotAsync(_session.JoinCode, 1, ann.Token, new Dictionary<Guid, int> { [answers[0]] = 1 });
        await ComparedAsync();
        Assert.Equal(2, phone.Told);
        Assert.Equal(1, phone.Held!.Question(1)!.BallotOf(ann.Me.ParticipantId).GetValueOrDefault(answers[0]));

        await _core.Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Result);
        await ComparedAsync();
        Assert.Equal(3, phone.Told);
        Assert.Equal(Phase.Result, phone.Held!.Question(1)!.Phase);
    }

    [Fact]
    public async Task A_refresh_of_the_phones_is_measured_when_some_phone_is_told_and_not_for_a_change_no_phone_shows()
    {
        var ann = await JoinAsync("Ann");
        var bob = await JoinAsync("Bob");
        await _core.Facilitator.GoToAsync(_session.SessionId, _session.FacilitatorKey, 1);
        var answer = await _core.Participants.SubmitAnswerAsync(_session.JoinCode, 1, bob.Token, "One", "one");
        await _core.Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        await _core.Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Vote);
        var lags = new List<(double Seconds, object? Screen)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        // Only this core's meter: other tests of the process record the same figure on meters of their own.
        var meters = _core.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "sessions.screen.refresh.lag")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            lock (lags)
            {
                lags.Add((value, tags.ToArray().FirstOrDefault(t => t.Key == "screen").Value));
            }
        });
        listener.Start();
        var phone = new Phone(ann.Me);
        using var watching = Watch.Watch(_session.SessionId, ann.Me, phone.Show);
        await ComparedAsync();
        lock (lags)
        {
            lags.Clear(); // The first snapshot is handed over without a change behind it.
        }

        await _core.Participants.PutBallotAsync(_session.JoinCode, 1, bob.Token, new Dictionary<Guid, int> { [answer] = 1 });
        await ComparedAsync();
        lock (lags)
        {
            Assert.Empty(lags);
        }

        await _core.Participants.PutBallotAsync(_session.JoinCode, 1, ann.Token, new Dictionary<Guid, int> { [answer] = 1 });
        await ComparedAsync();
        lock (lags)
        {
            var lag = Assert.Single(lags);
            Assert.Equal("phone", lag.Screen);
            Assert.InRange(lag.Seconds, 0, 60);
        }
    }

    [Fact]
    public async Task A_deleted_session_tells_its_phones_it_is_gone()
    {
        var ann = await JoinAsync("Ann");
        var phone = new Phone(ann.Me);
        using var watching = Watch.Watch(_session.SessionId, ann.Me, phone.Show);
        await ComparedAsync();

        await _core.Catalog.DeleteAsync(_session.SessionId, _session.FacilitatorKey);

        for (var i = 0; i < 500 && !phone.Gone; i++)
        {
            await Task.Delay(10);
        }
        Assert.True(phone.Gone);
    }

    [Fact]
    public async Task When_its_last_phone_stops_watching_the_session_is_no_longer_followed_and_nobody_is_told()
    {
        var ann = await JoinAsync("Ann");
        var events = (InProcessSessionEvents)_core.Services.GetRequiredService<ISessionEvents>();
        var phones = new[] { new Phone(ann.Me), new Phone(null) };
        var watching = phones.Select(p => Watch.Watch(_session.SessionId, p.Me, p.Show)).ToList();
        await ComparedAsync();
        Assert.Equal(1, events.SubscriberCount(_session.SessionId));

        watching.ForEach(w => w.Dispose());
        var told = phones.Select(p => p.Told).ToList();
        // PhoneWatch hears of a change only through its subscription (it has no timer): with none left, the change
        // below reaches nobody, and a subscriber would have been called before the command returned.
        Assert.Equal(0, events.SubscriberCount(_session.SessionId));
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var witness = events.SubscribeAll(c =>
        {
            if (c.SessionId == _session.SessionId)
            {
                heard.TrySetResult();
            }
        });
        await _core.Facilitator.UpdateDetailsAsync(_session.SessionId, _session.FacilitatorKey, new DetailsChange("Renamed", null, "en", "", ""));
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, events.SubscriberCount(_session.SessionId));
        Assert.Equal(told, phones.Select(p => p.Told));
        Assert.Equal(0, Watch.ComparedVersion(_session.SessionId));
    }
}
