using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Sessions.App.Components.Pages.Participant;
using Sessions.App.Resources;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>
/// The vote panel draws the ballot the server holds and hands the phone's outbox (wwwroot/outbox.js) what it
/// needs to take taps offline: the ballot, the budget, the cap and the refusals in the phone's language.
/// What a tap does is proven in the browser (Browser/OfflineTests, RoomTests).
/// </summary>
public sealed class VotePanelTests
{
    private static readonly VoteOption s_a = new(Guid.NewGuid(), "Answer A");
    private static readonly VoteOption s_b = new(Guid.NewGuid(), "Answer B");

    private static async Task<IRenderedComponent<VotePanel>> RenderAsync(BunitContext ctx, Dictionary<Guid, int> ballot, bool runoff = false)
    {
        ctx.UseMud();
        ctx.Services.AddLocalization();
        ctx.Render<MudPopoverProvider>();
        await Task.CompletedTask;
        return ctx.Render<VotePanel>(p => p
            .Add(x => x.Answers, [s_a, s_b])
            .Add(x => x.Ballot, ballot)
            .Add(x => x.Budget, 3)
            .Add(x => x.MaxPerAnswer, 2)
            .Add(x => x.JoinCode, "ABC234")
            .Add(x => x.QuestionNumber, 2)
            .Add(x => x.Runoff, runoff)
            .Add(x => x.L, Labels.Dutch));
    }

    [Fact]
    public async Task The_servers_ballot_is_drawn_with_the_dots_left()
    {
        await using var ctx = new BunitContext();
        var panel = await RenderAsync(ctx, new Dictionary<Guid, int> { [s_a.Id] = 2 });

        Assert.Equal("1", panel.Find(".vote-remaining-number").TextContent);
        Assert.Equal("2", panel.Find($"[data-answer-id='{s_a.Id}'] [data-testid=my-dots]").TextContent);
        Assert.Equal("0", panel.Find($"[data-answer-id='{s_b.Id}'] [data-testid=my-dots]").TextContent);
        Assert.True(panel.Find($"[data-answer-id='{s_b.Id}'] [data-testid=remove-dot]").HasAttribute("disabled"));
        Assert.Contains("vote-item-chosen", panel.Find($"[data-answer-id='{s_a.Id}']").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outbox_gets_the_ballot_budget_cap_and_the_refusals_in_the_phones_language()
    {
        await using var ctx = new BunitContext();
        var panel = await RenderAsync(ctx, new Dictionary<Guid, int> { [s_a.Id] = 1 });

        var root = panel.Find("[data-outbox-ballot]");
        Assert.Equal("ABC234", root.GetAttribute("data-outbox-code"));
        Assert.Equal("2", root.GetAttribute("data-question"));
        Assert.Equal("vote", root.GetAttribute("data-round"));
        Assert.Equal("3", root.GetAttribute("data-budget"));
        Assert.Equal("2", root.GetAttribute("data-max"));
        Assert.Equal(Labels.Dutch.NoDotsLeft, root.GetAttribute("data-text-no-dots"));
        Assert.Equal(Labels.Dutch.MaxPerAnswer, root.GetAttribute("data-text-cap"));
        var ballot = JsonSerializer.Deserialize<Dictionary<Guid, int>>(root.GetAttribute("data-ballot")!);
        Assert.Equal(new Dictionary<Guid, int> { [s_a.Id] = 1 }, ballot);
        Assert.Equal("1", panel.Find($"[data-answer-id='{s_a.Id}'] [data-outbox-dot='1']").GetAttribute("data-outbox-dot"));
    }

    [Fact]
    public async Task A_runoff_ballot_is_kept_apart_from_the_vote()
    {
        await using var ctx = new BunitContext();
        var panel = await RenderAsync(ctx, [], runoff: true);

        Assert.Equal("runoff", panel.Find("[data-outbox-ballot]").GetAttribute("data-round"));
        Assert.Equal("{}", panel.Find("[data-outbox-ballot]").GetAttribute("data-ballot"));
    }
}
