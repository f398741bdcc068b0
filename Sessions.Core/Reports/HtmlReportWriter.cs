using System.Net;
using System.Text;

namespace Sessions.Core.Reports;

/// <summary>One standalone, printable page: inline CSS, no scripts, nothing fetched.</summary>
public sealed class HtmlReportWriter : IReportWriter
{
    public string Format => "html";
    public string ContentType => "text/html; charset=utf-8";

    public void Write(ReportModel report, Stream output) =>
        output.Write(new UTF8Encoding(false).GetBytes(Render(report)));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// Text a person typed, in a &lt;bdi&gt; when it holds right-to-left letters or direction controls: what it holds
    /// then cannot turn around the dot count or anything else after it on the line. Other text stays as it was.
    /// </summary>
    private static string T(string text)
    {
        var balanced = Sessions.Core.Domain.BidiText.Balance(text);
        return Sessions.Core.Domain.BidiText.NeedsIsolation(balanced) ? $"<bdi>{E(balanced)}</bdi>" : E(balanced);
    }

    private static string Paragraphs(string text) =>
        string.Concat(ReportText.Paragraphs(text).Select(p => $"<p>{E(p).Replace("\n", "<br>", StringComparison.Ordinal)}</p>\n"));

    private static string Note(ReportAnswer answer, ReportLabels labels) =>
        answer.MergedInto is { } into ? $"{E(labels.MergedInto)} “{T(into)}”" : E(labels.Dots(answer.Dots));

    public static string Render(ReportModel report)
    {
        var l = report.Labels;
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(report.Language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(report.Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<article>\n");
        h.Append("<h1>").Append(T(report.Title)).Append("</h1>\n");
        if (report.DateText is { } date)
        {
            h.Append("<p class=\"date\">").Append(E(date)).Append("</p>\n");
        }
        if (report.IsInterim)
        {
            h.Append("<p class=\"interim\">").Append(E(l.Interim)).Append("</p>\n");
        }
        h.Append(Paragraphs(report.Intro));
        h.Append("<ol class=\"questions\">\n");
        foreach (var q in report.Questions)
        {
            h.Append("<li><p class=\"question\">").Append(T(q.Text)).Append("</p>\n");
            if (q.Top3.Count > 0)
            {
                h.Append("<ol class=\"top3\">\n");
                foreach (var r in q.Top3)
                {
                    h.Append("<li>").Append(T(r.Text)).Append(" <span class=\"dots\">(").Append(E(l.Dots(r.Dots))).Append(")</span></li>\n");
                }
                h.Append("</ol>\n");
            }
            else if (q.TieNote is null)
            {
                h.Append("<p class=\"note\">").Append(E(l.NoResult)).Append("</p>\n");
            }
            if (q.TieNote is { } note)
            {
                h.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
            }
            h.Append("</li>\n");
        }
        h.Append("</ol>\n");

        if (report.IncludesAllAnswers)
        {
            h.Append("<h2>").Append(E(l.AllAnswers)).Append("</h2>\n");
            foreach (var q in report.Questions)
            {
                h.Append("<h3>").Append(E($"{l.Question} {q.Number}")).Append("</h3>\n<ul class=\"all\">\n");
                foreach (var a in q.AllAnswers.Where(a => !a.Hidden))
                {
                    h.Append("<li>").Append(T(a.Text)).Append(" <span class=\"dots\">(")
                        .Append(Note(a, l)).Append(")</span></li>\n");
                }
                h.Append("</ul>\n");
            }
        }

        if (report.ClosingText.Length > 0)
        {
            h.Append("<blockquote>").Append(Paragraphs(report.ClosingText)).Append("</blockquote>\n");
        }
        if (report.Participants.Count > 0)
        {
            h.Append("<p>").Append(E(l.ParticipantsIntro(report.Date))).Append("</p>\n<ul class=\"participants\">\n");
            foreach (var p in report.Participants)
            {
                h.Append("<li>").Append(T(p.Display)).Append("</li>\n");
            }
            h.Append("</ul>\n");
        }
        h.Append("</article>\n</body>\n</html>\n");
        return h.ToString();
    }

    private const string Css = """
        body { font-family: "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111827; background: #fff; margin: 0; }
        article { max-width: 46rem; margin: 2.5rem auto; padding: 0 1.25rem; line-height: 1.55; font-size: 1.05rem; }
        h1 { color: #1d4e89; font-size: 2rem; line-height: 1.2; margin: 0 0 .25rem; }
        h2 { color: #1d4e89; margin-top: 2rem; }
        .date { color: #4b5563; margin-top: 0; }
        .interim { border-left: .3rem solid #b4451f; background: #fff7ed; padding: .5rem .8rem; font-weight: 600; }
        ol.questions > li { margin: 1.2rem 0; }
        .question { font-weight: 700; margin: 0 0 .4rem; }
        ol.top3 { margin: 0; }
        ol.top3 li { margin: .3rem 0; }
        .dots { color: #4b5563; white-space: nowrap; }
        .note { font-style: italic; color: #374151; margin: .4rem 0 0; }
        blockquote { margin: 2rem 0; padding: .2rem 1rem; border-left: .25rem solid #d1d5db; color: #374151; font-style: italic; }
        @page { size: A4; margin: 18mm 16mm; }
        @media print {
          article { margin: 0; max-width: none; font-size: 11pt; }
          ol.questions > li { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }

        """;
}
