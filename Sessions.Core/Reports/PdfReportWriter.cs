using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Sessions.Core.Reports;

/// <summary>An A4 PDF with the same content as the other formats, laid out line by line.</summary>
public sealed class PdfReportWriter : IReportWriter
{
    public string Format => "pdf";
    public string ContentType => "application/pdf";

    public void Write(ReportModel report, Stream output)
    {
        EmbeddedFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = report.Title;
        document.Language = report.Language;
        var page = new PdfPageLayout(document);
        var l = report.Labels;

        page.Paragraph(report.Title, page.Title, PdfPageLayout.Blue, spaceAfter: 4);
        if (report.DateText is { } date)
        {
            page.Paragraph(date, page.Body, PdfPageLayout.Grey, spaceAfter: 10);
        }
        if (report.IsInterim)
        {
            page.Paragraph(l.Interim, page.Bold, PdfPageLayout.Orange, spaceAfter: 10);
        }
        foreach (var paragraph in Paragraphs(report.Intro))
        {
            page.Paragraph(paragraph, page.Body, XBrushes.Black, spaceAfter: 8);
        }
        page.Space(6);

        foreach (var q in report.Questions)
        {
            page.KeepTogether(60);
            page.Numbered($"{q.Number}.", q.Text, page.Bold, indent: 0, spaceAfter: 4);
            foreach (var r in q.Top3)
            {
                page.Numbered($"{r.Rank}.", $"{r.Text} ({l.Dots(r.Dots)})", page.Body, indent: 22, spaceAfter: 3);
            }
            if (q.Top3.Count == 0 && q.TieNote is null)
            {
                page.Indented(l.NoResult, page.Italic, indent: 22, spaceAfter: 3);
            }
            if (q.TieNote is { } note)
            {
                page.Indented(note, page.Italic, indent: 22, spaceAfter: 3);
            }
            page.Space(8);
        }

        if (report.IncludesAllAnswers)
        {
            page.Paragraph(l.AllAnswers, page.Heading, PdfPageLayout.Blue, spaceAfter: 6);
            foreach (var q in report.Questions)
            {
                page.KeepTogether(40);
                page.Paragraph($"{l.Question} {q.Number}", page.Bold, XBrushes.Black, spaceAfter: 3);
                foreach (var a in q.AllAnswers.Where(a => !a.Hidden))
                {
                    page.Numbered("•", $"{a.Text} ({ReportText.AnswerNote(a, l)})", page.Body, indent: 10, spaceAfter: 2);
                }
                page.Space(6);
            }
        }

        if (report.ClosingText.Length > 0)
        {
            page.Space(6);
            foreach (var paragraph in Paragraphs(report.ClosingText))
            {
                page.Indented(paragraph, page.Italic, indent: 14, spaceAfter: 6);
            }
        }
        if (report.Participants.Count > 0)
        {
            page.Space(6);
            page.KeepTogether(60);
            page.Paragraph(l.ParticipantsIntro(report.Date), page.Body, XBrushes.Black, spaceAfter: 4);
            foreach (var p in report.Participants)
            {
                page.Numbered("•", p.Display, page.Body, indent: 10, spaceAfter: 2);
            }
        }
        page.Finish();
        document.Save(output, closeStream: false);
    }

    private static IEnumerable<string> Paragraphs(string text) => ReportText.Paragraphs(text).Select(p => p.Replace('\n', ' '));
}
