using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Sessions.App.Components.Pages.Facilitator;
using Sessions.App.Components.Shared;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Core.Suggestions;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>The console's suggested merges: shown with what they share, accepted in one click, refused, and following new answers.</summary>
public sealed class SuggestionsPanelTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly BunitContext _ctx = new();
    private CreatedSession _session = default!;
    private readonly List<string> _errors = [];

    // Suggestions are computed off the render path; the first computation in a process also loads the stemmers.
    private static readonly TimeSpan s_computed = TimeSpan.FromSeconds(20);

    public async Task InitializeAsync()
    {
        await _ctx.UseSessionsAsync(_database, interactive: true);
        _session = await _ctx.Services.GetRequiredService<SessionCatalog>().CreateAsync(new CreateSessionRequest("Werkoverleg", Language: "nl", Questions: ["Wat maakt het werk zwaar?"]));
        foreach (var text in new[] { "De werkdruk is te hoog", "Veel te hoge werkdruk", "Gratis koffie in de kantine" })
        {
            await Facilitator.AddAnswerAsync(_session.SessionId, _session.FacilitatorKey, 1, text);
        }
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _database.Dispose();
    }

    private FacilitatorService Facilitator => _ctx.Services.GetRequiredService<FacilitatorService>();

    private Task<SessionSnapshot> SnapshotAsync() => _ctx.Services.GetRequiredService<SessionReader>().GetAsync(_session.SessionId);

    private async Task<IRenderedComponent<SuggestionsPanel>> RenderAsync()
    {
        var snapshot = await SnapshotAsync();
        return _ctx.Render<SuggestionsPanel>(p => p
            .Add(x => x.Question, snapshot.Questions[0])
            .Add(x => x.Session, snapshot)
            .Add(x => x.Key, _session.FacilitatorKey)
            .Add(x => x.OnError, _errors.Add));
    }

    [Fact]
    public async Task A_suggested_group_shows_its_answers_with_the_shared_words_marked()
    {
        var panel = await RenderAsync();

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=suggestion-group]")), s_computed);
        var answers = panel.FindAll("[data-testid=suggestion-answer]");
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Contains("werkdruk", string.Join(' ', a.QuerySelectorAll("mark").Select(m => m.TextContent))));
        Assert.DoesNotContain("koffie", panel.Markup, StringComparison.OrdinalIgnoreCase);
        // In collect the group is a preview: merging waits for converge.
        Assert.True(panel.Find("[data-testid=suggestion-accept]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Accepting_a_group_merges_it_in_one_action_with_the_chosen_wording()
    {
        await Facilitator.SetPhaseAsync(_session.SessionId, _session.FacilitatorKey, 1, Phase.Converge);
        var panel = await RenderAsync();
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=suggestion-group]")), s_computed);
        var before = await SnapshotAsync();

        var wording = panel.Find("[data-testid=suggestion-text]");
        (wording.TagName == "INPUT" ? wording : wording.QuerySelector("input")!).Change("Werkdruk is te hoog");
        await panel.Find("[data-testid=suggestion-accept]").ClickAsync(new MouseEventArgs());

        Assert.Empty(_errors);
        var after = await SnapshotAsync();
        Assert.Equal(before.Version + 1, after.Version);
        var active = after.Questions[0].ActiveAnswers.ToList();
        Assert.Equal(2, active.Count);
        Assert.Contains(active, a => a.Text == "Werkdruk is te hoog");
        Assert.Empty(panel.FindAll("[data-testid=suggestion-group]"));
    }

    [Fact]
    public async Task A_refused_group_leaves_the_panel_and_is_not_suggested_again()
    {
        var panel = await RenderAsync();
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=suggestion-group]")), s_computed);

        await panel.Find("[data-testid=suggestion-reject]").ClickAsync(new MouseEventArgs());

        Assert.Empty(_errors);
        Assert.Empty(panel.FindAll("[data-testid=suggestion-group]"));
        var suggestions = await _ctx.Services.GetRequiredService<SuggestionService>().SuggestAsync(_session.SessionId, _session.FacilitatorKey, 1);
        Assert.Empty(suggestions.Groups);
    }

    [Fact]
    public async Task A_new_answer_that_repeats_another_becomes_a_suggestion_without_reloading()
    {
        var panel = await RenderAsync();
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=suggestion-group]")), s_computed);

        await Facilitator.AddAnswerAsync(_session.SessionId, _session.FacilitatorKey, 1, "Gratis koffie graag");
        var snapshot = await SnapshotAsync();
        panel.Render(p => p.Add(x => x.Question, snapshot.Questions[0]).Add(x => x.Session, snapshot));

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=suggestion-group]").Count), s_computed);
        Assert.Contains("koffie", panel.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Two_long_answers_that_share_many_words_show_a_few_of_them_and_count_the_rest()
    {
        const string Long = "Een vaste regietafel waar gemeenten, zorgaanbieders, scholen en bewonersinitiatieven elke maand samen aan tafel zitten, met een onafhankelijke voorzitter en een gedeelde agenda die iedereen kan aanvullen";
        await Facilitator.AddAnswerAsync(_session.SessionId, _session.FacilitatorKey, 1, "Antwoord 30: " + Long);
        await Facilitator.AddAnswerAsync(_session.SessionId, _session.FacilitatorKey, 1, "Antwoord 40: " + Long);
        var panel = await RenderAsync();

        panel.WaitForAssertion(() => Assert.Contains(panel.FindAll("[data-testid=suggestion-group]"), g => g.TextContent.Contains("Antwoord 30", StringComparison.Ordinal)), s_computed);
        var group = panel.FindAll("[data-testid=suggestion-group]").Single(g => g.TextContent.Contains("Antwoord 30", StringComparison.Ordinal));
        Assert.Equal(SuggestionsPanel.MaxTermsShown, group.QuerySelectorAll("[data-testid=suggestion-term]").Length);
        var more = group.QuerySelector("[data-testid=suggestion-more-terms]");
        Assert.NotNull(more);
        Assert.Matches(@"^\+\d+ more$", more!.TextContent);
        // Every shared word is still there to read, in the tooltip.
        Assert.Contains("zorgaanbieders", group.TextContent + more.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_bound_the_panel_says_how_many_answers_its_suggestions_cover()
    {
        var total = DuplicateSuggester.MaxAnswers + 50;
        var large = await _ctx.Services.GetRequiredService<SessionImporter>().ImportAsync(Sessions.Tests.Suggestions.LargeQuestion.Archive(total));
        var snapshot = await _ctx.Services.GetRequiredService<SessionReader>().GetAsync(large.SessionId);

        var panel = _ctx.Render<SuggestionsPanel>(p => p
            .Add(x => x.Question, snapshot.Questions[0])
            .Add(x => x.Session, snapshot)
            .Add(x => x.Key, large.FacilitatorKey)
            .Add(x => x.OnError, _errors.Add));

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=suggestions-bound]")), s_computed);
        Assert.Contains($"{DuplicateSuggester.MaxAnswers} of {total}", panel.Find("[data-testid=suggestions-bound]").TextContent, StringComparison.Ordinal);
        Assert.Single(panel.FindAll("[data-testid=suggestion-group]"));
    }

    [Fact]
    public async Task Within_the_bound_the_panel_says_nothing_about_it()
    {
        var panel = await RenderAsync();

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=suggestion-group]")), s_computed);
        Assert.Empty(panel.FindAll("[data-testid=suggestions-bound]"));
    }
}
