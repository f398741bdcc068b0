using System.Text;
using Sessions.Core.Domain;

namespace Sessions.Core.Reports;

/// <summary>Markdown to paste into a blog post, laid out like the post of 25 November 2022.</summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public string Format => "md";
    public string ContentType => "text/markdown; charset=utf-8";

    public void Write(ReportModel report, Stream output)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(report));
        output.Write(bytes);
    }

    public static string Render(ReportModel report)
    {
        var l = report.Labels;
        var md = new StringBuilder();
        md.Append("# ").Append(MarkdownText.Escape(BidiText.Isolate(report.Title))).Append("\n\n");
        if (report.DateText is { } date)
        {
            md.Append(date).Append("\n\n");
        }
        if (report.IsInterim)
        {
            md.Append("> **").Append(MarkdownText.Escape(l.Interim)).Append("**\n\n");
        }
        if (report.Intro.Length > 0)
        {
            md.Append(MarkdownText.EscapeBlock(report.Intro)).Append("\n\n");
        }

        foreach (var q in report.Questions)
        {
            md.Append(q.Number).Append(". ").Append(MarkdownText.Escape(BidiText.Isolate(q.Text))).Append('\n');
            foreach (var r in q.Top3)
            {
                md.Append("   ").Append(r.Rank).Append(". ").Append(MarkdownText.Escape(BidiText.Isolate(r.Text)))
                    .Append(" (").Append(l.Dots(r.Dots)).Append(")\n");
            }
            if (q.Top3.Count == 0 && q.TieNote is null)
            {
                md.Append("\n   *").Append(MarkdownText.Escape(l.NoResult)).Append("*\n");
            }
            if (q.TieNote is { } note)
            {
                md.Append("\n   *").Append(MarkdownText.Escape(note)).Append("*\n");
            }
            md.Append('\n');
        }

        if (report.IncludesAllAnswers)
        {
            md.Append("## ").Append(MarkdownText.Escape(l.AllAnswers)).Append("\n\n");
            foreach (var q in report.Questions)
            {
                md.Append("### ").Append(MarkdownText.Escape($"{l.Question} {q.Number}")).Append("\n\n");
                foreach (var a in q.AllAnswers.Where(a => !a.Hidden))
                {
                    md.Append("- ").Append(MarkdownText.Escape(BidiText.Isolate(a.Text)))
                        .Append(" (").Append(MarkdownText.Escape(ReportText.AnswerNote(a, l))).Append(")\n");
                }
                md.Append('\n');
            }
        }

        if (report.ClosingText.Length > 0)
        {
            md.Append(MarkdownText.EscapeBlock(report.ClosingText)).Append("\n\n");
        }
        if (report.Participants.Count > 0)
        {
            md.Append(MarkdownText.Escape(l.ParticipantsIntro(report.Date))).Append("\n\n");
            foreach (var p in report.Participants)
            {
                md.Append("- ").Append(MarkdownText.Escape(p.Display)).Append('\n');
            }
        }
        return md.ToString().TrimEnd('\n') + "\n";
    }
}
