using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Sessions.Core.Reports;

/// <summary>A Word document with real headings and numbered lists (each top 3 numbered from 1 again).</summary>
public sealed class DocxReportWriter : IReportWriter
{
    private const int QuestionList = 1;
    private const int BulletList = 2;
    private const int FirstTop3List = 100;

    public string Format => "docx";
    public string ContentType => "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public void Write(ReportModel report, Stream output)
    {
        // OpenXml needs a seekable stream; the response body is not.
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            AddNumbering(main, report.Questions.Count);
            document.PackageProperties.Title = report.Title;
            document.PackageProperties.Language = report.Language;
            main.Document = new Document(new Body(Content(report).Append(SectionA4())));
            main.Document.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static IEnumerable<OpenXmlElement> Content(ReportModel report)
    {
        var l = report.Labels;
        yield return Styled("Title", report.Title);
        if (report.DateText is { } date)
        {
            yield return Styled("Subtitle", date);
        }
        if (report.IsInterim)
        {
            yield return Styled("IntenseQuote", l.Interim);
        }
        foreach (var p in Paragraphs(report.Intro))
        {
            yield return Plain(p);
        }
        foreach (var q in report.Questions)
        {
            yield return ListItem(q.Text, QuestionList, bold: true);
            foreach (var r in q.Top3)
            {
                yield return ListItem($"{r.Text} ({l.Dots(r.Dots)})", FirstTop3List + q.Number);
            }
            if (q.Top3.Count == 0 && q.TieNote is null)
            {
                yield return Indented(l.NoResult);
            }
            if (q.TieNote is { } note)
            {
                yield return Indented(note);
            }
        }
        if (report.IncludesAllAnswers)
        {
            yield return Styled("Heading1", l.AllAnswers);
            foreach (var q in report.Questions)
            {
                yield return Styled("Heading2", $"{l.Question} {q.Number}");
                foreach (var a in q.AllAnswers.Where(a => !a.Hidden))
                {
                    yield return ListItem($"{a.Text} ({ReportText.AnswerNote(a, l)})", BulletList);
                }
            }
        }
        foreach (var p in Paragraphs(report.ClosingText))
        {
            yield return Styled("Quote", p);
        }
        if (report.Participants.Count > 0)
        {
            yield return Plain(l.ParticipantsIntro(report.Date));
            foreach (var p in report.Participants)
            {
                yield return ListItem(p.Display, BulletList);
            }
        }
    }

    private static IEnumerable<string> Paragraphs(string text) => ReportText.Paragraphs(text).Select(p => p.Replace('\n', ' '));

    private static Run TextRun(string text, bool bold = false, bool italic = false)
    {
        var run = new Run(new WordText(text) { Space = SpaceProcessingModeValues.Preserve });
        if (bold || italic)
        {
            var properties = new RunProperties();
            if (bold)
            {
                properties.Append(new Bold());
            }
            if (italic)
            {
                properties.Append(new Italic());
            }
            run.PrependChild(properties);
        }
        return run;
    }

    private static Paragraph Plain(string text) => new(TextRun(text));

    private static Paragraph Styled(string styleId, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), TextRun(text));

    private static Paragraph Indented(string text) =>
        new(new ParagraphProperties(new Indentation { Left = "1080" }), TextRun(text, italic: true));

    private static Paragraph ListItem(string text, int numberingId, bool bold = false) =>
        new(new ParagraphProperties(
                new ParagraphStyleId { Val = "ListParagraph" },
                new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = numberingId })),
            TextRun(text, bold));

    private static SectionProperties SectionA4() =>
        new(new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 });

    private static void AddNumbering(MainDocumentPart main, int questions)
    {
        var numbering = new Numbering(
            Abstract(0, NumberFormatValues.Decimal, "%1.", left: 360),
            Abstract(1, NumberFormatValues.Decimal, "%1.", left: 1080),
            Abstract(2, NumberFormatValues.Bullet, "•", left: 720));
        numbering.Append(new NumberingInstance(new AbstractNumId { Val = 0 }) { NumberID = QuestionList });
        numbering.Append(new NumberingInstance(new AbstractNumId { Val = 2 }) { NumberID = BulletList });
        for (var q = 1; q <= questions; q++)
        {
            // One instance per question, restarting at 1, so every top 3 is numbered 1, 2, 3.
            numbering.Append(new NumberingInstance(
                new AbstractNumId { Val = 1 },
                new LevelOverride(new StartOverrideNumberingValue { Val = 1 }) { LevelIndex = 0 }) { NumberID = FirstTop3List + q });
        }
        main.AddNewPart<NumberingDefinitionsPart>().Numbering = numbering;
    }

    private static AbstractNum Abstract(int id, NumberFormatValues format, string text, int left) =>
        new(new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = format },
                new LevelText { Val = text },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = left.ToString(System.Globalization.CultureInfo.InvariantCulture), Hanging = "360" }))
            { LevelIndex = 0 })
        { AbstractNumberId = id };

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri" },
                    new FontSize { Val = "22" })),
                new ParagraphPropertiesDefault(new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto })),
            Style("Normal", "Normal", null),
            Style("Title", "Title", new StyleRunProperties(new Bold(), new Color { Val = "1D4E89" }, new FontSize { Val = "44" })),
            Style("Subtitle", "Subtitle", new StyleRunProperties(new Color { Val = "4B5563" }, new FontSize { Val = "24" })),
            Style("Heading1", "heading 1", new StyleRunProperties(new Bold(), new Color { Val = "1D4E89" }, new FontSize { Val = "32" })),
            Style("Heading2", "heading 2", new StyleRunProperties(new Bold(), new Color { Val = "1D4E89" }, new FontSize { Val = "26" })),
            Style("Quote", "Quote", new StyleRunProperties(new Italic(), new Color { Val = "374151" })),
            Style("IntenseQuote", "Intense Quote", new StyleRunProperties(new Bold(), new Color { Val = "B4451F" })),
            Style("ListParagraph", "List Paragraph", null));
        main.AddNewPart<StyleDefinitionsPart>().Styles = styles;
    }

    private static Style Style(string id, string name, StyleRunProperties? run)
    {
        var style = new Style(new StyleName { Val = name }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = id };
        if (id != "Normal")
        {
            style.Append(new BasedOn { Val = "Normal" });
        }
        if (run is not null)
        {
            style.Append(run);
        }
        return style;
    }
}
