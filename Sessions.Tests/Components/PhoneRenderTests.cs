using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Sessions.App.Components.Pages.Board;
using Sessions.App.Components.Pages.Participant;
using Sessions.App.Components.Shared;
using Sessions.App.Realtime;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>
/// A phone renders only when what it shows changes: its own dots, the phase, the question, what the facilitator
/// reveals. Someone else's ballot, which it does not show, renders nothing (and so sends it no render batch),
/// while the board follows every ballot.
/// </summary>
public sealed class PhoneRenderTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly BunitContext _ctx = new();
    private CreatedSession _session = default!;
    private readonly List<string> _tokens = [];
    private Guid[] _answers = [];

    private SessionCatalog Catalog => _ctx.Services.GetRequiredService<SessionCatalog>();
    private ParticipantService Participants => _ctx.Services.GetRequiredService<ParticipantService>();
    private FacilitatorService Facilitator => _ctx.Services.GetRequiredService<FacilitatorService>();
    private SessionReader Reader => _ctx.Services.GetRequiredService<SessionReader>();

    public async Task InitializeAsync()
    {
        await _ctx.UseSessionsAsync(_database, interactive: true);
        _session = await Catalog.CreateAsync(new CreateSessionRequest("Phone renders", Questions: ["What matters?", "What next?"], Language: "en"));
        for (var i = 0; i < 5; i++)
        {
            _tokens.Add((await Participants.JoinAsync(_session.JoinCode, new JoinRequest($"P{i}", null, false))).ParticipantToken);
        }
        await Facilitator.GoToAsync(_session.SessionId, _session.FacilitatorKey, 1);
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _database.Dispose();
    }

    private async Task OpenVoteAsync(bool liveCounts)
    {
        await Facilitator.UpdateSettingsAsync(_session.SessionId, _session.FacilitatorKey,
            new SettingsChange(3, 1, LiveCounts: liveCounts, SilentWriting: false, AskOrganisation: false));
        _answers = [
            await Participants.SubmitAnswerAsync(_session.JoinCode, 1, _tokens[1], "Alpha", "a"),
            await Participants.SubmitAnswerAsync(_session.JoinCode, 1, _tokens[2], "Beta", "b"),
            await Participants.SubmitAnswerAsync(_session.JoinCode, 1, _tokens[3], "Gamma", "c"),
        ];
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Vote);
    }

    /// <summary>The phone of participant 0, identified by the token its browser holds.</summary>
    private IRenderedComponent<JoinPage> RenderPhone()
    {
        _ctx.JSInterop.Setup<string?>("localStorage.getItem", BrowserStorage.ParticipantKey(_session.JoinCode)).SetResult(_tokens[0]);
        var phone = _ctx.Render<JoinPage>(p => p.Add(x => x.JoinCode, _session.JoinCode));
        phone.WaitForElement("[data-testid=me]", TimeSpan.FromSeconds(10));
        return phone;
    }

    private Task VoteAsync(int participant, params Guid[] answers) =>
        Participants.PutBallotAsync(_session.JoinCode, 1, _tokens[participant], answers.ToDictionary(a => a, _ => 1));

    /// <summary>Waits until the board holds the session's latest state, and its dispatcher is idle.</summary>
    private async Task WaitUntilCaughtUpAsync(IRenderedComponent<BoardPage> board)
    {
        var latest = (await Reader.GetAsync(_session.SessionId)).Version;
        board.WaitForAssertion(() => Assert.Equal(latest, board.Instance.HeldVersion), TimeSpan.FromSeconds(10));
        await board.InvokeAsync(() => { });
    }

    /// <summary>
    /// Waits until the session's phones were compared on its latest state (a phone whose view did not change is not
    /// told, so it may hold an older one), and the phone's dispatcher has run whatever it was handed.
    /// </summary>
    private async Task WaitUntilComparedAsync(IRenderedComponent<JoinPage> phone)
    {
        var latest = (await Reader.GetAsync(_session.SessionId)).Version;
        var watch = _ctx.Services.GetRequiredService<PhoneWatch>();
        // Polled: a phone that is not told renders nothing, and bunit's waits check again on renders only.
        for (var i = 0; i < 500 && watch.ComparedVersion(_session.SessionId) < latest; i++)
        {
            await Task.Delay(20);
        }
        Assert.Equal(latest, watch.ComparedVersion(_session.SessionId));
        await phone.InvokeAsync(() => { });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Someone_elses_ballots_render_nothing_on_a_phone_while_the_board_follows_each(bool liveCounts)
    {
        await OpenVoteAsync(liveCounts);
        var phone = RenderPhone();
        phone.WaitForElement("[data-testid=vote-panel]");
        var board = _ctx.Render<BoardPage>(p => p.Add(x => x.JoinCode, _session.JoinCode));
        board.WaitForAssertion(() => Assert.Equal("vote", board.Find("[data-testid=board-phase]").GetAttribute("data-phase")));
        var phoneRenders = phone.RenderCount;
        var boardRenders = board.RenderCount;

        for (var i = 1; i <= 4; i++)
        {
            await VoteAsync(i, _answers[i % _answers.Length]);
            await WaitUntilComparedAsync(phone);
            await WaitUntilCaughtUpAsync(board);
        }

        Assert.Equal(phoneRenders, phone.RenderCount);
        // bunit counts a render of the page or of any component in it; the board renders at least once a ballot.
        Assert.True(board.RenderCount >= boardRenders + 4, $"the board rendered {board.RenderCount - boardRenders} times for 4 ballots");
        Assert.All(phone.FindAll("[data-testid=my-dots]"), dots => Assert.Equal("0", dots.TextContent));
    }

    [Fact]
    public async Task The_phones_own_dots_render_on_the_phone()
    {
        await OpenVoteAsync(liveCounts: false);
        var phone = RenderPhone();
        phone.WaitForElement("[data-testid=vote-panel]");
        var renders = phone.RenderCount;

        await VoteAsync(0, _answers[1]);

        phone.WaitForAssertion(() => Assert.Equal("1", phone.Find($"[data-answer-id='{_answers[1]}'] [data-testid=my-dots]").TextContent));
        Assert.True(phone.RenderCount > renders);
    }

    [Fact]
    public async Task A_phase_move_renders_on_the_phone()
    {
        await OpenVoteAsync(liveCounts: false);
        var phone = RenderPhone();
        phone.WaitForElement("[data-testid=vote-panel]");
        await VoteAsync(1, _answers[0]);
        await WaitUntilComparedAsync(phone);
        var renders = phone.RenderCount;

        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Result);

        phone.WaitForAssertion(() => Assert.Equal("result", phone.Find("[data-testid=phone-phase]").GetAttribute("data-phase")));
        Assert.True(phone.RenderCount > renders);
        // The result shows the counts, this ballot's dot among them.
        Assert.Contains("Alpha (1)", phone.Find("[data-testid=phone-top3]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_hidden_by_silent_writing_render_nothing_until_the_facilitator_reveals_them()
    {
        await Facilitator.UpdateSettingsAsync(_session.SessionId, _session.FacilitatorKey,
            new SettingsChange(3, 1, LiveCounts: false, SilentWriting: true, AskOrganisation: false));
        var phone = RenderPhone();
        phone.WaitForElement("[data-testid=collect-panel]");
        var renders = phone.RenderCount;

        await Participants.SubmitAnswerAsync(_session.JoinCode, 1, _tokens[1], "Someone else's idea", "x");
        await WaitUntilComparedAsync(phone);
        Assert.Equal(renders, phone.RenderCount);

        await Facilitator.RevealAnswersAsync(_session.SessionId, _session.FacilitatorKey, 1);

        phone.WaitForAssertion(() => Assert.Contains("Someone else's idea", phone.Find("[data-testid=collect-panel]").TextContent, StringComparison.Ordinal));
        Assert.True(phone.RenderCount > renders);
    }

    [Fact]
    public async Task The_next_question_and_a_new_title_render_on_the_phone()
    {
        await OpenVoteAsync(liveCounts: false);
        var phone = RenderPhone();
        phone.WaitForElement("[data-testid=vote-panel]");
        var renders = phone.RenderCount;

        await Facilitator.GoToAsync(_session.SessionId, _session.FacilitatorKey, 2);
        phone.WaitForAssertion(() => Assert.Equal("What next?", phone.Find("[data-testid=phone-question]").TextContent));
        Assert.True(phone.RenderCount > renders);
        renders = phone.RenderCount;

        await Facilitator.UpdateDetailsAsync(_session.SessionId, _session.FacilitatorKey, new DetailsChange("A new title", null, "en", "", ""));
        phone.WaitForAssertion(() => Assert.Equal("A new title", phone.Find(".phone-title").TextContent));
        Assert.True(phone.RenderCount > renders);
    }
}
