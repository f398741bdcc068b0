using System.Globalization;
using Sessions.App.Components.Pages.Facilitator;
using Sessions.Core.Services;

namespace Sessions.Tests.Components;

/// <summary>The merge panel's order: A to Z by default, and the most alike answers first when picking where to merge.</summary>
public sealed class MergeOrderTests
{
    private static readonly CultureInfo s_dutch = CultureInfo.GetCultureInfo("nl-NL");

    private static AnswerSnapshot Answer(string text, long sequence = 0, int dots = 0) =>
        new(Guid.NewGuid(), text, text, null, false, null, dots, 0, sequence);

    [Fact]
    public void A_to_z_ignores_case_and_accents_so_near_duplicates_sit_together()
    {
        var answers = new[] { Answer("meer tijd", 1), Answer("Eén dossier", 2), Answer("Meer tijd samen", 3), Answer("Een gedeeld dossier", 4) };

        var sorted = MergeOrder.Sort(answers, MergeSort.Alphabetical, s_dutch).Select(a => a.Text);

        Assert.Equal(["Eén dossier", "Een gedeeld dossier", "meer tijd", "Meer tijd samen"], sorted);
    }

    [Fact]
    public void Newest_first_and_most_dots_first_order_as_they_say()
    {
        var answers = new[] { Answer("A", 1, dots: 2), Answer("B", 2, dots: 5), Answer("C", 3, dots: 2) };

        Assert.Equal(["C", "B", "A"], MergeOrder.Sort(answers, MergeSort.Newest, s_dutch).Select(a => a.Text));
        Assert.Equal(["B", "A", "C"], MergeOrder.Sort(answers, MergeSort.Dots, s_dutch).Select(a => a.Text));
    }

    [Fact]
    public void The_most_alike_answers_come_first_when_picking_where_to_merge()
    {
        var source = Answer("Meer tijd om elkaar te leren kennen");
        var candidates = new[] { Answer("Ontschotte budgetten"), Answer("Tijd om elkaar te leren kennen buiten vergaderingen"), Answer("Elkaar leren kennen"), Answer("Korte lijnen") };

        var ordered = MergeOrder.LikeFirst(source, candidates, s_dutch).Select(a => a.Text).ToList();

        Assert.Equal("Elkaar leren kennen", ordered[0]);
        Assert.Equal("Tijd om elkaar te leren kennen buiten vergaderingen", ordered[1]);
        // Nothing in common: A to Z after the alike ones.
        Assert.Equal(["Korte lijnen", "Ontschotte budgetten"], ordered[2..]);
    }
}
