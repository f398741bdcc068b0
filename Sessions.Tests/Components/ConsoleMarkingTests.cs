using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Sessions.App.Components.Pages.Facilitator;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>The console's parts on the real core: what is marked as live, what asks first, what answers beside the button.</summary>
public sealed class ConsoleMarkingTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly BunitContext _ctx = new();
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;
    private readonly CultureInfo _formatCulture = CultureInfo.CurrentCulture;
    private CreatedSession _session = default!;
    private readonly List<string> _tokens = [];
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    private SessionCatalog Catalog => _ctx.Services.GetRequiredService<SessionCatalog>();
    private ParticipantService Participants => _ctx.Services.GetRequiredService<ParticipantService>();
    private FacilitatorService Facilitator => _ctx.Services.GetRequiredService<FacilitatorService>();
    private Task<SessionSnapshot> SnapshotAsync() => _ctx.Services.GetRequiredService<SessionReader>().GetAsync(_session.SessionId);

    public async Task InitializeAsync()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");
        await _ctx.UseSessionsAsync(_database, interactive: false);
        _dialogs = _ctx.Render<MudDialogProvider>();
        _session = await Catalog.CreateAsync(new CreateSessionRequest("Console test", Questions: ["What matters?", "What next?"], Language: "en"));
        for (var i = 0; i < 3; i++)
        {
            _tokens.Add((await Participants.JoinAsync(_session.JoinCode, new JoinRequest($"P{i}", null, false))).ParticipantToken);
        }
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _database.Dispose();
        CultureInfo.CurrentUICulture = _culture;
        CultureInfo.CurrentCulture = _formatCulture;
    }

    private async Task<Guid[]> AnswersAsync(params string[] texts)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < texts.Length; i++)
        {
            ids.Add(await Participants.SubmitAnswerAsync(_session.JoinCode, 1, _tokens[i % _tokens.Count], texts[i], $"r{i}"));
        }
        return [.. ids];
    }

    private async Task<IRenderedComponent<QuestionConsole>> RenderQuestionAsync()
    {
        var snapshot = await SnapshotAsync();
        return _ctx.Render<QuestionConsole>(p => p
            .Add(x => x.Question, snapshot.Question(1)!)
            .Add(x => x.Session, snapshot)
            .Add(x => x.Key, _session.FacilitatorKey)
            .Add(x => x.Participants, snapshot.Participants)
            .Add(x => x.OnError, _ => { }));
    }

    private async Task<IRenderedComponent<MergePanel>> RenderMergeAsync()
    {
        var snapshot = await SnapshotAsync();
        return _ctx.Render<MergePanel>(p => p
            .Add(x => x.Question, snapshot.Question(1)!)
            .Add(x => x.Session, snapshot)
            .Add(x => x.Key, _session.FacilitatorKey)
            .Add(x => x.Participants, snapshot.Participants));
    }

    [Fact]
    public async Task The_banner_says_in_words_what_every_screen_shows()
    {
        var inLobby = await SnapshotAsync();
        var lobby = _ctx.Render<ConsoleLiveBanner>(p => p.Add(x => x.Session, inLobby));
        Assert.Contains("Lobby", lobby.Find("[data-testid=live-now]").TextContent, StringComparison.Ordinal);

        await Facilitator.GoToAsync(_session.SessionId, _session.FacilitatorKey, 2);
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 2, Phase.Converge);
        var onQuestion = await SnapshotAsync();
        var question = _ctx.Render<ConsoleLiveBanner>(p => p.Add(x => x.Session, onQuestion));

        var banner = question.Find("[data-testid=live-now]");
        Assert.Contains("Question 2 of 2", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("What next?", banner.TextContent, StringComparison.Ordinal);
        Assert.Equal("Converge", question.Find("[data-testid=live-phase]").TextContent);
        Assert.Equal("2", banner.GetAttribute("data-position"));
    }

    [Fact]
    public async Task The_current_phase_is_marked_and_a_question_not_on_the_screens_says_so()
    {
        var console = await RenderQuestionAsync();

        Assert.Equal("step", console.Find("[data-testid=phase-collect]").GetAttribute("aria-current"));
        Assert.Null(console.Find("[data-testid=phase-converge]").GetAttribute("aria-current"));
        Assert.Contains("every screen shows the lobby", console.Find("[data-testid=not-on-screens]").TextContent, StringComparison.Ordinal);

        await Facilitator.GoToAsync(_session.SessionId, _session.FacilitatorKey, 1);
        var live = await RenderQuestionAsync();
        Assert.Empty(live.FindAll("[data-testid=not-on-screens]"));
    }

    [Fact]
    public async Task Going_back_from_a_result_settled_by_choice_names_the_choice_and_cancel_keeps_it()
    {
        var ids = await AnswersAsync("Alpha", "Bravo", "Charlie", "Delta");
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Vote);
        await Participants.PutBallotAsync(_session.JoinCode, 1, _tokens[0], new Dictionary<Guid, int> { [ids[0]] = 1, [ids[1]] = 1, [ids[2]] = 1 });
        await Participants.PutBallotAsync(_session.JoinCode, 1, _tokens[1], new Dictionary<Guid, int> { [ids[0]] = 1, [ids[1]] = 1, [ids[3]] = 1 });
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Result);
        await Facilitator.ChooseTieWinnersAsync(_session.SessionId, _session.FacilitatorKey, 1, [ids[3]]);
        var console = await RenderQuestionAsync();

        // The click waits for the answer, so it is not awaited here: the dialog is what it waits on.
        _ = console.Find("[data-testid=phase-vote]").ClickAsync(new MouseEventArgs());

        _dialogs.WaitForAssertion(() => Assert.Contains("Your choice (“Delta”) is thrown away", _dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.Contains("The top 3 disappears from every screen", _dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal);
        await _dialogs.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Contains("Cancel", StringComparison.Ordinal)).ClickAsync(new MouseEventArgs());
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        var question = (await SnapshotAsync()).Question(1)!;
        Assert.Equal(Phase.Result, question.Phase);
        Assert.Equal(TieSettlement.Choice, question.TieSettledBy);
    }

    [Fact]
    public async Task Moving_forward_from_a_result_or_back_from_the_vote_does_not_ask()
    {
        Assert.Null(ConsoleConfirmations.ForPhase(_ctx.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Sessions.App.Resources.SharedResource>>(),
            (await SnapshotAsync()).Question(1)!, Phase.Converge));
        await AnswersAsync("Alpha");
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Vote);
        var console = await RenderQuestionAsync();

        await console.Find("[data-testid=phase-converge]").ClickAsync(new MouseEventArgs());

        Assert.Empty(_dialogs.FindAll(".mud-dialog"));
        Assert.Equal(Phase.Converge, (await SnapshotAsync()).Question(1)!.Phase);
    }

    [Fact]
    public async Task Dropping_an_answer_on_another_merges_it_and_says_so_in_the_answer_that_absorbed_it()
    {
        var ids = await AnswersAsync("More time together", "Time together", "Shorter meetings");
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        var panel = await RenderMergeAsync();

        await panel.Find($"[data-answer-id='{ids[1]}']").TriggerEventAsync("ondragstart", new DragEventArgs());
        await panel.Find($"[data-answer-id='{ids[0]}']").TriggerEventAsync("ondrop", new DragEventArgs());

        Assert.Equal(ids[0], (await SnapshotAsync()).Question(1)!.Answer(ids[1])!.MergedInto);
        Assert.Contains("“Time together” is merged into this answer.", panel.Find($"[data-answer-id='{ids[0]}'] [data-testid=merge-status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dropping_an_answer_on_a_hidden_one_is_refused_beside_it_in_the_readers_language()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");
        var ids = await AnswersAsync("Meer tijd samen", "Tijd samen");
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        await Facilitator.PatchAnswerAsync(_session.SessionId, _session.FacilitatorKey, 1, ids[0], null, true);
        var panel = await RenderMergeAsync();

        await panel.Find($"[data-answer-id='{ids[1]}']").TriggerEventAsync("ondragstart", new DragEventArgs());
        await panel.Find($"[data-answer-id='{ids[0]}']").TriggerEventAsync("ondrop", new DragEventArgs());

        Assert.Null((await SnapshotAsync()).Question(1)!.Answer(ids[1])!.MergedInto);
        Assert.Contains("Toon het antwoord eerst", panel.Find($"[data-answer-id='{ids[0]}'] [data-testid=merge-status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_is_offered_in_converge_and_not_once_the_vote_is_open()
    {
        var ids = await AnswersAsync("More time together", "Time together");
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        await Facilitator.MergeAsync(_session.SessionId, _session.FacilitatorKey, 1, ids[1], ids[0]);
        var inConverge = await RenderMergeAsync();
        Assert.Single(inConverge.FindAll("[data-testid=unmerge]"));

        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Vote);
        var inVote = await RenderMergeAsync();
        Assert.Single(inVote.FindAll("[data-testid=merge-absorbed]"));
        Assert.Empty(inVote.FindAll("[data-testid=unmerge]"));
    }

    [Fact]
    public async Task The_filter_keeps_answers_with_the_words_merged_originals_included_ignoring_case_and_accents()
    {
        var ids = await AnswersAsync("Eén dossier per inwoner", "Shorter meetings", "Fewer meetings", "Trust");
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        await Facilitator.MergeAsync(_session.SessionId, _session.FacilitatorKey, 1, ids[2], ids[3]);
        var panel = await RenderMergeAsync();

        await panel.Find("input").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "MEETINGS" });
        Assert.Equal(["Shorter meetings", "Trust"], panel.FindAll("[data-testid=merge-item-text]").Select(e => e.TextContent).Order().ToArray());

        await panel.Find("input").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "een dossier" });
        Assert.Equal(["Eén dossier per inwoner"], panel.FindAll("[data-testid=merge-item-text]").Select(e => e.TextContent).ToArray());
    }

    /// <summary>The collect button in converge, enabled exactly when the server would take the move back to collect.</summary>
    private async Task AssertCollectOfferedOnlyWhenAllowedAsync(bool allowed)
    {
        var console = await RenderQuestionAsync();
        var collect = console.Find("[data-testid=phase-collect]");
        Assert.Equal(!allowed, collect.HasAttribute("disabled"));
        Assert.Equal(allowed ? 0 : 1, console.FindAll("[data-testid=collect-refused]").Count);
        if (!allowed)
        {
            Assert.Contains("cannot go back to collect", console.Find("[data-testid=collect-refused]").TextContent, StringComparison.Ordinal);
            var refused = await Assert.ThrowsAsync<SessionRuleException>(() => Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Collect));
            Assert.Equal(SessionError.Conflict, refused.Error);
        }
    }

    [Fact]
    public async Task Back_to_collect_is_not_offered_once_answers_are_merged_or_carry_dots_and_the_reason_is_shown()
    {
        var ids = await AnswersAsync("Alpha", "Beta", "Gamma");
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        await AssertCollectOfferedOnlyWhenAllowedAsync(allowed: true);

        // Dots placed in the vote, then back in converge: the server refuses collect (409), so the console does not offer it.
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Vote);
        await Participants.PutBallotAsync(_session.JoinCode, 1, _tokens[0], new Dictionary<Guid, int> { [ids[0]] = 1 });
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        await AssertCollectOfferedOnlyWhenAllowedAsync(allowed: false);

        // The dots taken back: collect is offered again.
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Vote);
        await Participants.PutBallotAsync(_session.JoinCode, 1, _tokens[0], new Dictionary<Guid, int>());
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        var snapshot = await SnapshotAsync();
        Assert.Equal(snapshot.Question(1)!.Ballots.Count == 0, snapshot.Question(1)!.CanGoBackToCollect);
        if (snapshot.Question(1)!.CanGoBackToCollect)
        {
            await AssertCollectOfferedOnlyWhenAllowedAsync(allowed: true);
        }

        // A merge: refused as well.
        await Facilitator.MergeAsync(_session.SessionId, _session.FacilitatorKey, 1, ids[1], ids[2]);
        await AssertCollectOfferedOnlyWhenAllowedAsync(allowed: false);
    }
}
