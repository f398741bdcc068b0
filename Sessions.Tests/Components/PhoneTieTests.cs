using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Sessions.App.Components.Pages.Participant;
using Sessions.App.Resources;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>A phone's tie text names the tied answers, in a tie and in its runoff.</summary>
public sealed class PhoneTieTests
{
    private static readonly PublicRankedAnswer[] Tied =
    [
        new(2, Guid.NewGuid(), "Samen leren", 2),
        new(2, Guid.NewGuid(), "Kortere lijnen", 2),
        new(2, Guid.NewGuid(), "Minder vergaderen", 2),
    ];

    [Theory]
    [InlineData("none")]
    [InlineData("closed")]
    [InlineData("open")]
    public async Task The_tie_text_lists_every_tied_answer(string runoff)
    {
        await using var ctx = new BunitContext();
        ctx.UseMud();
        ctx.Services.AddLocalization();

        var text = ctx.Render<TieText>(p => p.Add(x => x.Tie, new PublicTie(2, Tied, runoff)).Add(x => x.L, Labels.Dutch));

        Assert.Equal(Tied.Select(t => t.Text), text.FindAll("[data-testid=phone-tied-answer]").Select(li => li.TextContent));
        Assert.Contains(runoff == "open" ? Labels.Dutch.RunoffVote : Labels.Dutch.TieExplanation, text.Find("[data-testid=phone-tie]").TextContent, StringComparison.Ordinal);
    }
}
