using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Sessions.App.Components.Pages.Participant;
using Sessions.Core.Domain;
using Sessions.Core.Text;

namespace Sessions.Tests.Components;

public sealed class VotePanelTests
{
    private static readonly VoteOption s_a = new(Guid.NewGuid(), "Answer A");
    private static readonly VoteOption s_b = new(Guid.NewGuid(), "Answer B");
    private static readonly VoteOption s_c = new(Guid.NewGuid(), "Answer C");

    private static async Task<(BunitContext Context, IRenderedComponent<VotePanel> Panel, List<IReadOnlyDictionary<Guid, int>> Sent)> RenderAsync(
        int budget, int maxPerAnswer, Func<IReadOnlyDictionary<Guid, int>, Task>? submit = null)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Render<MudPopoverProvider>();
        var sent = new List<IReadOnlyDictionary<Guid, int>>();
        var panel = ctx.Render<VotePanel>(p => p
            .Add(x => x.Answers, [s_a, s_b, s_c])
            .Add(x => x.Ballot, new Dictionary<Guid, int>())
            .Add(x => x.Budget, budget)
            .Add(x => x.MaxPerAnswer, maxPerAnswer)
            .Add(x => x.L, Labels.English)
            .Add(x => x.Submit, submit ?? (b =>
            {
                sent.Add(b);
                return Task.CompletedTask;
            })));
        return (ctx, panel, sent);
    }

    private static IElement AddButton(IRenderedComponent<VotePanel> panel, VoteOption option) =>
        panel.Find($"[data-answer-id='{option.Id}'] [data-testid=add-dot]");

    [Fact]
    public async Task Remaining_dots_count_down_as_dots_are_placed_and_each_change_sends_the_whole_ballot()
    {
        var (ctx, panel, sent) = await RenderAsync(budget: 3, maxPerAnswer: 1);
        await using var _ = ctx;
        Assert.Equal("3", panel.Find(".vote-remaining-number").TextContent);

        await AddButton(panel, s_a).ClickAsync(new MouseEventArgs());
        await AddButton(panel, s_b).ClickAsync(new MouseEventArgs());

        Assert.Equal("1", panel.Find(".vote-remaining-number").TextContent);
        Assert.Equal(2, sent.Count);
        Assert.Equal(new Dictionary<Guid, int> { [s_a.Id] = 1, [s_b.Id] = 1 }, sent[^1]);
    }

    [Fact]
    public async Task A_dot_over_budget_is_refused_with_a_message_and_nothing_is_sent()
    {
        var (ctx, panel, sent) = await RenderAsync(budget: 2, maxPerAnswer: 1);
        await using var _ = ctx;
        await AddButton(panel, s_a).ClickAsync(new MouseEventArgs());
        await AddButton(panel, s_b).ClickAsync(new MouseEventArgs());

        await AddButton(panel, s_c).ClickAsync(new MouseEventArgs());

        Assert.Contains(Labels.English.NoDotsLeft, panel.Find("[data-testid=vote-message]").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, sent.Count);
        Assert.Equal("0", panel.Find(".vote-remaining-number").TextContent);
        Assert.Equal("0", panel.Find($"[data-answer-id='{s_c.Id}'] [data-testid=my-dots]").TextContent);
    }

    [Fact]
    public async Task A_second_dot_on_one_answer_over_the_cap_is_refused_with_a_message()
    {
        var (ctx, panel, sent) = await RenderAsync(budget: 3, maxPerAnswer: 1);
        await using var _ = ctx;
        await AddButton(panel, s_a).ClickAsync(new MouseEventArgs());

        await AddButton(panel, s_a).ClickAsync(new MouseEventArgs());

        Assert.Contains(Labels.English.MaxPerAnswer, panel.Find("[data-testid=vote-message]").TextContent, StringComparison.Ordinal);
        Assert.Single(sent);
    }

    [Fact]
    public async Task A_ballot_the_server_refuses_is_rolled_back_and_its_reason_shown()
    {
        var (ctx, panel, _) = await RenderAsync(budget: 3, maxPerAnswer: 1,
            submit: _ => throw SessionRuleException.Conflict("Voting is not open for question 1; it is in result."));
        await using var __ = ctx;

        await AddButton(panel, s_a).ClickAsync(new MouseEventArgs());

        Assert.Contains("Voting is not open", panel.Find("[data-testid=vote-message]").TextContent, StringComparison.Ordinal);
        Assert.Equal("3", panel.Find(".vote-remaining-number").TextContent);
        Assert.Equal("0", panel.Find($"[data-answer-id='{s_a.Id}'] [data-testid=my-dots]").TextContent);
    }

    [Fact]
    public async Task Taking_a_dot_back_returns_it_to_the_budget()
    {
        var (ctx, panel, sent) = await RenderAsync(budget: 3, maxPerAnswer: 2);
        await using var _ = ctx;
        await AddButton(panel, s_a).ClickAsync(new MouseEventArgs());
        await AddButton(panel, s_a).ClickAsync(new MouseEventArgs());

        await panel.Find($"[data-answer-id='{s_a.Id}'] [data-testid=remove-dot]").ClickAsync(new MouseEventArgs());

        Assert.Equal("2", panel.Find(".vote-remaining-number").TextContent);
        Assert.Equal(new Dictionary<Guid, int> { [s_a.Id] = 1 }, sent[^1]);
    }
}
