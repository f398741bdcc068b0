using Sessions.Core.Domain;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Sessions.Tests.Reports;

public sealed class DocxReportTests : ReportsTestBase
{
    private async Task<(List<Paragraph> Paragraphs, Numbering Numbering)> FullSessionDocxAsync()
    {
        var session = await NewWorkshop().RunFullSessionAsync();
        var bytes = await RenderAsync(session, "docx");
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var main = document.MainDocumentPart!;
        // Clone so the elements outlive the package.
        var paragraphs = main.Document!.Body!.Elements<Paragraph>().Select(p => (Paragraph)p.CloneNode(true)).ToList();
        return (paragraphs, (Numbering)main.NumberingDefinitionsPart!.Numbering!.CloneNode(true));
    }

    private static Paragraph Find(List<Paragraph> paragraphs, string text) => Assert.Single(paragraphs, p => p.InnerText == text);

    private static int? NumberingIdOf(Paragraph p) => p.ParagraphProperties?.NumberingProperties?.NumberingId?.Val?.Value;

    [Fact]
    public async Task Word_document_opens_with_the_title_in_the_title_style_first()
    {
        var (paragraphs, _) = await FullSessionDocxAsync();

        var first = paragraphs[0];
        Assert.Equal(Workshop.Title, first.InnerText);
        Assert.Equal("Title", first.ParagraphProperties?.ParagraphStyleId?.Val?.Value);
        Assert.Equal("25 november 2022", paragraphs[1].InnerText);
    }

    [Fact]
    public async Task Word_document_numbers_each_question_in_one_list()
    {
        var (paragraphs, _) = await FullSessionDocxAsync();

        var q1 = Find(paragraphs, Workshop.Question1);
        var q2 = Find(paragraphs, Workshop.Question2);
        Assert.NotNull(q1.ParagraphProperties?.NumberingProperties);
        Assert.NotNull(NumberingIdOf(q1));
        Assert.Equal(NumberingIdOf(q1), NumberingIdOf(q2));
        Assert.True(paragraphs.IndexOf(q1) < paragraphs.IndexOf(q2));
    }

    [Fact]
    public async Task Word_document_numbers_each_top_3_in_its_own_list_that_restarts_at_1()
    {
        var (paragraphs, numbering) = await FullSessionDocxAsync();

        Paragraph[] top1 = [Find(paragraphs, "Meer tijd met elkaar (3 stippen)"), Find(paragraphs, "Samen leren (2 stippen)"), Find(paragraphs, "Kortere lijnen (2 stippen)")];
        Paragraph[] top2 = [Find(paragraphs, "Ideeën delen kost tijd (3 stippen)"), Find(paragraphs, "Elkaar écht zien (2 stippen)"), Find(paragraphs, "‘Gewoon’ doen, zei de directeur (1 stip)")];

        // In rank order, right after their question.
        var q1 = paragraphs.IndexOf(Find(paragraphs, Workshop.Question1));
        Assert.Equal([q1 + 1, q1 + 2, q1 + 3], top1.Select(p => paragraphs.IndexOf(p)));
        var q2 = paragraphs.IndexOf(Find(paragraphs, Workshop.Question2));
        Assert.Equal([q2 + 1, q2 + 2, q2 + 3], top2.Select(p => paragraphs.IndexOf(p)));

        var list1 = Assert.Single(top1.Select(NumberingIdOf).Distinct());
        var list2 = Assert.Single(top2.Select(NumberingIdOf).Distinct());
        Assert.NotNull(list1);
        Assert.NotNull(list2);
        Assert.NotEqual(list1, list2);
        Assert.NotEqual(NumberingIdOf(paragraphs[q1]), list1);

        foreach (var id in new[] { list1, list2 })
        {
            var instance = Assert.Single(numbering.Elements<NumberingInstance>(), n => n.NumberID?.Value == id);
            var abstractId = instance.AbstractNumId!.Val!.Value;
            var start = instance.Elements<LevelOverride>().FirstOrDefault()?.StartOverrideNumberingValue?.Val?.Value
                ?? numbering.Elements<AbstractNum>().Single(a => a.AbstractNumberId?.Value == abstractId)
                    .Elements<Level>().Single(l => l.LevelIndex?.Value == 0).StartNumberingValue!.Val!.Value;
            Assert.Equal(1, start);
            var format = numbering.Elements<AbstractNum>().Single(a => a.AbstractNumberId?.Value == abstractId)
                .Elements<Level>().Single(l => l.LevelIndex?.Value == 0).NumberingFormat!.Val!.Value;
            Assert.Equal(NumberFormatValues.Decimal, format);
        }
    }

    [Fact]
    public async Task Word_document_says_how_the_tie_was_settled()
    {
        var (paragraphs, _) = await FullSessionDocxAsync();

        Assert.Contains(paragraphs, p => p.InnerText == "Een gelijke stand is beslist door de keuze van de facilitator.");
    }

    [Fact]
    public async Task Word_document_lists_the_consenting_participants_in_join_order_after_the_closing_text()
    {
        var (paragraphs, _) = await FullSessionDocxAsync();

        var closing1 = Find(paragraphs, "Dank jullie wel voor het meedenken.");
        var closing2 = Find(paragraphs, "Tot de volgende keer!");
        Assert.Equal("Quote", closing1.ParagraphProperties?.ParagraphStyleId?.Val?.Value);
        var intro = Find(paragraphs, "Aan deze sessie van 25 november 2022 namen de volgende personen deel:");
        var willem = Find(paragraphs, "Willem de Vries (Gemeente Utrecht)");
        var anna = Find(paragraphs, "Anna Bakker (Hogeschool Arnhem)");
        Assert.NotNull(NumberingIdOf(willem));
        Assert.Equal(
            [paragraphs.IndexOf(closing1) + 1, paragraphs.IndexOf(closing2) + 1, paragraphs.IndexOf(intro) + 1, paragraphs.IndexOf(willem) + 1],
            new[] { closing2, intro, willem, anna }.Select(p => paragraphs.IndexOf(p)));
        Assert.Equal(anna, paragraphs[^1]);
    }

    [Fact]
    public async Task An_answer_with_a_character_no_document_can_hold_is_refused_so_every_report_still_renders()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Wat?"]);
        await workshop.JoinAsync("a", "Ann", "Org");

        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => workshop.AnswerAsync("a", "x", "Vreemd \uFFFF teken"));
        Assert.Equal(SessionError.Invalid, refused.Error);
        Assert.Contains("not text", refused.Message, StringComparison.Ordinal);

        var bytes = await RenderAsync(workshop.Session, "docx", includeAllAnswers: true);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.DoesNotContain("Vreemd", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }
}
