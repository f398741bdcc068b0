using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Sessions.App.Components.Pages.Board;
using Sessions.Core.Domain;
using Sessions.Core.Events;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>The board page on the real core: changes made through the services appear without a reload.</summary>
public sealed class BoardLiveTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly BunitContext _ctx = new();
    private CreatedSession _session = default!;
    private readonly List<string> _tokens = [];

    private SessionCatalog Catalog => _ctx.Services.GetRequiredService<SessionCatalog>();
    private ParticipantService Participants => _ctx.Services.GetRequiredService<ParticipantService>();
    private FacilitatorService Facilitator => _ctx.Services.GetRequiredService<FacilitatorService>();

    public async Task InitializeAsync()
    {
        await _ctx.UseSessionsAsync(_database, interactive: false);
        _session = await Catalog.CreateAsync(new CreateSessionRequest("Board test", Questions: ["What matters?"], Language: "en"));
        for (var i = 0; i < 4; i++)
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

    private IRenderedComponent<BoardPage> RenderBoard() =>
        _ctx.Render<BoardPage>(p => p.Add(x => x.JoinCode, _session.JoinCode));

    private async Task<Guid[]> AnswerAndOpenVoteAsync(params string[] texts)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < texts.Length; i++)
        {
            ids.Add(await Participants.SubmitAnswerAsync(_session.JoinCode, 1, _tokens[i % _tokens.Count], texts[i], $"r{i}"));
        }
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Vote);
        return [.. ids];
    }

    private Task VoteAsync(int participant, params Guid[] answers) =>
        Participants.PutBallotAsync(_session.JoinCode, 1, _tokens[participant], answers.ToDictionary(a => a, _ => 1));

    [Fact]
    public async Task An_answer_sent_from_a_phone_appears_on_the_open_board()
    {
        var board = RenderBoard();
        board.WaitForAssertion(() => Assert.Equal("collect", board.Find("[data-testid=board-phase]").GetAttribute("data-phase")));
        Assert.Empty(board.FindAll("[data-testid=board-answer]"));

        await Participants.SubmitAnswerAsync(_session.JoinCode, 1, _tokens[0], "More time to think <b>together</b>", "x");

        board.WaitForAssertion(() => Assert.Single(board.FindAll("[data-testid=board-answer]")));
        // Shown as text, never as markup.
        Assert.Contains("More time to think <b>together</b>", board.Find("[data-testid=board-answer]").TextContent, StringComparison.Ordinal);
        Assert.Empty(board.FindAll("[data-testid=board-answer] b"));
    }

    [Fact]
    public async Task Dot_counts_change_live_during_the_vote()
    {
        var ids = await AnswerAndOpenVoteAsync("Alpha", "Beta");
        var board = RenderBoard();
        board.WaitForAssertion(() => Assert.Equal("vote", board.Find("[data-testid=board-phase]").GetAttribute("data-phase")));

        await VoteAsync(0, ids[0], ids[1]);
        await VoteAsync(1, ids[1]);

        board.WaitForAssertion(() =>
        {
            Assert.Equal("2", board.Find($"[data-answer-id='{ids[1]}'] [data-testid=answer-dots]").TextContent);
            Assert.Equal("1", board.Find($"[data-answer-id='{ids[0]}'] [data-testid=answer-dots]").TextContent);
        });
    }

    [Fact]
    public async Task Hidden_counts_stay_off_the_board_until_revealed()
    {
        await Facilitator.UpdateSettingsAsync(_session.SessionId, _session.FacilitatorKey, new SettingsChange(3, 1, LiveCounts: false, SilentWriting: false, AskOrganisation: true));
        var ids = await AnswerAndOpenVoteAsync("Alpha", "Beta");
        await VoteAsync(0, ids[0]);
        var board = RenderBoard();
        board.WaitForAssertion(() => Assert.Equal(2, board.FindAll("[data-testid=board-answer]").Count));
        Assert.Empty(board.FindAll("[data-testid=answer-dots]"));

        await Facilitator.RevealCountsAsync(_session.SessionId, _session.FacilitatorKey, 1);

        board.WaitForAssertion(() => Assert.Equal("1", board.Find($"[data-answer-id='{ids[0]}'] [data-testid=answer-dots]").TextContent));
    }

    [Fact]
    public async Task The_result_shows_the_top_3_in_order()
    {
        var ids = await AnswerAndOpenVoteAsync("Alpha", "Beta", "Gamma", "Delta");
        await VoteAsync(0, ids[0], ids[1], ids[2]);
        await VoteAsync(1, ids[0], ids[1], ids[2]);
        await VoteAsync(2, ids[0], ids[1]);
        await VoteAsync(3, ids[0]);
        var board = RenderBoard();

        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Result);

        board.WaitForAssertion(() =>
        {
            var items = board.FindAll("[data-testid=top3-item]");
            Assert.Equal(3, items.Count);
            Assert.Contains("Alpha", items[0].TextContent, StringComparison.Ordinal);
            Assert.Contains("Beta", items[1].TextContent, StringComparison.Ordinal);
            Assert.Contains("Gamma", items[2].TextContent, StringComparison.Ordinal);
        });
        Assert.Empty(board.FindAll("[data-testid=board-tie]"));
    }

    [Fact]
    public async Task A_tie_across_the_cut_off_is_shown_as_a_tie_and_not_settled_silently()
    {
        var ids = await AnswerAndOpenVoteAsync("Alpha", "Beta", "Gamma", "Delta");
        // Alpha 3, Beta 2, Gamma 1, Delta 1: Gamma and Delta tie for third place.
        await VoteAsync(0, ids[0], ids[1], ids[2]);
        await VoteAsync(1, ids[0], ids[1], ids[3]);
        await VoteAsync(2, ids[0]);
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Result);

        var board = RenderBoard();

        board.WaitForAssertion(() => Assert.Equal(2, board.FindAll("[data-testid=top3-item]").Count));
        var tied = board.FindAll("[data-testid=tie-item]").Select(e => e.TextContent).ToList();
        Assert.Equal(2, tied.Count);
        Assert.Contains(tied, t => t.Contains("Gamma", StringComparison.Ordinal));
        Assert.Contains(tied, t => t.Contains("Delta", StringComparison.Ordinal));

        await Facilitator.ChooseTieWinnersAsync(_session.SessionId, _session.FacilitatorKey, 1, [ids[3]]);

        board.WaitForAssertion(() =>
        {
            Assert.Equal(3, board.FindAll("[data-testid=top3-item]").Count);
            Assert.Contains("Delta", board.FindAll("[data-testid=top3-item]")[2].TextContent, StringComparison.Ordinal);
            Assert.Empty(board.FindAll("[data-testid=board-tie]"));
            Assert.NotNull(board.Find("[data-testid=tie-settled]"));
        });
    }

    [Fact]
    public async Task A_disposed_board_unsubscribes_and_renders_no_more_events()
    {
        var events = _ctx.Services.GetRequiredService<ISessionEvents>();
        var board = RenderBoard();
        board.WaitForAssertion(() => Assert.NotNull(board.Find("[data-testid=board]")));
        Assert.Equal(1, events.SubscriberCount(_session.SessionId));

        await Participants.SubmitAnswerAsync(_session.JoinCode, 1, _tokens[0], "Before", "a");
        board.WaitForAssertion(() => Assert.Single(board.FindAll("[data-testid=board-answer]")));

        await _ctx.DisposeComponentsAsync();
        var rendersAfterDispose = board.RenderCount;
        Assert.Equal(0, events.SubscriberCount(_session.SessionId));
        // A board opened afterwards is the witness: once it shows the next answer, the event that brought it has
        // been handled, and a board still subscribed would have been told at the same moment.
        var witness = RenderBoard();
        witness.WaitForAssertion(() => Assert.Single(witness.FindAll("[data-testid=board-answer]")));

        // The answer's own change is the event: a made-up version past every real one would send the witness
        // waiting for a snapshot that never comes.
        await Participants.SubmitAnswerAsync(_session.JoinCode, 1, _tokens[1], "After", "b");
        witness.WaitForAssertion(() => Assert.Equal(2, witness.FindAll("[data-testid=board-answer]").Count));

        Assert.Equal(rendersAfterDispose, board.RenderCount);
    }
}
